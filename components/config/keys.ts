/**
 * Every configuration key the program reads, with its type, meaning and default. This table is
 * the single source of truth: `Pulumi.yaml` declares the same keys (a test keeps them in step),
 * the README's reference table is written from it, and the offline plan applies its defaults the
 * way the Pulumi CLI does.
 */

/** The type of a configuration key, as Pulumi's project-level `config:` block names it. */
export type ConfigKeyType = "string" | "boolean" | "integer" | "array";

/** One declared configuration key. */
export interface ConfigKey {
  /** The key without the project namespace, e.g. `credentialMode`. */
  readonly name: string;
  readonly type: ConfigKeyType;
  /** One or two sentences for `pulumi config` users and the README. */
  readonly description: string;
  /** The project-wide default; absent when the default depends on the stack (said in the text). */
  readonly default?: string | boolean | number | readonly string[];
  /** True for values that must be set with `pulumi config set --secret`. */
  readonly secret?: boolean;
}

/** The project name, which is also the configuration namespace. */
export const PROJECT = "zscaler-mcp";

/** The declared keys, grouped as the README presents them. */
export const CONFIG_KEYS: readonly ConfigKey[] = [
  // Stack
  {
    name: "environment",
    type: "string",
    description:
      "Environment label used in names and defaults (1 to 16 lower-case letters, digits or " +
      "hyphens); `prod` turns on the production defaults. Default: the stack name.",
  },
  {
    name: "credentialMode",
    type: "string",
    description:
      "Who reads the Zscaler credentials: `predeploy` (Pulumi, at deploy time), `runtime` (the " +
      "container, at start) or `lambda` (a deployer Lambda). Default: `runtime` in prod, " +
      "`predeploy` elsewhere.",
  },
  // The credentials secret
  {
    name: "createSecret",
    type: "boolean",
    default: true,
    description:
      "Create the credentials secret (true) or adopt an existing one named by `secretName` or " +
      "`secretArn` (false).",
  },
  {
    name: "secretName",
    type: "string",
    description:
      "Name of the credentials secret. Default: `zscaler/mcp/credentials/<environment>`.",
  },
  {
    name: "secretArn",
    type: "string",
    description: "ARN of an existing credentials secret to adopt; requires `createSecret: false`.",
  },
  {
    name: "zscalerClientId",
    type: "string",
    secret: true,
    description: "Zscaler API client id written into a created secret (set with `--secret`).",
  },
  {
    name: "zscalerClientSecret",
    type: "string",
    secret: true,
    description: "Zscaler API client secret written into a created secret (set with `--secret`).",
  },
  {
    name: "zscalerVanityDomain",
    type: "string",
    description: "Zscaler vanity domain written into a created secret.",
  },
  {
    name: "zscalerCustomerId",
    type: "string",
    description: "Zscaler customer id written into a created secret.",
  },
  {
    name: "zscalerCloud",
    type: "string",
    default: "production",
    description: "Zscaler cloud written into a created secret.",
  },
  {
    name: "secretKmsKey",
    type: "string",
    description:
      "Key that encrypts the secret: `aws-managed`, `create` (a customer-managed key with " +
      "rotation) or a KMS key ARN. Default: `create` in prod, `aws-managed` elsewhere.",
  },
  {
    name: "rotationLambdaArn",
    type: "string",
    description: "ARN of a Secrets Manager rotation function; turns on rotation when set.",
  },
  {
    name: "rotationSchedule",
    type: "string",
    default: "rate(30 days)",
    description: "Rotation schedule expression, used with `rotationLambdaArn`.",
  },
  {
    name: "secretReaders",
    type: "array",
    default: [],
    description:
      "Further IAM role or user ARNs allowed to read the secret value (for example the " +
      "rotation function's role); everyone else is denied by the secret's resource policy.",
  },
  {
    name: "secretAdministrators",
    type: "array",
    default: [],
    description: "IAM role or user ARNs of administrators who keep read access to the secret.",
  },
  {
    name: "deployerPrincipalArn",
    type: "string",
    description:
      "IAM role or user ARN of the principal that runs `pulumi up`; kept allowed by the secret " +
      "policy. Default: the caller's role (resolved from its session) or user.",
  },
  {
    name: "secretRecoveryWindowDays",
    type: "integer",
    default: 30,
    description: "Days a deleted secret can be restored (0 deletes at once; otherwise 7 to 30).",
  },
  // The runtime
  {
    name: "runtimeName",
    type: "string",
    description:
      "AgentCore runtime name: a letter, then letters, digits or underscores, at most 48. " +
      "Default: `zscalermcp_<environment>`.",
  },
  {
    name: "containerUri",
    type: "string",
    description:
      "ECR image URI of the Zscaler MCP server, " +
      "`<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>` or `@sha256:<digest>`.",
  },
  {
    name: "runtimeDescription",
    type: "string",
    default: "Zscaler MCP server",
    description: "Description of the AgentCore runtime (at most 4,096 characters).",
  },
  {
    name: "networkMode",
    type: "string",
    default: "PUBLIC",
    description: "`PUBLIC`, or `VPC` with `subnetIds` and `securityGroupIds`.",
  },
  {
    name: "subnetIds",
    type: "array",
    default: [],
    description: "Subnet ids for `VPC` network mode.",
  },
  {
    name: "securityGroupIds",
    type: "array",
    default: [],
    description: "Security group ids for `VPC` network mode.",
  },
  {
    name: "serverProtocol",
    type: "string",
    default: "MCP",
    description: "Protocol the runtime serves: `MCP`, `HTTP` or `A2A`.",
  },
  {
    name: "jwtDiscoveryUrl",
    type: "string",
    description:
      "OpenID Connect discovery URL of an inbound JWT authorizer (must end in " +
      "`/.well-known/openid-configuration`); unset means IAM (SigV4) callers only.",
  },
  {
    name: "jwtAllowedAudiences",
    type: "array",
    default: [],
    description: "Audiences the JWT authorizer accepts.",
  },
  {
    name: "jwtAllowedClients",
    type: "array",
    default: [],
    description: "Client ids the JWT authorizer accepts.",
  },
  {
    name: "idleTimeoutSeconds",
    type: "integer",
    default: 900,
    description: "Seconds an idle session lives before AgentCore stops it (60 to 28,800).",
  },
  {
    name: "maxLifetimeSeconds",
    type: "integer",
    default: 28800,
    description:
      "Longest life of a session in seconds (60 to 28,800); also how long a rotated " +
      "credential can stay in use in `runtime` mode.",
  },
  {
    name: "runtimeTags",
    type: "array",
    default: [],
    description: "Extra tags for the runtime and every resource, as `key=value` strings.",
  },
  {
    name: "adoptExistingRuntime",
    type: "boolean",
    default: false,
    description:
      "Take over an existing runtime that already has `runtimeName` (updated in place) instead " +
      "of failing the first `pulumi up`; the way to bring a hand-made runtime under the stack.",
  },
  {
    name: "waitTimeoutMinutes",
    type: "integer",
    default: 30,
    description: "How long a deploy waits for the runtime to become READY.",
  },
  // The server
  {
    name: "writeEnabled",
    type: "boolean",
    default: false,
    description: "Turn on the server's write tools (`ZSCALER_MCP_WRITE_ENABLED`).",
  },
  {
    name: "writeTools",
    type: "array",
    default: [],
    description:
      "Allowlist of write tools or patterns such as `zpa_*` (`ZSCALER_MCP_WRITE_TOOLS`); " +
      "needs `writeEnabled`.",
  },
  {
    name: "extraEnvironment",
    type: "array",
    default: [],
    description:
      "Further environment variables for the server, as `NAME=value` strings; never credentials.",
  },
  {
    name: "redeployOnRotation",
    type: "boolean",
    default: false,
    description:
      "In `runtime` mode, pass the secret's current version id to the runtime so that a rotated " +
      "secret rolls a new runtime version on the next `pulumi up`.",
  },
  // Audit
  {
    name: "createTrail",
    type: "boolean",
    default: true,
    description: "Create a CloudTrail trail and its bucket; false requires `existingTrailArn`.",
  },
  {
    name: "existingTrailArn",
    type: "string",
    description: "ARN of an existing (for example organization) trail to rely on instead.",
  },
  {
    name: "trailKmsEncryption",
    type: "boolean",
    description: "Encrypt trail logs with a customer-managed KMS key. Default: true in prod.",
  },
  {
    name: "trailRetentionDays",
    type: "integer",
    default: 365,
    description: "Days before trail log objects expire from the bucket.",
  },
  // Deployer and checks
  {
    name: "permissionsBoundaryArn",
    type: "string",
    description:
      "IAM policy ARN set as the permissions boundary of every role the stack creates; the " +
      "deployer's policy then lets it create and change roles only under that boundary.",
  },
  {
    name: "createDeployerPolicy",
    type: "boolean",
    default: false,
    description:
      "Also create the deployer's least-privilege permissions as an IAM managed policy " +
      "(the document is always a stack output).",
  },
  {
    name: "deployerSchedule",
    type: "string",
    description:
      "In `lambda` mode, an EventBridge schedule expression on which the deployer re-applies " +
      "the runtime configuration as well as on secret changes.",
  },
  {
    name: "deployerLogRetentionDays",
    type: "integer",
    default: 30,
    description: "In `lambda` mode, days the deployer's logs are kept.",
  },
  {
    name: "smokeCheck",
    type: "boolean",
    description:
      "After the runtime is READY, call MCP `tools/list` through InvokeAgentRuntime and fail " +
      "the update if it does not answer. Default: true in prod unless a JWT authorizer is set " +
      "(the check signs with AWS credentials, which such a runtime refuses).",
  },
  {
    name: "smokeCheckTimeoutSeconds",
    type: "integer",
    default: 120,
    description: "How long the smoke check waits for the server's answer.",
  },
];
