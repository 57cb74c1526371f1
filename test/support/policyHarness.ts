/**
 * Runs one policy the way the analyzer does, on hand-built resources: real argument bags (from the
 * gate's builders), settings as schema defaults plus overrides, the unknown-checking proxy, and the
 * engine's handling of "not applicable" and "unknown during preview".
 */
import { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isUnknownValueError, UNKNOWN_STRING } from "../../policy/lib/values";
import {
  NotApplicable,
  ResourceInput,
  policyResources,
  resourceArgs,
  stackArgs,
} from "../../tools/gate/args";
import { schemaDefaults } from "../../policy/lib/metadata";

/** The unknown sentinel, for building preview-time fixtures. */
export const UNKNOWN = UNKNOWN_STRING;

/** What one run produced. */
export interface Outcome {
  /** Messages reported, in order. */
  readonly violations: string[];
  /** URNs passed with each stack violation (undefined for stack-wide ones). */
  readonly urns: (string | undefined)[];
  /** True when the policy called `notApplicable`. */
  readonly notApplicable: boolean;
  /** The "cannot decide at preview" message, when the policy raised one. */
  readonly undecided?: string;
}

/** A resource fixture: type, props and optionally a name and dependency information. */
export interface Fixture {
  readonly type: string;
  readonly props: Record<string, unknown>;
  readonly name?: string;
  readonly parent?: string;
  readonly dependencies?: readonly string[];
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

/** The URN the engine would give a resource of this type and name in stack `test`. */
export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::zscaler-mcp::${type}::${name}`;
}

function toInput(fixture: Fixture, index: number): ResourceInput {
  const name = fixture.name ?? `r${index}`;
  return {
    type: fixture.type,
    name,
    urn: urnOf(fixture.type, name),
    props: fixture.props,
    parent: fixture.parent,
    dependencies: fixture.dependencies,
    propertyDependencies: fixture.propertyDependencies,
  };
}

function settingsOf(policy: Policy, overrides: Record<string, unknown>): Record<string, unknown> {
  return { ...(policy.configSchema ? schemaDefaults(policy.configSchema) : {}), ...overrides };
}

async function capture(
  run: () => void | Promise<void>,
  outcome: Outcome & { undecided?: string },
): Promise<Outcome> {
  try {
    await run();
    return outcome;
  } catch (error) {
    if (error instanceof NotApplicable) {
      return { ...outcome, notApplicable: true };
    }
    if (isUnknownValueError(error)) {
      return { ...outcome, undecided: error.message };
    }
    throw error;
  }
}

/** Runs a resource policy's validation on one resource. */
export async function validateResource(
  policy: ResourceValidationPolicy,
  fixture: Fixture,
  overrides: Record<string, unknown> = {},
): Promise<Outcome> {
  const violations: string[] = [];
  const urns: (string | undefined)[] = [];
  const args = resourceArgs(toInput(fixture, 0), settingsOf(policy, overrides));
  const validations = Array.isArray(policy.validateResource)
    ? policy.validateResource
    : [policy.validateResource];
  return capture(
    async () => {
      for (const validation of validations) {
        await validation?.(args, (message) => {
          violations.push(message);
          urns.push(args.urn);
        });
      }
    },
    { violations, urns, notApplicable: false },
  );
}

/** Runs a resource policy's remediation; returns the new props, or undefined when unchanged. */
export async function remediateResource(
  policy: ResourceValidationPolicy,
  fixture: Fixture,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown> | undefined> {
  const args = resourceArgs(toInput(fixture, 0), settingsOf(policy, overrides));
  const result = await policy.remediateResource?.(args);
  return result ?? undefined;
}

/** Runs a stack policy over a set of resources. */
export async function validateStack(
  policy: StackValidationPolicy,
  fixtures: readonly Fixture[],
  overrides: Record<string, unknown> = {},
): Promise<Outcome> {
  const violations: string[] = [];
  const urns: (string | undefined)[] = [];
  const args = stackArgs(policyResources(fixtures.map(toInput)), settingsOf(policy, overrides));
  return capture(
    () =>
      policy.validateStack(args, (message, urn) => {
        violations.push(message);
        urns.push(urn);
      }),
    { violations, urns, notApplicable: false },
  );
}
