/** The second half of the bad-configuration table, with exact messages. */
import { BadConfig } from "./badConfigCases";

const K = (key: string) => `zscaler-mcp:${key}`;

/** The second half of the bad-configuration table. */
export const SECOND_CASES: BadConfig[] = [
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
      "`zscaler-mcp:jwtDiscoveryUrl` must be an https URL ending in " +
      "/.well-known/openid-configuration: got " +
      '"http://login.example.com/.well-known/openid-configuration"; copy it from your identity ' +
      "provider's OpenID Connect settings.",
  },
  {
    title: "discovery without audiences",
    case: [
      "discovery without audiences",
      "dev",
      { [K("jwtDiscoveryUrl")]: "https://login.example.com/.well-known/openid-configuration" },
    ],
    expected:
      "`zscaler-mcp:jwtDiscoveryUrl` needs at least one of `jwtAllowedAudiences` or " +
      "`jwtAllowedClients`, or any token from the issuer would be accepted; run `pulumi config " +
      "set --path 'jwtAllowedClients[0]' <client-id>`.",
  },
  {
    title: "audiences without discovery",
    case: ["audiences without discovery", "dev", { [K("jwtAllowedAudiences")]: ["api"] }],
    expected:
      "`zscaler-mcp:jwtAllowedAudiences` needs `jwtDiscoveryUrl`; set the authorizer's " +
      "discovery URL, or remove the key.",
  },
  {
    title: "idle timeout low",
    case: ["idle timeout low", "dev", { [K("idleTimeoutSeconds")]: 30 }],
    expected:
      "`zscaler-mcp:idleTimeoutSeconds` must be between 60 and 28800 seconds: got 30; run " +
      "`pulumi config set idleTimeoutSeconds 900`.",
  },
  {
    title: "idle above lifetime",
    case: [
      "idle above lifetime",
      "dev",
      { [K("idleTimeoutSeconds")]: 7200, [K("maxLifetimeSeconds")]: 3600 },
    ],
    expected:
      "`zscaler-mcp:idleTimeoutSeconds` must not exceed `maxLifetimeSeconds` (3600): got 7200; " +
      "lower it or raise `maxLifetimeSeconds`.",
  },
  {
    title: "not a number",
    case: ["not a number", "dev", { [K("maxLifetimeSeconds")]: "eight hours" }],
    expected:
      '`zscaler-mcp:maxLifetimeSeconds` must be a whole number: got "eight hours"; run `pulumi ' +
      "config set maxLifetimeSeconds <number>`.",
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
      "`zscaler-mcp:writeTools` has no effect while `writeEnabled` is false; run `pulumi config " +
      "set writeEnabled true`, or remove it.",
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
      "`zscaler-mcp:extraEnvironment` entry 1 must have the form NAME=value with a valid NAME; " +
      "write entries as NAME=value.",
  },
  {
    title: "extra env credential",
    case: [
      "extra env credential",
      "dev",
      { [K("extraEnvironment")]: ["ZSCALER_CLIENT_SECRET=canary-extra-env-value"] },
    ],
    expected:
      "`zscaler-mcp:extraEnvironment` must not carry the credential ZSCALER_CLIENT_SECRET; keep " +
      "credentials in the Secrets Manager secret, which the credential mode passes on.",
  },
  {
    title: "extra env managed",
    case: ["extra env managed", "dev", { [K("extraEnvironment")]: ["AWS_REGION=eu-west-1"] }],
    expected:
      "`zscaler-mcp:extraEnvironment` must not set AWS_REGION, which the program manages; use " +
      "the matching configuration key instead.",
  },
  {
    title: "list not list",
    case: ["list not list", "dev", { [K("subnetIds")]: "subnet-0123456789abcdef0" }],
    expected:
      "`zscaler-mcp:subnetIds` must be a list of strings; set it as a YAML list in " +
      "Pulumi.<stack>.yaml or with `pulumi config set --path 'subnetIds[0]' <value>`.",
  },
  {
    title: "trail conflict",
    case: [
      "trail conflict",
      "dev",
      { [K("existingTrailArn")]: "arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail" },
    ],
    expected:
      "`zscaler-mcp:existingTrailArn` names a trail to rely on, which conflicts with " +
      "`createTrail: true`; run `pulumi config set createTrail false` to use it, or remove " +
      "`existingTrailArn`.",
  },
  {
    title: "no trail",
    case: ["no trail", "dev", { [K("createTrail")]: false }],
    expected:
      "`zscaler-mcp:createTrail` is false, so the stack needs `existingTrailArn` to show its " +
      "API calls are recorded; run `pulumi config set existingTrailArn " +
      "arn:aws:cloudtrail:<region>:<account>:trail/<name>`.",
  },
  {
    title: "bad trail arn",
    case: [
      "bad trail arn",
      "dev",
      { [K("createTrail")]: false, [K("existingTrailArn")]: "org-trail" },
    ],
    expected:
      '`zscaler-mcp:existingTrailArn` must be a CloudTrail trail ARN: got "org-trail"; copy it ' +
      "from `aws cloudtrail describe-trails`.",
  },
  {
    title: "trail retention",
    case: ["trail retention", "dev", { [K("trailRetentionDays")]: 30 }],
    expected:
      "`zscaler-mcp:trailRetentionDays` must be at least 90 days: got 30; run `pulumi config " +
      "set trailRetentionDays 365`.",
  },
  {
    title: "redeploy in predeploy",
    case: ["redeploy in predeploy", "dev", { [K("redeployOnRotation")]: true }],
    expected:
      "`zscaler-mcp:redeployOnRotation` only applies in `runtime` credential mode, and this " +
      "stack uses `predeploy`; remove it, since the other modes already roll a new runtime " +
      "version when the secret changes.",
  },
  {
    title: "schedule outside lambda",
    case: ["schedule outside lambda", "dev", { [K("deployerSchedule")]: "rate(1 day)" }],
    expected:
      "`zscaler-mcp:deployerSchedule` only applies in `lambda` credential mode; remove it, or " +
      "run `pulumi config set credentialMode lambda`.",
  },
  {
    title: "log retention",
    case: [
      "log retention",
      "dev",
      { [K("credentialMode")]: "lambda", [K("deployerLogRetentionDays")]: 10 },
    ],
    expected:
      "`zscaler-mcp:deployerLogRetentionDays` must be one of CloudWatch's retention periods (1, " +
      "3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, " +
      "2922, 3288, 3653): got 10; run `pulumi config set deployerLogRetentionDays 30`.",
  },
  {
    title: "wait timeout",
    case: ["wait timeout", "dev", { [K("waitTimeoutMinutes")]: 0 }],
    expected:
      "`zscaler-mcp:waitTimeoutMinutes` must be between 1 and 120: got 0; run `pulumi config " +
      "set waitTimeoutMinutes 30`.",
  },
  {
    title: "environment",
    case: ["environment", "dev", { [K("environment")]: "Dev Env" }],
    expected:
      "`zscaler-mcp:environment` must be 1 to 16 lower-case letters, digits or hyphens, starting " +
      'with a letter: got "Dev Env"; run `pulumi config set environment dev`.',
  },
  {
    title: "an environment too long for the role and function names",
    case: ["long environment", "dev", { [K("environment")]: "integration-staging" }],
    expected:
      "`zscaler-mcp:environment` must be 1 to 16 lower-case letters, digits or hyphens, starting " +
      'with a letter: got "integration-staging"; run `pulumi config set environment dev`.',
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
      "`zscaler-mcp:smokeCheckTimeoutSeconds` must be between 5 and 900: got 1; run `pulumi " +
      "config set smokeCheckTimeoutSeconds 120`.",
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
      "`zscaler-mcp:permissionsBoundaryArn` must be an IAM managed policy ARN: " +
      'got "arn:aws:iam::123456789012:role/boundary"; ' +
      "copy it from `aws iam get-policy --policy-arn <arn>`.",
  },
];
