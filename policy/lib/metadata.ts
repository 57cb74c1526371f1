/**
 * Shared policy metadata: control mappings written as tags, and settings read with their schema
 * defaults so that a rule behaves the same whether or not the engine filled the defaults in.
 */
import { PolicyComplianceFramework, PolicyConfigSchema } from "@pulumi/policy";

/** Controls a policy maps to, by catalogue. */
export interface ControlMapping {
  /** AWS Security Hub (Foundational Security Best Practices) control ids, e.g. `CloudTrail.1`. */
  readonly securityHub?: readonly string[];
  /** CIS AWS Foundations Benchmark recommendation numbers, e.g. `3.1`. */
  readonly cis?: readonly string[];
  /** Checkov check ids, e.g. `CKV_AWS_67`. */
  readonly checkov?: readonly string[];
}

/** Turns a control mapping into policy tags (`security-hub:CloudTrail.1`, `checkov:CKV_AWS_67`). */
export function controlTags(topic: readonly string[], controls: ControlMapping): string[] {
  return [
    ...topic,
    ...(controls.securityHub ?? []).map((id) => `security-hub:${id}`),
    ...(controls.cis ?? []).map((id) => `cis-aws:${id}`),
    ...(controls.checkov ?? []).map((id) => `checkov:${id}`),
  ];
}

/** The framework entry for a policy whose main mapping is a Security Hub control. */
export function securityHub(control: string, specification: string): PolicyComplianceFramework {
  return {
    name: "AWS Foundational Security Best Practices",
    version: "1.0.0",
    reference: control,
    specification,
  };
}

/** The framework entry for a project-specific control with no public catalogue id. */
export function projectControl(
  reference: string,
  specification: string,
): PolicyComplianceFramework {
  return { name: "zscaler-mcp-guardrails", version: "1", reference, specification };
}

/** Anything with a `getConfig` (resource and stack validation args both have one). */
interface HasConfig {
  getConfig<T extends object>(): T;
}

/** Schema defaults of a config schema, as an object. */
export function schemaDefaults(schema: PolicyConfigSchema): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    if (property.default !== undefined) {
      defaults[key] = property.default;
    }
  }
  return defaults;
}

/** Reads a policy's settings: the schema defaults, overlaid with whatever the config file sets. */
export function settings<T extends object>(args: HasConfig, schema: PolicyConfigSchema): T {
  return { ...schemaDefaults(schema), ...args.getConfig<Partial<T>>() } as T;
}
