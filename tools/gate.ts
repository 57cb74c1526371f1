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
  proxiedProps,
  resourceArgs,
  stackArgs,
} from "./gate/args";
import { PolicyConfig, effectiveLevel, effectiveSettings, readPolicyConfig } from "./gate/config";

export type { PolicyConfig } from "./gate/config";
export { formatGate } from "./gate/format";

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

export { PACK_ID } from "./gate/pack";

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

/** Runs one validation and turns the engine's special errors into what the engine reports. */
async function guarded(
  policy: Policy,
  subject: string,
  run: () => void | Promise<void>,
  report: (level: "advisory", message: string) => void,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof NotApplicable) {
      return;
    }
    if (isUnknownValueError(error)) {
      report(
        "advisory",
        `can't run policy '${policy.name}' from policy pack '${PACK_ID}' during preview: ${error.message}`,
      );
      return;
    }
    throw new Error(`Policy \`${policy.name}\` failed on ${subject}: ${(error as Error).message}`, {
      cause: error,
    });
  }
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

  for (let i = 0; i < inputs.length; i++) {
    let input = inputs[i];
    const where = { urn: input.urn, resourceName: input.name, resourceType: input.type };
    // Remediations run first, each on the previous one's output, as in the engine.
    for (const { policy, level, settings } of active) {
      if (level !== "remediate" || !isResourcePolicy(policy) || !policy.remediateResource) {
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
        (lvl, message) =>
          violations.push({ policyName: policy.name, enforcementLevel: lvl, ...where, message }),
      );
    }
    inputs[i] = input;
    const props = proxiedProps(input.props);
    for (const { policy, level, settings } of active) {
      if (!isResourcePolicy(policy) || !policy.validateResource) {
        continue;
      }
      const reported = level === "advisory" ? "advisory" : "mandatory";
      const report: ReportViolation = (message) =>
        violations.push({
          policyName: policy.name,
          enforcementLevel: reported,
          ...where,
          message: `${policy.description}\n${message}`,
        });
      const validations = Array.isArray(policy.validateResource)
        ? policy.validateResource
        : [policy.validateResource];
      for (const validation of validations) {
        await guarded(
          policy,
          input.urn,
          () => validation(resourceArgs(input, settings, props), report),
          (lvl, message) =>
            violations.push({ policyName: policy.name, enforcementLevel: lvl, ...where, message }),
        );
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
      (lvl, message) =>
        violations.push({ policyName: policy.name, enforcementLevel: lvl, message }),
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
