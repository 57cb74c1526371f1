/**
 * The AgentCore execution role's trust policy and permissions, as pure functions of the account
 * and the runtime, following AWS's documented execution-role permissions with every resource
 * narrowed to this runtime, its image repository and its log groups.
 */
import { ResolvedAccount, Statement, policyDocument, PolicyDocument } from "./policyDocument";

/** The service that assumes the execution role. */
export const AGENTCORE_SERVICE = "bedrock-agentcore.amazonaws.com";

/** The ECR repository the image is pulled from (its own account and region). */
export interface ImageRepository {
  readonly account: string;
  readonly region: string;
  readonly repository: string;
}

/**
 * Trust policy: only AgentCore, and only on behalf of this account's AgentCore resources in this
 * region (`aws:SourceAccount` and `aws:SourceArn` stop a confused deputy).
 */
export function executionTrustPolicy(account: ResolvedAccount): PolicyDocument {
  return policyDocument([
    {
      Sid: "AgentCoreAssumeRole",
      Effect: "Allow",
      Principal: { Service: AGENTCORE_SERVICE },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": account.accountId },
        ArnLike: {
          "aws:SourceArn": `arn:${account.partition}:bedrock-agentcore:${account.region}:${account.accountId}:*`,
        },
      },
    },
  ]);
}

/**
 * What the runtime needs to start and report: pull its one image, write its logs, traces and
 * metrics, and obtain its own workload access token.
 */
export function executionRuntimePolicy(
  account: ResolvedAccount,
  image: ImageRepository,
  runtimeName: string,
): PolicyDocument {
  const { partition, region, accountId } = account;
  // Log groups are named `<runtime id>-<endpoint>`, and runtime ids start with the runtime's name.
  const logGroupPrefix = `arn:${partition}:logs:${region}:${accountId}:log-group`;
  const logGroups = `${logGroupPrefix}:/aws/bedrock-agentcore/runtimes/${runtimeName}-*`;
  const directory = `arn:${partition}:bedrock-agentcore:${region}:${accountId}:workload-identity-directory/default`;
  const statements: Statement[] = [
    {
      Sid: "PullImage",
      Effect: "Allow",
      Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
      Resource: `arn:${partition}:ecr:${image.region}:${image.account}:repository/${image.repository}`,
    },
    {
      // GetAuthorizationToken has no resource-level permissions; AWS requires "*".
      Sid: "EcrAuthorizationToken",
      Effect: "Allow",
      Action: "ecr:GetAuthorizationToken",
      Resource: "*",
    },
    {
      Sid: "RuntimeLogGroups",
      Effect: "Allow",
      Action: ["logs:CreateLogGroup", "logs:DescribeLogStreams"],
      Resource: logGroups,
    },
    {
      Sid: "DescribeLogGroups",
      Effect: "Allow",
      Action: "logs:DescribeLogGroups",
      Resource: `arn:${partition}:logs:${region}:${accountId}:log-group:*`,
    },
    {
      Sid: "RuntimeLogStreams",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: `${logGroups}:log-stream:*`,
    },
    {
      // X-Ray's trace and sampling APIs have no resource-level permissions.
      Sid: "Tracing",
      Effect: "Allow",
      Action: [
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
        "xray:GetSamplingRules",
        "xray:GetSamplingTargets",
      ],
      Resource: "*",
    },
    {
      // PutMetricData has no resource-level permissions; the namespace condition narrows it.
      Sid: "Metrics",
      Effect: "Allow",
      Action: "cloudwatch:PutMetricData",
      Resource: "*",
      Condition: { StringEquals: { "cloudwatch:namespace": "bedrock-agentcore" } },
    },
    {
      Sid: "WorkloadAccessToken",
      Effect: "Allow",
      Action: [
        "bedrock-agentcore:GetWorkloadAccessToken",
        "bedrock-agentcore:GetWorkloadAccessTokenForJWT",
      ],
      Resource: [directory, `${directory}/workload-identity/${runtimeName}-*`],
    },
  ];
  return policyDocument(statements);
}

/**
 * `runtime` mode only: read this one secret, and decrypt it through Secrets Manager when a
 * customer-managed key encrypts it.
 */
export function executionSecretPolicy(
  account: ResolvedAccount,
  secretArn: string,
  kmsKeyArn: string | undefined,
): PolicyDocument {
  const statements: Statement[] = [
    {
      Sid: "ReadCredentialsSecret",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      Resource: secretArn,
    },
  ];
  if (kmsKeyArn !== undefined) {
    statements.push({
      Sid: "DecryptCredentialsSecret",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: kmsKeyArn,
      Condition: {
        StringEquals: {
          "kms:ViaService": `secretsmanager.${account.region}.amazonaws.com`,
          "kms:EncryptionContext:SecretARN": secretArn,
        },
      },
    });
  }
  return policyDocument(statements);
}
