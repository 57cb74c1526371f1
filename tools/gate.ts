/**
 * The offline policy gate: runs the real `zscaler-mcp-guardrails` policies over the resources the
 * offline plan captured, the way `pulumi preview --policy-pack policy --policy-pack-config
 * policy/config/<stack>.json` runs them, and prints the result in the CLI's layout.
 */
import {
  Policy,
  ReportViolation,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { policies } from "../policy/policies";
import { PACK_ID } from "./gate/pack";
import { isUnknownValueError } from "../policy/lib/values";
import { CapturedResource } from "./capturedResource";
import {
  NotApplicable,
  ResourceInput,
  policyResources,
  resourceArgs,
  stackArgs,
} from "./gate/args";
import { PolicyConfig, effectiveLevel, effectiveSettings, readPolicyConfig } from "./gate/config";

export type { PolicyConfig } from "./gate/config";
export { formatGate } from "./gate/format";
export { PACK_ID } from "./gate/pack";

/** One finding, as `pulumi preview` would show it. */
export interface GateViolation {
  policyName: string;
  enforcementLevel: "advisory" | "mandatory" | "remediate";
  urn?: string;
  resourceName?: string;
  resourceType?: string;
  message: string;
}

/** The findings for one stack, with counts by level. */
export interface GateResult {
  stack: string;
  violations: GateViolation[];
  mandatory: number;
  advisory: number;
  remediated: number;
}

/** Reads `policy/config/<stack>.json`; the error names the file when it is missing or invalid. */
export function loadPolicyConfig(stack: string): PolicyConfig {
  return readPolicyConfig(stack, policies);
}

function isResourcePolicy(policy: Policy): policy is ResourceValidationPolicy {
  return "validateResource" in policy || "remediateResource" in policy;
}

function isStackPolicy(policy: Policy): policy is StackValidationPolicy {
  return "validateStack" in policy;
}

/**
 * Runs one validation or remediation and maps the analyzer's special errors the way the engine
 * does: "not applicable" is silent, an unknown value becomes an advisory note, anything else fails
 * the run. Returns a promise only when the policy did, so synchronous rules stay synchronous.
 */
function guarded(
  policy: Policy,
  subject: string,
  run: () => unknown,
  note: (message: string) => void,
): void | Promise<void> {
  const fail = (error: unknown): void => {
    if (error instanceof NotApplicable) {
      return;
    }
    if (isUnknownValueError(error)) {
      note(
        `can't run policy '${policy.name}' from policy pack '${PACK_ID}' during preview: ${error.message}`,
      );
      return;
    }
    throw new Error(`Policy \`${policy.name}\` failed on ${subject}: ${(error as Error).message}`, {
      cause: error,
    });
  };
  try {
    const result = run();
    if (result instanceof Promise) {
      return result.then(() => undefined, fail);
    }
  } catch (error) {
    fail(error);
  }
  return undefined;
}

/** Runs every policy of the pack over a stack's captured resources. */
export async function runGate(
  resources: readonly CapturedResource[],
  stack: string,
  policyConfig?: PolicyConfig,
): Promise<GateResult> {
  const config = policyConfig ?? loadPolicyConfig(stack);
  const violations: GateViolation[] = [];
  const active = policies
    .map((policy) => ({
      policy,
      level: effectiveLevel(policy, config),
      settings: effectiveSettings(policy, config),
    }))
    .filter((entry) => entry.level !== "disabled");
  const inputs: ResourceInput[] = resources.map((r) => ({
    type: r.type,
    name: r.name,
    urn: r.urn,
    props: r.props,
    parent: r.parent,
    dependencies: r.dependencies,
    propertyDependencies: (r as { propertyDependencies?: Record<string, string[]> })
      .propertyDependencies,
  }));

  // The resource and policy being evaluated; the closures below read them, so that the argument
  // bag and the report functions are built once per resource and per policy, not per pair.
  let where: Pick<GateViolation, "urn" | "resourceName" | "resourceType"> = {};
  let settingsNow: Record<string, unknown> = {};
  const resourcePolicies = active.flatMap(({ policy, level, settings }) => {
    if (!isResourcePolicy(policy)) {
      return [];
    }
    const reported: GateViolation["enforcementLevel"] =
      level === "advisory" ? "advisory" : "mandatory";
    const validations =
      policy.validateResource === undefined ? [] : [policy.validateResource].flat();
    const report: ReportViolation = (message) =>
      violations.push({
        policyName: policy.name,
        enforcementLevel: reported,
        ...where,
        message: `${policy.description}\n${message}`,
      });
    const note = (message: string): void =>
      void violations.push({
        policyName: policy.name,
        enforcementLevel: "advisory",
        ...where,
        message,
      });
    return [{ policy, level, settings, validations, report, note }];
  });

  for (let i = 0; i < inputs.length; i++) {
    let input = inputs[i];
    where = { urn: input.urn, resourceName: input.name, resourceType: input.type };
    // Remediations run first, each on the previous one's output, as in the engine.
    for (const { policy, level, settings, note } of resourcePolicies) {
      if (level !== "remediate" || !policy.remediateResource) {
        continue;
      }
      const remediate = policy.remediateResource;
      await guarded(
        policy,
        input.urn,
        async () => {
          const result = await remediate(resourceArgs(input, settings));
          if (result) {
            input = { ...input, props: result as Record<string, unknown> };
            violations.push({
              policyName: policy.name,
              enforcementLevel: "remediate",
              ...where,
              message: policy.description,
            });
          }
        },
        note,
      );
    }
    inputs[i] = input;
    const args = resourceArgs(input, () => settingsNow);
    for (const { policy, settings, validations, report, note } of resourcePolicies) {
      settingsNow = settings;
      for (const validation of validations) {
        const pending = guarded(policy, input.urn, () => validation(args, report), note);
        if (pending) {
          await pending;
        }
      }
    }
  }

  const stackResources = policyResources(inputs);
  const byUrn = new Map(inputs.map((input) => [input.urn, input]));
  for (const { policy, level, settings } of active) {
    if (!isStackPolicy(policy)) {
      continue;
    }
    const reported = level === "advisory" ? "advisory" : "mandatory";
    const report: ReportViolation = (message, urn) => {
      const resource = urn === undefined ? undefined : byUrn.get(urn);
      violations.push({
        policyName: policy.name,
        enforcementLevel: reported,
        ...(urn !== undefined ? { urn } : {}),
        ...(resource ? { resourceName: resource.name, resourceType: resource.type } : {}),
        message: `${policy.description}\n${message}`,
      });
    };
    await guarded(
      policy,
      `stack \`${stack}\``,
      () => policy.validateStack(stackArgs(stackResources, settings), report),
      (message) => {
        violations.push({ policyName: policy.name, enforcementLevel: "advisory", message });
      },
    );
  }

  return {
    stack,
    violations,
    mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").length,
    advisory: violations.filter((v) => v.enforcementLevel === "advisory").length,
    remediated: violations.filter((v) => v.enforcementLevel === "remediate").length,
  };
}
