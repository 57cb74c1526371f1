/**
 * Input rules of an AgentCore runtime, checked before any API call. Pure code with no Pulumi
 * import, so the deployer Lambda can run the same checks. Failure reasons describe the rule and
 * the fix and never echo a value: environment variables may hold credentials.
 */
import type { RuntimeSpec } from "./spec";

/** One broken rule: the property path and a sentence saying what is allowed and how to fix it. */
export interface SpecFailure {
  /** Property path, e.g. `environmentVariables.ZSCALER_CLIENT_ID`. */
  property: string;
  /** What was wrong, what is allowed, and the fix. */
  reason: string;
}

/** Service limits the checks enforce. */
export const RUNTIME_LIMITS = {
  namePattern: /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/,
  descriptionMax: 4096,
  envCountMax: 50,
  envKeyMax: 100,
  envValueMax: 2048,
  vpcIdsMax: 16,
  lifecycleMinSeconds: 60,
  lifecycleMaxSeconds: 28800,
  headersMax: 20,
  tagsMax: 50,
  tagKeyMax: 128,
  tagValueMax: 256,
};

const REPO_PART = "[a-z0-9]+(?:[._-][a-z0-9]+)*";
/** A private ECR image with a tag or digest: `<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`. */
export const CONTAINER_URI = new RegExp(
  "^\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/" +
    `(?:${REPO_PART}/)*${REPO_PART}` +
    "(?::\\w[\\w.-]{0,127}|@sha256:[a-f0-9]{64})$",
);
const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A VPC subnet id. */
export const SUBNET = /^subnet-[0-9a-zA-Z]{8,17}$/;
/** A VPC security group id. */
export const SECURITY_GROUP = /^sg-[0-9a-zA-Z]{8,17}$/;
/** An OpenID Connect discovery URL, as AgentCore's JWT authorizer takes it. */
export const DISCOVERY_URL = /^https:\/\/[^\s/]+(\/[^\s]*)?\/\.well-known\/openid-configuration$/;
const HEADER = /^(Authorization|X-Amzn-Bedrock-AgentCore-Runtime-Custom-[A-Za-z0-9-]+)$/;

function checkIds(
  out: SpecFailure[],
  property: string,
  ids: unknown,
  pattern: RegExp,
  example: string,
): void {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > RUNTIME_LIMITS.vpcIdsMax) {
    out.push({
      property,
      reason:
        `\`${property}\` must list 1 to ${RUNTIME_LIMITS.vpcIdsMax} ids; ` +
        "set it to the ids the runtime should use.",
    });
    return;
  }
  ids.forEach((id, i) => {
    if (typeof id !== "string" || !pattern.test(id)) {
      out.push({
        property: `${property}[${i}]`,
        reason: `\`${property}[${i}]\` must look like \`${example}\`; copy the id from the VPC dashboard.`,
      });
    }
  });
}

function checkNetwork(spec: RuntimeSpec, out: SpecFailure[]): void {
  const net = spec.networkConfiguration as RuntimeSpec["networkConfiguration"] | undefined;
  if (!net || (net.networkMode !== "PUBLIC" && net.networkMode !== "VPC")) {
    out.push({
      property: "networkConfiguration.networkMode",
      reason: "`networkConfiguration.networkMode` must be `PUBLIC` or `VPC`; set one of them.",
    });
    return;
  }
  const vpc = net.networkModeConfig;
  if (net.networkMode === "PUBLIC" && vpc) {
    out.push({
      property: "networkConfiguration.networkModeConfig",
      reason:
        "`networkConfiguration.networkModeConfig` is only allowed with `networkMode` `VPC`; " +
        "remove it or switch to `VPC`.",
    });
  }
  if (net.networkMode === "VPC") {
    if (!vpc) {
      out.push({
        property: "networkConfiguration.networkModeConfig",
        reason:
          "`networkConfiguration.networkModeConfig` is required with `networkMode` `VPC`; " +
          "give its `subnets` and `securityGroups`.",
      });
      return;
    }
    checkIds(
      out,
      "networkConfiguration.networkModeConfig.subnets",
      vpc.subnets,
      SUBNET,
      "subnet-0123456789abcdef0",
    );
    checkIds(
      out,
      "networkConfiguration.networkModeConfig.securityGroups",
      vpc.securityGroups,
      SECURITY_GROUP,
      "sg-0123456789abcdef0",
    );
  }
}

function checkEnvironment(spec: RuntimeSpec, out: SpecFailure[]): void {
  const env = spec.environmentVariables ?? {};
  const keys = Object.keys(env);
  if (keys.length > RUNTIME_LIMITS.envCountMax) {
    out.push({
      property: "environmentVariables",
      reason:
        `\`environmentVariables\` has ${keys.length} entries, at most ${RUNTIME_LIMITS.envCountMax} are allowed; ` +
        "move settings into one JSON value or into Secrets Manager.",
    });
  }
  for (const key of keys) {
    const property = `environmentVariables.${key}`;
    if (key.length === 0 || key.length > RUNTIME_LIMITS.envKeyMax || !ENV_KEY.test(key)) {
      out.push({
        property,
        reason:
          `\`${property}\` is not a valid variable name: use 1 to ${RUNTIME_LIMITS.envKeyMax} letters, digits ` +
          "and underscores, not starting with a digit.",
      });
    }
    const value: unknown = env[key];
    if (typeof value !== "string") {
      out.push({
        property,
        reason: `\`${property}\` must be a string; convert the value with \`String(...)\`.`,
      });
    } else if (value.length > RUNTIME_LIMITS.envValueMax) {
      out.push({
        property,
        reason:
          `\`${property}\` is ${value.length} characters long, at most ${RUNTIME_LIMITS.envValueMax} are ` +
          "allowed; pass a Secrets Manager secret name instead of the value.",
      });
    }
  }
}

function checkLifecycle(spec: RuntimeSpec, out: SpecFailure[]): void {
  const life = spec.lifecycleConfiguration ?? {};
  const { lifecycleMinSeconds: lo, lifecycleMaxSeconds: hi } = RUNTIME_LIMITS;
  for (const key of ["idleRuntimeSessionTimeout", "maxLifetime"] as const) {
    const value = life[key];
    if (value !== undefined && (!Number.isInteger(value) || value < lo || value > hi)) {
      out.push({
        property: `lifecycleConfiguration.${key}`,
        reason:
          `\`lifecycleConfiguration.${key}\` must be a whole number of seconds from ${lo} to ${hi}; ` +
          "pick a value in that range or leave it out for the service default.",
      });
    }
  }
  const idle = life.idleRuntimeSessionTimeout ?? 900;
  const max = life.maxLifetime ?? 28800;
  if (idle > max) {
    out.push({
      property: "lifecycleConfiguration.idleRuntimeSessionTimeout",
      reason:
        "`lifecycleConfiguration.idleRuntimeSessionTimeout` must not exceed `maxLifetime`; " +
        "lower it or raise `maxLifetime`.",
    });
  }
}

function checkAuthorizerAndHeaders(spec: RuntimeSpec, out: SpecFailure[]): void {
  const jwt = spec.authorizerConfiguration?.customJWTAuthorizer;
  if (
    spec.authorizerConfiguration &&
    (!jwt || typeof jwt.discoveryUrl !== "string" || !DISCOVERY_URL.test(jwt.discoveryUrl))
  ) {
    out.push({
      property: "authorizerConfiguration.customJWTAuthorizer.discoveryUrl",
      reason:
        "`authorizerConfiguration.customJWTAuthorizer.discoveryUrl` must be an https URL ending in " +
        "`/.well-known/openid-configuration`; use your identity provider's OIDC discovery URL.",
    });
  }
  const headers = spec.requestHeaderConfiguration?.requestHeaderAllowlist ?? [];
  if (headers.length > RUNTIME_LIMITS.headersMax) {
    out.push({
      property: "requestHeaderConfiguration.requestHeaderAllowlist",
      reason:
        "`requestHeaderConfiguration.requestHeaderAllowlist` allows at most " +
        `${RUNTIME_LIMITS.headersMax} headers; remove some.`,
    });
  }
  headers.forEach((header, i) => {
    if (!HEADER.test(header)) {
      out.push({
        property: `requestHeaderConfiguration.requestHeaderAllowlist[${i}]`,
        reason:
          `\`requestHeaderConfiguration.requestHeaderAllowlist[${i}]\` must be \`Authorization\` or start with ` +
          "`X-Amzn-Bedrock-AgentCore-Runtime-Custom-`; rename the header.",
      });
    }
  });
}

function checkTags(spec: RuntimeSpec, out: SpecFailure[]): void {
  const tags = spec.tags ?? {};
  if (Object.keys(tags).length > RUNTIME_LIMITS.tagsMax) {
    out.push({
      property: "tags",
      reason: `\`tags\` allows at most ${RUNTIME_LIMITS.tagsMax} entries; remove some.`,
    });
  }
  for (const [key, value] of Object.entries(tags)) {
    if (
      key.length === 0 ||
      key.length > RUNTIME_LIMITS.tagKeyMax ||
      key.toLowerCase().startsWith("aws:")
    ) {
      out.push({
        property: `tags.${key}`,
        reason:
          `\`tags.${key}\` must be 1 to ${RUNTIME_LIMITS.tagKeyMax} characters ` +
          "and not start with `aws:`; rename the tag.",
      });
    }
    if (typeof value !== "string" || value.length > RUNTIME_LIMITS.tagValueMax) {
      out.push({
        property: `tags.${key}`,
        reason: `\`tags.${key}\` must be a string of at most ${RUNTIME_LIMITS.tagValueMax} characters; shorten it.`,
      });
    }
  }
}

/** Checks every rule and returns all failures (empty when the spec is valid). */
export function validateSpec(spec: RuntimeSpec): SpecFailure[] {
  const out: SpecFailure[] = [];
  const name: unknown = spec.agentRuntimeName;
  if (typeof name !== "string" || !RUNTIME_LIMITS.namePattern.test(name)) {
    out.push({
      property: "agentRuntimeName",
      reason:
        "`agentRuntimeName` must start with a letter and hold 1 to 48 letters, digits and underscores " +
        "(no hyphens); rename the runtime, e.g. `zscaler_mcp_dev`.",
    });
  }
  if (
    spec.description !== undefined &&
    (typeof spec.description !== "string" ||
      spec.description.length > RUNTIME_LIMITS.descriptionMax)
  ) {
    out.push({
      property: "description",
      reason: `\`description\` must be a string of at most ${RUNTIME_LIMITS.descriptionMax} characters; shorten it.`,
    });
  }
  if (typeof spec.containerUri !== "string" || !CONTAINER_URI.test(spec.containerUri)) {
    out.push({
      property: "containerUri",
      reason:
        "`containerUri` must be an ECR image URI with a tag or digest, like " +
        "`123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1.2.3`; push the image to ECR and use its URI.",
    });
  }
  if (typeof spec.roleArn !== "string" || !ROLE_ARN.test(spec.roleArn)) {
    out.push({
      property: "roleArn",
      reason:
        "`roleArn` must be an IAM role ARN like `arn:aws:iam::123456789012:role/agentcore-runtime`; " +
        "pass the execution role's `arn` output.",
    });
  }
  const protocol = spec.protocolConfiguration?.serverProtocol;
  if (
    spec.protocolConfiguration &&
    protocol !== "MCP" &&
    protocol !== "HTTP" &&
    protocol !== "A2A"
  ) {
    out.push({
      property: "protocolConfiguration.serverProtocol",
      reason:
        "`protocolConfiguration.serverProtocol` must be `MCP`, `HTTP` or `A2A`; the Zscaler server speaks `MCP`.",
    });
  }
  checkNetwork(spec, out);
  checkEnvironment(spec, out);
  checkLifecycle(spec, out);
  checkAuthorizerAndHeaders(spec, out);
  checkTags(spec, out);
  return out;
}
