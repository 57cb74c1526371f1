/**
 * Every configuration mistake is reported before any resource is registered, as one sentence
 * that names the key, what is wrong and how to fix it, and never repeats a credential.
 */
import * as assert from "node:assert/strict";
import { runProgram } from "../support/programHarness";

const K = (key: string) => `zscaler-mcp:${key}`;

interface BadConfig {
  readonly title: string;
  /** [title, stack, overrides] */
  readonly case: [string, string, Record<string, unknown>];
  readonly expected: string;
}

const CASES: BadConfig[] = [
  {
    title: "unknown mode",
    case: ["unknown mode", "dev", { [K("credentialMode")]: "sidecar" }],
    expected:
      '`zscaler-mcp:credentialMode` must be predeploy, runtime or lambda: got "sidecar"; run `pulumi config set credentialMode runtime`.',
  },
  {
    title: "runtime name with hyphen",
    case: ["runtime name with hyphen", "dev", { [K("runtimeName")]: "zscaler-mcp" }],
    expected:
      '`zscaler-mcp:runtimeName` must start with a letter and hold only letters, digits and underscores, 48 characters at most: got "zscaler-mcp"; run `pulumi config set runtimeName zscalermcp_dev`.',
  },
  {
    title: "runtime name too long",
    case: ["runtime name too long", "dev", { [K("runtimeName")]: "z".repeat(49) }],
    expected:
      '`zscaler-mcp:runtimeName` must start with a letter and hold only letters, digits and underscores, 48 characters at most: got "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"; run `pulumi config set runtimeName zscalermcp_dev`.',
  },
  {
    title: "runtime name starting with digit",
    case: ["runtime name starting with digit", "dev", { [K("runtimeName")]: "1zscaler" }],
    expected:
      '`zscaler-mcp:runtimeName` must start with a letter and hold only letters, digits and underscores, 48 characters at most: got "1zscaler"; run `pulumi config set runtimeName zscalermcp_dev`.',
  },
  {
    title: "missing image",
    case: ["missing image", "dev", { [K("containerUri")]: undefined }],
    expected:
      "`zscaler-mcp:containerUri` is required; push the Zscaler MCP server image to ECR and run `pulumi config set containerUri <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>`.",
  },
  {
    title: "docker hub image",
    case: [
      "docker hub image",
      "dev",
      { [K("containerUri")]: "docker.io/zscaler/zscaler-mcp-server:latest" },
    ],
    expected:
      '`zscaler-mcp:containerUri` must be a private ECR image with a tag or digest, <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>: got "docker.io/zscaler/zscaler-mcp-server:latest"; point it at the image in your ECR repository.',
  },
  {
    title: "image without tag",
    case: [
      "image without tag",
      "dev",
      { [K("containerUri")]: "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler/mcp" },
    ],
    expected:
      '`zscaler-mcp:containerUri` must be a private ECR image with a tag or digest, <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>: got "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler/mcp"; point it at the image in your ECR repository.',
  },
  {
    title: "missing client id",
    case: ["missing client id", "dev", { [K("zscalerClientId")]: undefined }],
    expected:
      "`zscaler-mcp:zscalerClientId` is required when this stack creates the credentials secret; set it with `pulumi config set --secret zscalerClientId`, or adopt an existing secret with `createSecret: false`.",
  },
  {
    title: "missing client secret",
    case: ["missing client secret", "dev", { [K("zscalerClientSecret")]: undefined }],
    expected:
      "`zscaler-mcp:zscalerClientSecret` is required when this stack creates the credentials secret; set it with `pulumi config set --secret zscalerClientSecret`, or adopt an existing secret with `createSecret: false`.",
  },
  {
    title: "plain client secret",
    case: [
      "plain client secret",
      "dev",
      { [K("zscalerClientSecret")]: "canary-plain-secret-value" },
    ],
    expected:
      "`zscaler-mcp:zscalerClientSecret` is stored in plain text; remove it with `pulumi config rm zscalerClientSecret` and set it again with `pulumi config set --secret zscalerClientSecret`.",
  },
  {
    title: "secretArn while creating",
    case: [
      "secretArn while creating",
      "dev",
      {
        [K("secretArn")]:
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:zscaler/mcp/credentials/dev-AbC123",
      },
    ],
    expected:
      "`zscaler-mcp:secretArn` adopts an existing secret, which conflicts with `createSecret: true`; set `pulumi config set createSecret false` to adopt it, or remove `secretArn` to create one.",
  },
  {
    title: "malformed secretArn",
    case: [
      "malformed secretArn",
      "dev",
      {
        [K("createSecret")]: false,
        [K("zscalerClientId")]: undefined,
        [K("zscalerClientSecret")]: undefined,
        [K("secretArn")]:
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:zscaler/mcp/credentials/dev",
      },
    ],
    expected:
      '`zscaler-mcp:secretArn` must be a full Secrets Manager secret ARN ending in the six-character suffix: got "arn:aws:secretsmanager:us-east-1:123456789012:secret:zscaler/mcp/credentials/dev"; copy the ARN from `aws secretsmanager describe-secret --secret-id <name>`.',
  },
  {
    title: "secretArn and secretName",
    case: [
      "secretArn and secretName",
      "dev",
      {
        [K("createSecret")]: false,
        [K("zscalerClientId")]: undefined,
        [K("zscalerClientSecret")]: undefined,
        [K("secretName")]: "a/b",
        [K("secretArn")]:
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:zscaler/mcp/credentials/dev-AbC123",
      },
    ],
    expected:
      "`zscaler-mcp:secretName` and `secretArn` both name the secret to adopt; keep only one of them.",
  },
  {
    title: "values while adopting",
    case: ["values while adopting", "dev", { [K("createSecret")]: false }],
    expected:
      "`zscaler-mcp:zscalerClientId` is set, but this stack adopts an existing secret and would ignore it; remove it with `pulumi config rm zscalerClientId`, or set `createSecret: true`.",
  },
  {
    title: "bad secret name",
    case: ["bad secret name", "dev", { [K("secretName")]: "zscaler mcp creds" }],
    expected:
      '`zscaler-mcp:secretName` must be 1 to 512 letters, digits or /_+=.@- characters: got "zscaler mcp creds"; choose a name such as zscaler/mcp/credentials/dev.',
  },
  {
    title: "bad kms",
    case: ["bad kms", "dev", { [K("secretKmsKey")]: "customer" }],
    expected:
      '`zscaler-mcp:secretKmsKey` must be `aws-managed`, `create` or a KMS key ARN: got "customer"; run `pulumi config set secretKmsKey create` for a customer-managed key.',
  },
  {
    title: "bad rotation lambda",
    case: ["bad rotation lambda", "dev", { [K("rotationLambdaArn")]: "RotateZscaler" }],
    expected:
      '`zscaler-mcp:rotationLambdaArn` must be a Lambda function ARN: got "RotateZscaler"; copy it from `aws lambda get-function --function-name <name>`.',
  },
  {
    title: "bad rotation schedule",
    case: ["bad rotation schedule", "dev", { [K("rotationSchedule")]: "every month" }],
    expected:
      "`zscaler-mcp:rotationSchedule` must be a schedule expression such as rate(30 days) or cron(0 4 1 * ? *): got \"every month\"; run `pulumi config set rotationSchedule 'rate(30 days)'`.",
  },
  {
    title: "session reader",
    case: [
      "session reader",
      "dev",
      { [K("secretReaders")]: ["arn:aws:sts::123456789012:assumed-role/ops/alice"] },
    ],
    expected:
      "`zscaler-mcp:secretReaders` entries must be an IAM role or user ARN, not an STS session ARN (use arn:aws:iam::<account>:role/ops); list IAM role or user ARNs only.",
  },
  {
    title: "bad administrator",
    case: ["bad administrator", "dev", { [K("secretAdministrators")]: ["alice"] }],
    expected:
      '`zscaler-mcp:secretAdministrators` entries must be an IAM role or user ARN (arn:aws:iam::<account>:role/<name>): got "alice"; list IAM role or user ARNs only.',
  },
  {
    title: "session deployer",
    case: [
      "session deployer",
      "dev",
      { [K("deployerPrincipalArn")]: "arn:aws:sts::123456789012:assumed-role/ci/run-42" },
    ],
    expected:
      "`zscaler-mcp:deployerPrincipalArn` must be an IAM role or user ARN, not an STS session ARN (use arn:aws:iam::<account>:role/ci); or remove the key to use the caller's own role.",
  },
  {
    title: "recovery window",
    case: ["recovery window", "dev", { [K("secretRecoveryWindowDays")]: 3 }],
    expected:
      "`zscaler-mcp:secretRecoveryWindowDays` must be 0 or between 7 and 30: got 3; run `pulumi config set secretRecoveryWindowDays 30`.",
  },
  {
    title: "bad network mode",
    case: ["bad network mode", "dev", { [K("networkMode")]: "PRIVATE" }],
    expected:
      '`zscaler-mcp:networkMode` must be PUBLIC or VPC: got "PRIVATE"; run `pulumi config set networkMode PUBLIC`.',
  },
  {
    title: "vpc without subnets",
    case: [
      "vpc without subnets",
      "dev",
      { [K("networkMode")]: "VPC", [K("securityGroupIds")]: ["sg-0123456789abcdef0"] },
    ],
    expected:
      "`zscaler-mcp:subnetIds` must list at least one id in VPC network mode; run `pulumi config set --path 'subnetIds[0]' subnet-...`.",
  },
  {
    title: "vpc without sgs",
    case: [
      "vpc without sgs",
      "dev",
      { [K("networkMode")]: "VPC", [K("subnetIds")]: ["subnet-0123456789abcdef0"] },
    ],
    expected:
      "`zscaler-mcp:securityGroupIds` must list at least one id in VPC network mode; run `pulumi config set --path 'securityGroupIds[0]' sg-...`.",
  },
  {
    title: "bad subnet id",
    case: [
      "bad subnet id",
      "dev",
      {
        [K("networkMode")]: "VPC",
        [K("subnetIds")]: ["subnet-xyz"],
        [K("securityGroupIds")]: ["sg-0123456789abcdef0"],
      },
    ],
    expected:
      '`zscaler-mcp:subnetIds` entries must look like subnet-0123456789abcdef0: got "subnet-xyz"; copy the ids from the VPC console.',
  },
  {
    title: "subnets in public",
    case: ["subnets in public", "dev", { [K("subnetIds")]: ["subnet-0123456789abcdef0"] }],
    expected:
      "`zscaler-mcp:subnetIds` only applies in VPC network mode; run `pulumi config set networkMode VPC`, or remove the key.",
  },
  {
    title: "bad protocol",
    case: ["bad protocol", "dev", { [K("serverProtocol")]: "GRPC" }],
    expected:
      '`zscaler-mcp:serverProtocol` must be MCP, HTTP or A2A: got "GRPC"; run `pulumi config set serverProtocol MCP`.',
  },
  {
    title: "http discovery url",
    case: [
      "http discovery url",
      "dev",
      {
        [K("jwtDiscoveryUrl")]: "http://login.example.com/.well-known/openid-configuration",
        [K("jwtAllowedClients")]: ["c"],
      },
    ],
    expected:
      '`zscaler-mcp:jwtDiscoveryUrl` must be an https URL ending in /.well-known/openid-configuration: got "http://login.example.com/.well-known/openid-configuration"; copy it from your identity provider\'s OpenID Connect settings.',
  },
  {
    title: "discovery without audiences",
    case: [
      "discovery without audiences",
      "dev",
      { [K("jwtDiscoveryUrl")]: "https://login.example.com/.well-known/openid-configuration" },
    ],
    expected:
      "`zscaler-mcp:jwtDiscoveryUrl` needs at least one of `jwtAllowedAudiences` or `jwtAllowedClients`, or any token from the issuer would be accepted; run `pulumi config set --path 'jwtAllowedClients[0]' <client-id>`.",
  },
  {
    title: "audiences without discovery",
    case: ["audiences without discovery", "dev", { [K("jwtAllowedAudiences")]: ["api"] }],
    expected:
      "`zscaler-mcp:jwtAllowedAudiences` needs `jwtDiscoveryUrl`; set the authorizer's discovery URL, or remove the key.",
  },
  {
    title: "idle timeout low",
    case: ["idle timeout low", "dev", { [K("idleTimeoutSeconds")]: 30 }],
    expected:
      "`zscaler-mcp:idleTimeoutSeconds` must be between 60 and 28800 seconds: got 30; run `pulumi config set idleTimeoutSeconds 900`.",
  },
  {
    title: "idle above lifetime",
    case: [
      "idle above lifetime",
      "dev",
      { [K("idleTimeoutSeconds")]: 7200, [K("maxLifetimeSeconds")]: 3600 },
    ],
    expected:
      "`zscaler-mcp:idleTimeoutSeconds` must not exceed `maxLifetimeSeconds` (3600): got 7200; lower it or raise `maxLifetimeSeconds`.",
  },
  {
    title: "not a number",
    case: ["not a number", "dev", { [K("maxLifetimeSeconds")]: "eight hours" }],
    expected:
      '`zscaler-mcp:maxLifetimeSeconds` must be a whole number: got "eight hours"; run `pulumi config set maxLifetimeSeconds <number>`.',
  },
  {
    title: "not a boolean",
    case: ["not a boolean", "dev", { [K("writeEnabled")]: "yes" }],
    expected:
      '`zscaler-mcp:writeEnabled` must be true or false: got "yes"; run `pulumi config set writeEnabled true`.',
  },
  {
    title: "write tools without write",
    case: ["write tools without write", "dev", { [K("writeTools")]: ["zpa_*"] }],
    expected:
      "`zscaler-mcp:writeTools` has no effect while `writeEnabled` is false; run `pulumi config set writeEnabled true`, or remove it.",
  },
  {
    title: "bad write tool",
    case: [
      "bad write tool",
      "dev",
      { [K("writeEnabled")]: true, [K("writeTools")]: ["ZPA tools"] },
    ],
    expected:
      '`zscaler-mcp:writeTools` entries must be tool names or prefixes such as zpa_*: got "ZPA tools"; fix the entry.',
  },
  {
    title: "extra env malformed",
    case: ["extra env malformed", "dev", { [K("extraEnvironment")]: ["LOG_LEVEL"] }],
    expected:
      "`zscaler-mcp:extraEnvironment` entry 1 must have the form NAME=value with a valid NAME; write entries as NAME=value.",
  },
  {
    title: "extra env credential",
    case: [
      "extra env credential",
      "dev",
      { [K("extraEnvironment")]: ["ZSCALER_CLIENT_SECRET=canary-extra-env-value"] },
    ],
    expected:
      "`zscaler-mcp:extraEnvironment` must not carry the credential ZSCALER_CLIENT_SECRET; keep credentials in the Secrets Manager secret, which the credential mode passes on.",
  },
  {
    title: "extra env managed",
    case: ["extra env managed", "dev", { [K("extraEnvironment")]: ["AWS_REGION=eu-west-1"] }],
    expected:
      "`zscaler-mcp:extraEnvironment` must not set AWS_REGION, which the program manages; use the matching configuration key instead.",
  },
  {
    title: "list not list",
    case: ["list not list", "dev", { [K("subnetIds")]: "subnet-0123456789abcdef0" }],
    expected:
      "`zscaler-mcp:subnetIds` must be a list of strings; set it as a YAML list in Pulumi.<stack>.yaml or with `pulumi config set --path 'subnetIds[0]' <value>`.",
  },
  {
    title: "trail conflict",
    case: [
      "trail conflict",
      "dev",
      { [K("existingTrailArn")]: "arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail" },
    ],
    expected:
      "`zscaler-mcp:existingTrailArn` names a trail to rely on, which conflicts with `createTrail: true`; run `pulumi config set createTrail false` to use it, or remove `existingTrailArn`.",
  },
  {
    title: "no trail",
    case: ["no trail", "dev", { [K("createTrail")]: false }],
    expected:
      "`zscaler-mcp:createTrail` is false, so the stack needs `existingTrailArn` to show its API calls are recorded; run `pulumi config set existingTrailArn arn:aws:cloudtrail:<region>:<account>:trail/<name>`.",
  },
  {
    title: "bad trail arn",
    case: [
      "bad trail arn",
      "dev",
      { [K("createTrail")]: false, [K("existingTrailArn")]: "org-trail" },
    ],
    expected:
      '`zscaler-mcp:existingTrailArn` must be a CloudTrail trail ARN: got "org-trail"; copy it from `aws cloudtrail describe-trails`.',
  },
  {
    title: "trail retention",
    case: ["trail retention", "dev", { [K("trailRetentionDays")]: 30 }],
    expected:
      "`zscaler-mcp:trailRetentionDays` must be at least 90 days: got 30; run `pulumi config set trailRetentionDays 365`.",
  },
  {
    title: "redeploy in predeploy",
    case: ["redeploy in predeploy", "dev", { [K("redeployOnRotation")]: true }],
    expected:
      "`zscaler-mcp:redeployOnRotation` only applies in `runtime` credential mode, and this stack uses `predeploy`; remove it, since the other modes already roll a new runtime version when the secret changes.",
  },
  {
    title: "schedule outside lambda",
    case: ["schedule outside lambda", "dev", { [K("deployerSchedule")]: "rate(1 day)" }],
    expected:
      "`zscaler-mcp:deployerSchedule` only applies in `lambda` credential mode; remove it, or run `pulumi config set credentialMode lambda`.",
  },
  {
    title: "log retention",
    case: [
      "log retention",
      "dev",
      { [K("credentialMode")]: "lambda", [K("deployerLogRetentionDays")]: 10 },
    ],
    expected:
      "`zscaler-mcp:deployerLogRetentionDays` must be one of CloudWatch's retention periods (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653): got 10; run `pulumi config set deployerLogRetentionDays 30`.",
  },
  {
    title: "wait timeout",
    case: ["wait timeout", "dev", { [K("waitTimeoutMinutes")]: 0 }],
    expected:
      "`zscaler-mcp:waitTimeoutMinutes` must be between 1 and 120: got 0; run `pulumi config set waitTimeoutMinutes 30`.",
  },
  {
    title: "environment",
    case: ["environment", "dev", { [K("environment")]: "Dev Env" }],
    expected:
      '`zscaler-mcp:environment` must be lower-case letters, digits or hyphens, starting with a letter: got "Dev Env"; run `pulumi config set environment dev`.',
  },
  {
    title: "reserved tag",
    case: ["reserved tag", "dev", { [K("runtimeTags")]: ["aws:owner=x"] }],
    expected: "`zscaler-mcp:runtimeTags` must not use the reserved aws: prefix; rename the tag.",
  },
  {
    title: "smoke timeout",
    case: ["smoke timeout", "prod", { [K("smokeCheckTimeoutSeconds")]: 1 }],
    expected:
      "`zscaler-mcp:smokeCheckTimeoutSeconds` must be between 5 and 900: got 1; run `pulumi config set smokeCheckTimeoutSeconds 120`.",
  },
  {
    title: "smoke check against a JWT-only runtime",
    case: [
      "smoke check against a JWT-only runtime",
      "prod",
      {
        [K("jwtDiscoveryUrl")]: "https://login.example.com/.well-known/openid-configuration",
        [K("jwtAllowedClients")]: ["mcp-clients"],
      },
    ],
    expected:
      "`zscaler-mcp:smokeCheck` cannot call a runtime that accepts only JWT bearer tokens " +
      "(`jwtDiscoveryUrl` is set), because the check signs its call with the deployer's AWS credentials; " +
      "set `smokeCheck: false`, or remove the JWT authorizer.",
  },
  {
    title: "bad permissions boundary",
    case: [
      "bad permissions boundary",
      "dev",
      { [K("permissionsBoundaryArn")]: "arn:aws:iam::123456789012:role/boundary" },
    ],
    expected:
      '`zscaler-mcp:permissionsBoundaryArn` must be an IAM managed policy ARN: got "arn:aws:iam::123456789012:role/boundary"; ' +
      "copy it from `aws iam get-policy --policy-arn <arn>`.",
  },
];

describe("Configuration validation", () => {
  for (const {
    title,
    case: [, stack, config],
    expected,
  } of CASES) {
    it(`rejects ${title} with its exact message`, async () => {
      const run = await runProgram({ stack, config });
      assert.equal(run.error?.message, expected);
      assert.equal(run.error?.name, "ConfigError");
      assert.deepEqual(
        run.resources.filter((resource) => resource.custom).map((resource) => resource.type),
        [],
        "no cloud resource may be registered before the configuration is valid",
      );
      assert.doesNotMatch(run.error?.message ?? "", /canary/);
    });
  }
});
