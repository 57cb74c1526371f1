/**
 * What the deployer Lambda is told about the runtime it manages, and how that travels: one JSON
 * environment variable written by the Pulumi component and read by the handler. Shared by both
 * sides, so it imports nothing from Pulumi. It never carries a credential: the handler reads those
 * from the secret at run time.
 */
import type { RuntimeSpec, WaitSettings } from "../agentcore/lifecycle";
import { CREDENTIAL_KEYS } from "../secretPayload";

/** The `source` of the event Pulumi sends the deployer at deploy time (`aws.lambda.Invocation`). */
export const PULUMI_EVENT_SOURCE = "zscaler-mcp.pulumi";

/** The environment variable of the deployer function that holds its {@link DeployerConfig}. */
export const DEPLOYER_CONFIG_ENV = "ZSCALER_MCP_DEPLOYER_CONFIG";

/**
 * Lambda allows 4 KB for all environment variables of a function together; the configuration
 * keeps a margin below that.
 */
export const MAX_CONFIG_BYTES = 3800;

/** The runtime settings the deployer applies: everything but the role and the credentials. */
export type DeployerRuntimeSettings = Omit<RuntimeSpec, "roleArn">;

/** Everything the handler needs besides the secret's value. */
export interface DeployerConfig {
  /** ARN of the credentials secret; its `AWSCURRENT` version is what the runtime receives. */
  secretArn: string;
  /** The AgentCore execution role the runtime assumes (passed with `iam:PassRole`). */
  executionRoleArn: string;
  /** Region of the runtime (the function's own region). */
  region: string;
  /** Runtime settings; `environmentVariables` holds no credential key. */
  runtime: DeployerRuntimeSettings;
  /** How long the handler waits for READY, and how often it polls. */
  wait: WaitSettings;
}

/** Thrown when a deployer configuration is unusable; the message names the field and the fix. */
export class DeployerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeployerConfigError";
  }
}

/**
 * Checks a configuration before it is written into the function (at deploy time) and after it is
 * read back (in the handler): required fields present, no credential key among the runtime's
 * plain environment variables, and a size that fits Lambda's environment limit.
 */
export function validateDeployerConfig(config: DeployerConfig): void {
  const required: [string, unknown][] = [
    ["secretArn", config.secretArn],
    ["executionRoleArn", config.executionRoleArn],
    ["region", config.region],
    ["runtime.agentRuntimeName", config.runtime?.agentRuntimeName],
    ["runtime.containerUri", config.runtime?.containerUri],
  ];
  const missing = required.filter(([, value]) => typeof value !== "string" || value === "");
  if (missing.length > 0) {
    const names = missing.map(([key]) => `\`${key}\``).join(", ");
    throw new DeployerConfigError(
      `Deployer configuration is missing ${names}: set them on the RuntimeDeployer component.`,
    );
  }
  const env = config.runtime.environmentVariables ?? {};
  const clashes = CREDENTIAL_KEYS.filter((key) => key in env);
  if (clashes.length > 0) {
    throw new DeployerConfigError(
      `\`runtime.environmentVariables\` sets credential keys ${clashes.map((k) => `\`${k}\``).join(", ")}, ` +
        "which only the secret may supply: remove them and store the values in the secret.",
    );
  }
  const bytes = Buffer.byteLength(serializeDeployerConfig(config), "utf8");
  if (bytes > MAX_CONFIG_BYTES) {
    throw new DeployerConfigError(
      `Deployer configuration is ${bytes} bytes, over the ${MAX_CONFIG_BYTES} allowed in the ` +
        `function's environment: shorten \`runtime.description\` or \`runtime.environmentVariables\`.`,
    );
  }
}

/** Serializes a configuration for the function's environment (stable key order for quiet diffs). */
export function serializeDeployerConfig(config: DeployerConfig): string {
  return JSON.stringify(sortKeys(config));
}

/** Reads and validates the configuration from the function's environment. */
export function readDeployerConfig(env: Record<string, string | undefined>): DeployerConfig {
  const raw = env[DEPLOYER_CONFIG_ENV];
  if (raw === undefined || raw === "") {
    throw new DeployerConfigError(
      `Environment variable \`${DEPLOYER_CONFIG_ENV}\` is not set: deploy the function through ` +
        "the RuntimeDeployer component, which writes it.",
    );
  }
  let config: DeployerConfig;
  try {
    config = JSON.parse(raw) as DeployerConfig;
  } catch {
    throw new DeployerConfigError(
      `Environment variable \`${DEPLOYER_CONFIG_ENV}\` is not valid JSON: redeploy the function ` +
        "through the RuntimeDeployer component instead of editing it by hand.",
    );
  }
  validateDeployerConfig(config);
  return config;
}

/** Builds the full runtime spec from the configuration and the credential env vars of the secret. */
export function runtimeSpecFor(
  config: DeployerConfig,
  credentials: Record<string, string>,
): RuntimeSpec {
  return {
    ...config.runtime,
    roleArn: config.executionRoleArn,
    environmentVariables: { ...(config.runtime.environmentVariables ?? {}), ...credentials },
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}
