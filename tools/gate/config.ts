/**
 * Policy pack configuration in the `--policy-pack-config` file format, and how the engine resolves
 * it: a policy's own entry wins over `all`, which wins over the policy's default level; settings
 * are the schema defaults overlaid with the file's values.
 */
import * as fs from "fs";
import * as path from "path";
import { EnforcementLevel, Policy } from "@pulumi/policy";
import { schemaDefaults } from "../../policy/lib/metadata";

/** One entry of the file: a bare enforcement level, or an object with settings. */
export type PolicyConfigEntry =
  EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);

/** The whole file: `all` and policy names to entries. */
export type PolicyConfig = Record<string, PolicyConfigEntry>;

const LEVELS: ReadonlySet<string> = new Set(["advisory", "mandatory", "remediate", "disabled"]);

/** Directory of the per-stack config files. */
export const CONFIG_DIR = path.resolve(__dirname, "..", "..", "policy", "config");

/** The pack's default level when neither the file nor the policy sets one. */
const PACK_DEFAULT: EnforcementLevel = "advisory";

/** Checks a parsed config against the policies; throws one sentence naming the file and key. */
export function validatePolicyConfig(
  config: unknown,
  file: string,
  policies: readonly Policy[],
): PolicyConfig {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new Error(
      `Policy config \`${file}\` must be a JSON object mapping \`all\` and policy names to settings.`,
    );
  }
  const names = new Set(policies.map((p) => p.name));
  for (const [key, entry] of Object.entries(config as Record<string, unknown>)) {
    if (key !== "all" && !names.has(key)) {
      throw new Error(
        `Policy config \`${file}\` names \`${key}\`, which is not a policy of the pack; ` +
          `use \`all\` or one of: ${[...names].join(", ")}.`,
      );
    }
    const level =
      typeof entry === "string"
        ? entry
        : (entry as { enforcementLevel?: unknown })?.enforcementLevel;
    const shapeOk =
      typeof entry === "string" ||
      (typeof entry === "object" && entry !== null && !Array.isArray(entry));
    if (!shapeOk || (level !== undefined && !LEVELS.has(String(level)))) {
      throw new Error(
        `Policy config \`${file}\` sets \`${key}\` to an invalid value; use one of advisory, mandatory, ` +
          "remediate, disabled, or an object with `enforcementLevel` and the policy's settings.",
      );
    }
    const policy = policies.find((p) => p.name === key);
    if (policy && typeof entry === "object") {
      const known = new Set(Object.keys(policy.configSchema?.properties ?? {}));
      for (const setting of Object.keys(entry as object)) {
        if (setting !== "enforcementLevel" && !known.has(setting)) {
          throw new Error(
            `Policy config \`${file}\` sets \`${key}.${setting}\`, which the policy does not define; ` +
              `remove it or use one of: ${[...known].join(", ") || "(none)"}.`,
          );
        }
      }
    }
  }
  return config as PolicyConfig;
}

/** Reads and checks `policy/config/<stack>.json` (or `<dir>/<stack>.json`). */
export function readPolicyConfig(
  stack: string,
  policies: readonly Policy[],
  dir = CONFIG_DIR,
): PolicyConfig {
  const file = path.join(dir, `${stack}.json`);
  const shown = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new Error(
      `Policy config \`${shown}\` for stack \`${stack}\` could not be read; create it in ` +
        "`--policy-pack-config` format (see policy/config/dev.json).",
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `Policy config \`${shown}\` is not valid JSON (${(error as Error).message}); fix the syntax.`,
    );
  }
  return validatePolicyConfig(parsed, shown, policies);
}

/** The enforcement level the engine uses for a policy under a config. */
export function effectiveLevel(policy: Policy, config: PolicyConfig): EnforcementLevel {
  const levelOf = (entry: PolicyConfigEntry | undefined): EnforcementLevel | undefined =>
    typeof entry === "string" ? entry : entry?.enforcementLevel;
  return (
    levelOf(config[policy.name]) ?? levelOf(config.all) ?? policy.enforcementLevel ?? PACK_DEFAULT
  );
}

/** A policy's settings under a config: schema defaults, then the file's values. */
export function effectiveSettings(policy: Policy, config: PolicyConfig): Record<string, unknown> {
  const entry = config[policy.name];
  const given: Record<string, unknown> = typeof entry === "object" ? { ...entry } : {};
  delete given.enforcementLevel;
  return { ...(policy.configSchema ? schemaDefaults(policy.configSchema) : {}), ...given };
}
