/** The bad configurations of the configuration-validation test, each with its exact message. */

const K = (key: string) => `zscaler-mcp:${key}`;

/** One bad configuration and the exact error it must produce. */
export interface BadConfig {
  readonly title: string;
  /** [title, stack, overrides] */
  readonly case: [string, string, Record<string, unknown>];
  readonly expected: string;
}

/** The first half of the bad-configuration table (mode, image, secret and principal keys first). */
export const FIRST_CASES: BadConfig[] = [
  {
    title: "unknown mode",
    case: ["unknown mode", "dev", { [K("credentialMode")]: "sidecar" }],
    expected:
      '`zscaler-mcp:credentialMode` must be predeploy, runtime or lambda: got "sidecar"; run ' +
      "`pulumi config set credentialMode runtime`.",
  },
  {
    title: "runtime name with hyphen",
    case: ["runtime name with hyphen", "dev", { [K("runtimeName")]: "zscaler-mcp" }],
    expected:
      "`zscaler-mcp:runtimeName` must start with a letter and hold only letters, digits and " +
      'underscores, 48 characters at most: got "zscaler-mcp"; run `pulumi config set ' +
      "runtimeName zscalermcp_dev`.",
  },
  {
    title: "runtime name too long",
    case: ["runtime name too long", "dev", { [K("runtimeName")]: "z".repeat(49) }],
    expected:
      "`zscaler-mcp:runtimeName` must start with a letter and hold only letters, digits and " +
      "underscores, 48 characters at most: got " +
      '"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"; run `pulumi config set runtimeName ' +
      "zscalermcp_dev`.",
  },
  {
    title: "runtime name starting with digit",
    case: ["runtime name starting with digit", "dev", { [K("runtimeName")]: "1zscaler" }],
    expected:
      "`zscaler-mcp:runtimeName` must start with a letter and hold only letters, digits and " +
      'underscores, 48 characters at most: got "1zscaler"; run `pulumi config set runtimeName ' +
      "zscalermcp_dev`.",
  },
  {
    title: "missing image",
    case: ["missing image", "dev", { [K("containerUri")]: undefined }],
    expected:
      "`zscaler-mcp:containerUri` is required; push the Zscaler MCP server image to ECR and run " +
      "`pulumi config set containerUri " +
      "<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>`.",
  },
  {
    title: "docker hub image",
    case: [
      "docker hub image",
      "dev",
      { [K("containerUri")]: "docker.io/zscaler/zscaler-mcp-server:latest" },
    ],
    expected:
      "`zscaler-mcp:containerUri` must be a private ECR image with a tag or digest, " +
      "<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>: got " +
      '"docker.io/zscaler/zscaler-mcp-server:latest"; point it at the image in your ECR ' +
      "repository.",
  },
  {
    title: "image without tag",
    case: [
      "image without tag",
      "dev",
      { [K("containerUri")]: "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler/mcp" },
    ],
    expected:
      "`zscaler-mcp:containerUri` must be a private ECR image with a tag or digest, " +
      "<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>: got " +
      '"123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler/mcp"; point it at the image in ' +
      "your ECR repository.",
  },
  {
    title: "missing client id",
    case: ["missing client id", "dev", { [K("zscalerClientId")]: undefined }],
    expected:
      "`zscaler-mcp:zscalerClientId` is required when this stack creates the credentials " +
      "secret; set it with `pulumi config set --secret zscalerClientId`, or adopt an existing " +
      "secret with `createSecret: false`.",
  },
  {
    title: "missing client secret",
    case: ["missing client secret", "dev", { [K("zscalerClientSecret")]: undefined }],
    expected:
      "`zscaler-mcp:zscalerClientSecret` is required when this stack creates the credentials " +
      "secret; set it with `pulumi config set --secret zscalerClientSecret`, or adopt an " +
      "existing secret with `createSecret: false`.",
  },
  {
    title: "plain client secret",
    case: [
      "plain client secret",
      "dev",
      { [K("zscalerClientSecret")]: "canary-plain-secret-value" },
    ],
    expected:
      "`zscaler-mcp:zscalerClientSecret` is stored in plain text; remove it with `pulumi config " +
      "rm zscalerClientSecret` and set it again with `pulumi config set --secret " +
      "zscalerClientSecret`.",
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
      "`zscaler-mcp:secretArn` adopts an existing secret, which conflicts with `createSecret: " +
      "true`; set `pulumi config set createSecret false` to adopt it, or remove `secretArn` to " +
      "create one.",
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
      "`zscaler-mcp:secretArn` must be a full Secrets Manager secret ARN ending in the " +
      "six-character suffix: got " +
      '"arn:aws:secretsmanager:us-east-1:123456789012:secret:zscaler/mcp/credentials/dev"; copy ' +
      "the ARN from `aws secretsmanager describe-secret --secret-id <name>`.",
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
      "`zscaler-mcp:zscalerClientId` is set, but this stack adopts an existing secret and would " +
      "ignore it; remove it with `pulumi config rm zscalerClientId`, or set `createSecret: " +
      "true`.",
  },
  {
    title: "bad secret name",
    case: ["bad secret name", "dev", { [K("secretName")]: "zscaler mcp creds" }],
    expected:
      "`zscaler-mcp:secretName` must be 1 to 512 letters, digits or /_+=.@- characters: got " +
      '"zscaler mcp creds"; choose a name such as zscaler/mcp/credentials/dev.',
  },
  {
    title: "bad kms",
    case: ["bad kms", "dev", { [K("secretKmsKey")]: "customer" }],
    expected:
      "`zscaler-mcp:secretKmsKey` must be `aws-managed`, `create` or a KMS key ARN: got " +
      '"customer"; run `pulumi config set secretKmsKey create` for a customer-managed key.',
  },
  {
    title: "bad rotation lambda",
    case: ["bad rotation lambda", "dev", { [K("rotationLambdaArn")]: "RotateZscaler" }],
    expected:
      '`zscaler-mcp:rotationLambdaArn` must be a Lambda function ARN: got "RotateZscaler"; copy ' +
      "it from `aws lambda get-function --function-name <name>`.",
  },
  {
    title: "bad rotation schedule",
    case: ["bad rotation schedule", "dev", { [K("rotationSchedule")]: "every month" }],
    expected:
      "`zscaler-mcp:rotationSchedule` must be a schedule expression such as rate(30 days) or " +
      'cron(0 4 1 * ? *): got "every month"; run `pulumi config set rotationSchedule \'rate(30 ' +
      "days)'`.",
  },
  {
    title: "session reader",
    case: [
      "session reader",
      "dev",
      { [K("secretReaders")]: ["arn:aws:sts::123456789012:assumed-role/ops/alice"] },
    ],
    expected:
      "`zscaler-mcp:secretReaders` entries must be an IAM role or user ARN, not an STS session " +
      "ARN (use arn:aws:iam::<account>:role/ops); list IAM role or user ARNs only.",
  },
  {
    title: "bad administrator",
    case: ["bad administrator", "dev", { [K("secretAdministrators")]: ["alice"] }],
    expected:
      "`zscaler-mcp:secretAdministrators` entries must be an IAM role or user ARN " +
      '(arn:aws:iam::<account>:role/<name>): got "alice"; list IAM role or user ARNs only.',
  },
  {
    title: "session deployer",
    case: [
      "session deployer",
      "dev",
      { [K("deployerPrincipalArn")]: "arn:aws:sts::123456789012:assumed-role/ci/run-42" },
    ],
    expected:
      "`zscaler-mcp:deployerPrincipalArn` must be an IAM role or user ARN, not an STS session " +
      "ARN (use arn:aws:iam::<account>:role/ci); or remove the key to use the caller's own " +
      "role.",
  },
  {
    title: "recovery window",
    case: ["recovery window", "dev", { [K("secretRecoveryWindowDays")]: 3 }],
    expected:
      "`zscaler-mcp:secretRecoveryWindowDays` must be 0 or between 7 and 30: got 3; run `pulumi " +
      "config set secretRecoveryWindowDays 30`.",
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
      "`zscaler-mcp:subnetIds` must list at least one id in VPC network mode; run `pulumi " +
      "config set --path 'subnetIds[0]' subnet-...`.",
  },
  {
    title: "vpc without sgs",
    case: [
      "vpc without sgs",
      "dev",
      { [K("networkMode")]: "VPC", [K("subnetIds")]: ["subnet-0123456789abcdef0"] },
    ],
    expected:
      "`zscaler-mcp:securityGroupIds` must list at least one id in VPC network mode; run " +
      "`pulumi config set --path 'securityGroupIds[0]' sg-...`.",
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
      "`zscaler-mcp:subnetIds` entries must look like subnet-0123456789abcdef0: got " +
      '"subnet-xyz"; copy the ids from the VPC console.',
  },
  {
    title: "subnets in public",
    case: ["subnets in public", "dev", { [K("subnetIds")]: ["subnet-0123456789abcdef0"] }],
    expected:
      "`zscaler-mcp:subnetIds` only applies in VPC network mode; run `pulumi config set " +
      "networkMode VPC`, or remove the key.",
  },
];
