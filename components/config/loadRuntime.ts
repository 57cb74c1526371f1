/**
 * Reads and validates the AgentCore runtime settings and the MCP server's own settings.
 */
import { ConfigReader, configError } from "./reader";
import {
  CREDENTIAL_ENV_NAMES,
  DISCOVERY_URL,
  ENV_NAME_PATTERN,
  SECURITY_GROUP,
  SUBNET,
  checkContainerUri,
  checkRuntimeName,
  parsePairs,
} from "./rules";
import { RuntimeSettings, ServerSettings } from "./settings";

/** Environment variables the program sets itself; configuration may not override them. */
export const MANAGED_ENV_NAMES: readonly string[] = [
  "ZSCALER_MCP_WRITE_ENABLED",
  "ZSCALER_MCP_WRITE_TOOLS",
  "ZSCALER_SECRET_NAME",
  "ZSCALER_SECRET_VERSION_ID",
  "USE_SECRETS_MANAGER",
  "SECRET_NAME",
  "AWS_REGION",
];

const PROTOCOLS = ["MCP", "HTTP", "A2A"] as const;
const LIFETIME_MIN = 60;
const LIFETIME_MAX = 28800;

/** Reads the runtime settings for `environment`. */
export function loadRuntimeSettings(config: ConfigReader, environment: string): RuntimeSettings {
  const defaultName = `zscalermcp_${environment.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const name = config.string("runtimeName") ?? defaultName;
  const nameProblem = checkRuntimeName(name);
  if (nameProblem) {
    throw configError(
      "runtimeName",
      nameProblem,
      `run \`pulumi config set runtimeName ${defaultName}\``,
    );
  }

  const containerUri = config.string("containerUri");
  if (containerUri === undefined) {
    throw configError(
      "containerUri",
      "is required",
      "push the Zscaler MCP server image to ECR and run " +
        "`pulumi config set containerUri <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>`",
    );
  }
  const uriProblem = checkContainerUri(containerUri);
  if (uriProblem)
    throw configError("containerUri", uriProblem, "point it at the image in your ECR repository");

  const description = config.string("runtimeDescription") ?? "Zscaler MCP server";
  if (description.length > 4096) {
    throw configError("runtimeDescription", "must be at most 4,096 characters", "shorten it");
  }

  const serverProtocol = config.string("serverProtocol") ?? "MCP";
  if (!(PROTOCOLS as readonly string[]).includes(serverProtocol)) {
    throw configError(
      "serverProtocol",
      `must be MCP, HTTP or A2A: got "${serverProtocol}"`,
      "run `pulumi config set serverProtocol MCP`",
    );
  }

  const idleTimeoutSeconds = readLifetime(config, "idleTimeoutSeconds", 900);
  const maxLifetimeSeconds = readLifetime(config, "maxLifetimeSeconds", 28800);
  if (idleTimeoutSeconds > maxLifetimeSeconds) {
    throw configError(
      "idleTimeoutSeconds",
      `must not exceed \`maxLifetimeSeconds\` (${maxLifetimeSeconds}): got ${idleTimeoutSeconds}`,
      "lower it or raise `maxLifetimeSeconds`",
    );
  }

  const waitMinutes = config.integerIn("waitTimeoutMinutes", { min: 1, max: 120, fallback: 30 });

  return {
    name,
    containerUri,
    description,
    network: readNetwork(config),
    serverProtocol: serverProtocol as RuntimeSettings["serverProtocol"],
    authorizer: readAuthorizer(config),
    idleTimeoutSeconds,
    maxLifetimeSeconds,
    waitTimeoutSeconds: waitMinutes * 60,
    adoptExisting: config.boolean("adoptExistingRuntime") ?? false,
  };
}

function readLifetime(config: ConfigReader, key: string, fallback: number): number {
  return config.integerIn(key, { min: LIFETIME_MIN, max: LIFETIME_MAX, fallback, unit: "seconds" });
}

function readNetwork(config: ConfigReader): RuntimeSettings["network"] {
  const mode = config.string("networkMode") ?? "PUBLIC";
  const subnetIds = config.list("subnetIds");
  const securityGroupIds = config.list("securityGroupIds");
  if (mode === "PUBLIC") {
    if (subnetIds.length > 0 || securityGroupIds.length > 0) {
      throw configError(
        subnetIds.length > 0 ? "subnetIds" : "securityGroupIds",
        "only applies in VPC network mode",
        "run `pulumi config set networkMode VPC`, or remove the key",
      );
    }
    return { mode };
  }
  if (mode !== "VPC") {
    throw configError(
      "networkMode",
      `must be PUBLIC or VPC: got "${mode}"`,
      "run `pulumi config set networkMode PUBLIC`",
    );
  }
  for (const [key, ids, prefix] of [
    ["subnetIds", subnetIds, "subnet-"],
    ["securityGroupIds", securityGroupIds, "sg-"],
  ] as const) {
    if (ids.length === 0) {
      throw configError(
        key,
        "must list at least one id in VPC network mode",
        `run \`pulumi config set --path '${key}[0]' ${prefix}...\``,
      );
    }
    const pattern = key === "subnetIds" ? SUBNET : SECURITY_GROUP;
    const bad = ids.find((id) => !pattern.test(id));
    if (bad !== undefined) {
      throw configError(
        key,
        `entries must look like ${prefix}0123456789abcdef0: got "${bad}"`,
        "copy the ids from the VPC console",
      );
    }
  }
  return { mode, subnetIds, securityGroupIds };
}

function readAuthorizer(config: ConfigReader): RuntimeSettings["authorizer"] {
  const discoveryUrl = config.string("jwtDiscoveryUrl");
  const allowedAudiences = config.list("jwtAllowedAudiences");
  const allowedClients = config.list("jwtAllowedClients");
  if (discoveryUrl === undefined) {
    if (allowedAudiences.length > 0 || allowedClients.length > 0) {
      throw configError(
        allowedAudiences.length > 0 ? "jwtAllowedAudiences" : "jwtAllowedClients",
        "needs `jwtDiscoveryUrl`",
        "set the authorizer's discovery URL, or remove the key",
      );
    }
    return undefined;
  }
  if (!DISCOVERY_URL.test(discoveryUrl)) {
    throw configError(
      "jwtDiscoveryUrl",
      `must be an https URL ending in /.well-known/openid-configuration: got "${discoveryUrl}"`,
      "copy it from your identity provider's OpenID Connect settings",
    );
  }
  if (allowedAudiences.length === 0 && allowedClients.length === 0) {
    throw configError(
      "jwtDiscoveryUrl",
      "needs at least one of `jwtAllowedAudiences` or `jwtAllowedClients`, or any token from " +
        "the issuer would be accepted",
      "run `pulumi config set --path 'jwtAllowedClients[0]' <client-id>`",
    );
  }
  return { discoveryUrl, allowedAudiences, allowedClients };
}

/** Reads the MCP server's own settings. */
export function loadServerSettings(config: ConfigReader): ServerSettings {
  const writeEnabled = config.boolean("writeEnabled") ?? false;
  const writeTools = config.list("writeTools");
  if (writeTools.length > 0 && !writeEnabled) {
    throw configError(
      "writeTools",
      "has no effect while `writeEnabled` is false",
      "run `pulumi config set writeEnabled true`, or remove it",
    );
  }
  const bad = writeTools.find((tool) => !/^[a-z][a-z0-9_]*\*?$/.test(tool));
  if (bad !== undefined) {
    throw configError(
      "writeTools",
      `entries must be tool names or prefixes such as zpa_*: got "${bad}"`,
      "fix the entry",
    );
  }

  const parsed = parsePairs(config.list("extraEnvironment"), ENV_NAME_PATTERN);
  if ("error" in parsed) {
    throw configError("extraEnvironment", parsed.error, "write entries as NAME=value");
  }
  for (const name of Object.keys(parsed.pairs)) {
    if (CREDENTIAL_ENV_NAMES.includes(name)) {
      throw configError(
        "extraEnvironment",
        `must not carry the credential ${name}`,
        "keep credentials in the Secrets Manager secret, which the credential mode passes on",
      );
    }
    if (MANAGED_ENV_NAMES.includes(name)) {
      throw configError(
        "extraEnvironment",
        `must not set ${name}, which the program manages`,
        "use the matching configuration key instead",
      );
    }
  }
  return {
    writeEnabled,
    writeTools,
    extraEnvironment: parsed.pairs,
    redeployOnRotation: config.boolean("redeployOnRotation") ?? false,
  };
}
