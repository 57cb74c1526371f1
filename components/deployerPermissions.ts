/**
 * The least-privilege permissions of the principal that runs `pulumi up` for one stack, derived
 * from what the stack actually manages in its credential mode. Published as a stack output (and
 * optionally as a managed policy) so a CI role can be given exactly this and nothing more.
 */
import { CredentialMode } from "./config/settings";
import { AGENTCORE_SERVICE } from "./executionRolePolicies";
import { PolicyDocument, ResolvedAccount, Statement, policyDocument } from "./policyDocument";

/** What the stack manages, as far as the deployer's permissions depend on it. */
export interface DeployerScope {
  readonly account: ResolvedAccount;
  readonly mode: CredentialMode;
  /** Prefix of every name this stack gives its IAM roles, functions, rules and buckets. */
  readonly namePrefix: string;
  /** The secret's name; permissions name it with AWS's six-character suffix. */
  readonly secretName: string;
  /** True when the stack creates (and so writes) the secret; false when it adopts it. */
  readonly createsSecret: boolean;
  /** True when the stack creates customer-managed KMS keys. */
  readonly createsKeys: boolean;
  /** The runtime's name; runtime ids start with it. */
  readonly runtimeName: string;
  /** The trail's name when the stack creates it. */
  readonly trailName?: string;
  /** True when the post-deploy smoke check runs. */
  readonly smokeCheck: boolean;
  /** The deploying principal; when it is a role, it may read itself to resolve its session. */
  readonly deployerArn: string;
}

/** The deployer's policy for `scope`. */
export function deployerPolicy(scope: DeployerScope): PolicyDocument {
  const { partition, region, accountId } = scope.account;
  const arn = (service: string, resource: string, inRegion = true) =>
    `arn:${partition}:${service}:${inRegion ? region : ""}:${accountId}:${resource}`;
  const secretArn = arn("secretsmanager", `secret:${scope.secretName}-??????`);
  const roles = `arn:${partition}:iam::${accountId}:role/${scope.namePrefix}-*`;
  const runtimes = arn("bedrock-agentcore", `runtime/${scope.runtimeName}-*`);

  const statements: Statement[] = [
    {
      // GetCallerIdentity does not support resource-level permissions.
      Sid: "ResolveCaller",
      Effect: "Allow",
      Action: "sts:GetCallerIdentity",
      Resource: "*",
    },
    ...(scope.deployerArn.includes(":role/")
      ? [
          {
            Sid: "ResolveCallerRole",
            Effect: "Allow" as const,
            Action: "iam:GetRole",
            Resource: scope.deployerArn,
          },
        ]
      : []),
    {
      Sid: "ManageStackRoles",
      Effect: "Allow",
      Action: [
        "iam:CreateRole",
        "iam:DeleteRole",
        "iam:GetRole",
        "iam:UpdateRole",
        "iam:UpdateAssumeRolePolicy",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:PutRolePolicy",
        "iam:GetRolePolicy",
        "iam:DeleteRolePolicy",
        "iam:ListRolePolicies",
        "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole",
      ],
      Resource: roles,
    },
    {
      Sid: "PassStackRoles",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: roles,
      Condition: {
        StringEquals: {
          "iam:PassedToService":
            scope.mode === "lambda" ? ["lambda.amazonaws.com"] : [AGENTCORE_SERVICE],
        },
      },
    },
    secretStatement(scope, secretArn),
  ];

  if (scope.createsKeys) statements.push(...keyStatements(arn));
  if (scope.mode !== "lambda") statements.push(...runtimeStatements(arn, runtimes, scope));
  if (scope.mode === "lambda") statements.push(...lambdaStatements(arn, scope.namePrefix));
  if (scope.smokeCheck) {
    statements.push({
      Sid: "SmokeCheckInvoke",
      Effect: "Allow",
      Action: "bedrock-agentcore:InvokeAgentRuntime",
      Resource: [runtimes, `${runtimes}/runtime-endpoint/DEFAULT`],
    });
  }
  if (scope.trailName !== undefined) {
    statements.push(
      ...trailStatements(arn, scope.trailName, `${scope.namePrefix}-audit-bucket-*`, partition),
    );
  }
  return policyDocument(statements);
}

function secretStatement(scope: DeployerScope, secretArn: string): Statement {
  const read = ["secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"];
  // Pulumi reads the value in predeploy mode, and whenever it manages the secret's version (a
  // created secret), because refreshing a version reads it back.
  if (scope.mode === "predeploy" || scope.createsSecret) read.push("secretsmanager:GetSecretValue");
  const write = scope.createsSecret
    ? [
        "secretsmanager:CreateSecret",
        "secretsmanager:DeleteSecret",
        "secretsmanager:UpdateSecret",
        "secretsmanager:PutSecretValue",
        "secretsmanager:TagResource",
        "secretsmanager:UntagResource",
        "secretsmanager:GetResourcePolicy",
        "secretsmanager:PutResourcePolicy",
        "secretsmanager:DeleteResourcePolicy",
        "secretsmanager:RotateSecret",
        "secretsmanager:CancelRotateSecret",
      ]
    : [];
  return {
    Sid: scope.createsSecret ? "ManageCredentialsSecret" : "ReadCredentialsSecretMetadata",
    Effect: "Allow",
    Action: [...read, ...write],
    Resource: secretArn,
  };
}

function keyStatements(arn: (service: string, resource: string) => string): Statement[] {
  return [
    {
      // CreateKey cannot be scoped to a resource; the tag condition ties it to this project.
      Sid: "CreateProjectKeys",
      Effect: "Allow",
      Action: ["kms:CreateKey", "kms:TagResource"],
      Resource: "*",
      Condition: { StringEquals: { "aws:RequestTag/project": "zscaler-mcp" } },
    },
    {
      Sid: "ManageProjectKeys",
      Effect: "Allow",
      Action: [
        "kms:DescribeKey",
        "kms:GetKeyPolicy",
        "kms:PutKeyPolicy",
        "kms:GetKeyRotationStatus",
        "kms:EnableKeyRotation",
        "kms:ListResourceTags",
        "kms:UntagResource",
        "kms:ScheduleKeyDeletion",
        "kms:CreateAlias",
        "kms:DeleteAlias",
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:GenerateDataKey",
      ],
      Resource: arn("kms", "key/*"),
      Condition: { StringEquals: { "aws:ResourceTag/project": "zscaler-mcp" } },
    },
    {
      Sid: "ManageProjectKeyAliases",
      Effect: "Allow",
      Action: ["kms:CreateAlias", "kms:DeleteAlias"],
      Resource: arn("kms", "alias/zscaler/*"),
    },
  ];
}

function runtimeStatements(
  arn: (service: string, resource: string) => string,
  runtimes: string,
  scope: DeployerScope,
): Statement[] {
  return [
    {
      Sid: "ManageRuntime",
      Effect: "Allow",
      Action: [
        "bedrock-agentcore:CreateAgentRuntime",
        "bedrock-agentcore:GetAgentRuntime",
        "bedrock-agentcore:UpdateAgentRuntime",
        "bedrock-agentcore:DeleteAgentRuntime",
        "bedrock-agentcore:TagResource",
        "bedrock-agentcore:UntagResource",
        "bedrock-agentcore:ListTagsForResource",
      ],
      Resource: [runtimes, `${runtimes}/runtime-endpoint/*`],
    },
    {
      Sid: "FindRuntimeByName",
      Effect: "Allow",
      Action: "bedrock-agentcore:ListAgentRuntimes",
      Resource: arn("bedrock-agentcore", "runtime/*"),
    },
    {
      // AgentCore creates the runtime's workload identity in the caller's name.
      Sid: "RuntimeWorkloadIdentity",
      Effect: "Allow",
      Action: [
        "bedrock-agentcore:CreateWorkloadIdentity",
        "bedrock-agentcore:GetWorkloadIdentity",
        "bedrock-agentcore:UpdateWorkloadIdentity",
        "bedrock-agentcore:DeleteWorkloadIdentity",
      ],
      Resource: [
        arn("bedrock-agentcore", "workload-identity-directory/default"),
        arn(
          "bedrock-agentcore",
          `workload-identity-directory/default/workload-identity/${scope.runtimeName}-*`,
        ),
      ],
    },
  ];
}

function lambdaStatements(
  arn: (service: string, resource: string) => string,
  prefix: string,
): Statement[] {
  return [
    {
      Sid: "ManageDeployerFunction",
      Effect: "Allow",
      Action: [
        "lambda:CreateFunction",
        "lambda:DeleteFunction",
        "lambda:GetFunction",
        "lambda:GetFunctionConfiguration",
        "lambda:GetFunctionCodeSigningConfig",
        "lambda:ListVersionsByFunction",
        "lambda:UpdateFunctionCode",
        "lambda:UpdateFunctionConfiguration",
        "lambda:TagResource",
        "lambda:UntagResource",
        "lambda:ListTags",
        "lambda:AddPermission",
        "lambda:RemovePermission",
        "lambda:GetPolicy",
        "lambda:InvokeFunction",
      ],
      Resource: arn("lambda", `function:${prefix}-*`),
    },
    {
      Sid: "ManageDeployerLogs",
      Effect: "Allow",
      Action: [
        "logs:CreateLogGroup",
        "logs:DeleteLogGroup",
        "logs:PutRetentionPolicy",
        "logs:TagResource",
        "logs:UntagResource",
        "logs:ListTagsForResource",
      ],
      Resource: arn("logs", `log-group:/aws/lambda/${prefix}-*`),
    },
    {
      Sid: "DescribeLogGroups",
      Effect: "Allow",
      Action: "logs:DescribeLogGroups",
      Resource: arn("logs", "log-group:*"),
    },
    {
      Sid: "ManageRotationRules",
      Effect: "Allow",
      Action: [
        "events:PutRule",
        "events:DeleteRule",
        "events:DescribeRule",
        "events:PutTargets",
        "events:RemoveTargets",
        "events:ListTargetsByRule",
        "events:TagResource",
        "events:UntagResource",
        "events:ListTagsForResource",
      ],
      Resource: arn("events", `rule/${prefix}-*`),
    },
  ];
}

function trailStatements(
  arn: (service: string, resource: string) => string,
  trailName: string,
  bucketPattern: string,
  partition: string,
): Statement[] {
  const bucket = `arn:${partition}:s3:::${bucketPattern}`;
  return [
    {
      Sid: "ManageAuditTrail",
      Effect: "Allow",
      Action: [
        "cloudtrail:CreateTrail",
        "cloudtrail:DeleteTrail",
        "cloudtrail:UpdateTrail",
        "cloudtrail:GetTrail",
        "cloudtrail:GetTrailStatus",
        "cloudtrail:StartLogging",
        "cloudtrail:StopLogging",
        "cloudtrail:GetEventSelectors",
        "cloudtrail:PutEventSelectors",
        "cloudtrail:GetInsightSelectors",
        "cloudtrail:AddTags",
        "cloudtrail:RemoveTags",
        "cloudtrail:ListTags",
      ],
      Resource: arn("cloudtrail", `trail/${trailName}`),
    },
    {
      // DescribeTrails has no resource-level permissions.
      Sid: "DescribeTrails",
      Effect: "Allow",
      Action: "cloudtrail:DescribeTrails",
      Resource: "*",
    },
    {
      Sid: "ManageAuditBucket",
      Effect: "Allow",
      Action: [
        "s3:CreateBucket",
        "s3:DeleteBucket",
        "s3:ListBucket",
        "s3:GetBucketTagging",
        "s3:PutBucketTagging",
        "s3:GetBucketPolicy",
        "s3:PutBucketPolicy",
        "s3:DeleteBucketPolicy",
        "s3:GetBucketPublicAccessBlock",
        "s3:PutBucketPublicAccessBlock",
        "s3:GetBucketOwnershipControls",
        "s3:PutBucketOwnershipControls",
        "s3:GetBucketVersioning",
        "s3:PutBucketVersioning",
        "s3:GetEncryptionConfiguration",
        "s3:PutEncryptionConfiguration",
        "s3:GetLifecycleConfiguration",
        "s3:PutLifecycleConfiguration",
        "s3:GetBucketAcl",
        "s3:GetBucketCORS",
        "s3:GetBucketWebsite",
        "s3:GetBucketLogging",
        "s3:GetBucketObjectLockConfiguration",
        "s3:GetReplicationConfiguration",
        "s3:GetAccelerateConfiguration",
        "s3:GetBucketRequestPayment",
      ],
      Resource: bucket,
    },
  ];
}
