/**
 * Writes and reads the project's `Pulumi.yaml`, whose `config:` block declares every key of
 * `components/config/keys.ts`. `npm run config:sync` rewrites the block; a test checks it is current.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { CONFIG_KEYS, ConfigKey, PROJECT } from "../../components/config/keys";

/** The repository root. */
export const ROOT = path.resolve(__dirname, "..", "..");

/** One key as Pulumi's project-level config schema writes it. */
interface DeclaredKey {
  type: string;
  description: string;
  default?: unknown;
  secret?: boolean;
  items?: { type: string };
}

function declaration(key: ConfigKey): DeclaredKey {
  const declared: DeclaredKey = { type: key.type, description: key.description };
  if (key.type === "array") declared.items = { type: "string" };
  if (key.default !== undefined) declared.default = key.default;
  if (key.secret) declared.secret = true;
  return declared;
}

/** The whole `Pulumi.yaml` text for the current key table. */
export function projectFileText(): string {
  const config: Record<string, DeclaredKey> = {};
  // Project keys are declared without the namespace; Pulumi files them under the project's name.
  for (const key of CONFIG_KEYS) config[key.name] = declaration(key);
  const body = yaml.dump(
    {
      name: PROJECT,
      runtime: { name: "nodejs", options: { typescript: true, packagemanager: "npm" } },
      description:
        "Zscaler MCP server on Amazon Bedrock AgentCore Runtime, credentials in AWS Secrets Manager",
      config,
    },
    { lineWidth: 100, noRefs: true },
  );
  return (
    "# Generated from components/config/keys.ts by `npm run config:sync`; edit that file instead.\n" +
    body
  );
}

/** Project-level defaults, keyed `zscaler-mcp:<name>`, as the Pulumi CLI applies them. */
export function projectDefaults(): Record<string, unknown> {
  const parsed = yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as {
    config?: Record<string, { default?: unknown }>;
  };
  const defaults: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed.config ?? {})) {
    if (value && typeof value === "object" && "default" in value) {
      defaults[key.includes(":") ? key : `${PROJECT}:${key}`] = value.default;
    }
  }
  return defaults;
}

if (require.main === module) {
  fs.writeFileSync(path.join(ROOT, "Pulumi.yaml"), projectFileText());
  console.log(`Pulumi.yaml: ${CONFIG_KEYS.length} configuration keys declared.`);
}
