/**
 * Reads a stack's configuration the way the Pulumi CLI hands it to the program: the project's
 * declared defaults, overlaid with `Pulumi.<stack>.yaml`, every value a string (lists and maps as
 * JSON). A `secure:` value cannot be decrypted offline; it becomes an opaque placeholder that is
 * marked secret, so the program sees a secret exactly where a real deployment would.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { ROOT, projectDefaults } from "./projectFile";

/** A stack's configuration, ready for `pulumi.runtime.setAllConfig`. */
export interface StackConfig {
  readonly stack: string;
  /** Full keys (`namespace:name`) to string values. */
  readonly values: Record<string, string>;
  /** Full keys whose values are secrets. */
  readonly secretKeys: string[];
}

/** The opaque stand-in for an encrypted value the offline plan cannot decrypt. */
export function securePlaceholder(key: string): string {
  return `offline-placeholder-for-${key.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

/** Stacks with a `Pulumi.<stack>.yaml` in the repository root, sorted. */
export function stackNames(): string[] {
  return fs
    .readdirSync(ROOT)
    .map((file) => /^Pulumi\.([\w-]+)\.yaml$/.exec(file)?.[1])
    .filter(
      (stack): stack is string =>
        stack !== undefined && !stack.endsWith(".deploy") && stack !== "deploy",
    )
    .sort();
}

function encode(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Loads `Pulumi.<stack>.yaml` with the project defaults. `overrides` replace or add keys (a value
 * of `undefined` removes one); `{ secure: value }` sets a secret value.
 */
export function loadStackConfig(
  stack: string,
  overrides: Record<string, unknown> = {},
): StackConfig {
  const file = path.join(ROOT, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    throw new Error(
      `No stack file Pulumi.${stack}.yaml; the stacks here are: ${stackNames().join(", ")}.`,
    );
  }
  const parsed = (yaml.load(fs.readFileSync(file, "utf8")) ?? {}) as {
    config?: Record<string, unknown>;
  };
  const raw: Record<string, unknown> = {
    ...projectDefaults(),
    ...(parsed.config ?? {}),
    ...overrides,
  };
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    if (typeof value === "object" && !Array.isArray(value) && "secure" in value) {
      const secure = (value as { secure: unknown }).secure;
      const isCiphertext = typeof secure === "string" && /^v1:[^:]*:[^:]*$/.test(secure);
      values[key] = isCiphertext ? securePlaceholder(key) : encode(secure);
      secretKeys.push(key);
    } else {
      values[key] = encode(value);
    }
  }
  return { stack, values, secretKeys };
}
