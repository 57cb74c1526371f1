/**
 * The service-specific statements of the deployer's policy: the AgentCore runtime (`predeploy`,
 * `runtime`), the deployer function and its rules (`lambda`), and the audit trail.
 */
import type { DeployerScope } from "./deployerPermissions";
import { Statement } from "./policyDocument";

/** Builds an ARN in the stack's partition, region and account. */
export type ArnBuilder = (service: string, resource: string) => string;

/** Creating, updating and deleting this runtime, in this region. */
export function runtimeStatements(
  arn: ArnBuilder,
  runtimes: string,
  scope: DeployerScope,
): Statement[] {
  return [
    {
      // Neither action takes a resource ARN; the region condition keeps them to this region.
      Sid: "CreateAndFindRuntimes",
      Effect: "Allow",
      Action: ["bedrock-agentcore:CreateAgentRuntime", "bedrock-agentcore:ListAgentRuntimes"],
      Resource: "*",
      Condition: { StringEquals: { "aws:RequestedRegion": scope.account.region } },
    },
    {
      // CreateAgentRuntime also makes the DEFAULT endpoint in the caller's name.
      Sid: "ManageRuntime",
      Effect: "Allow",
      Action: [
        "bedrock-agentcore:CreateAgentRuntimeEndpoint",
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
      // AgentCore creates, and on delete removes, the runtime's workload identity as the caller.
      Sid: "RuntimeWorkloadIdentity",
      Effect: "Allow",
      Action: [
        "bedrock-agentcore:CreateWorkloadIdentity",
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

/** The deployer function, its log group and its EventBridge rules, by name prefix. */
export function lambdaStatements(arn: ArnBuilder, prefix: string): Statement[] {
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

/** The audit trail and its bucket. */
export function trailStatements(
  arn: ArnBuilder,
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
