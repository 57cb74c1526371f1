/**
 * The deployer Lambda's trust policy and permissions, as pure functions, so every statement can be
 * read and tested without the cloud. Least privilege: this one secret, runtimes of this one name
 * in this account and region, the execution role passed to AgentCore only, and the function's own
 * log group.
 */
import { PolicyDocument, ResolvedAccount, Statement, policyDocument } from "../policyDocument";

/** The service that assumes the deployer role. */
export const LAMBDA_SERVICE = "lambda.amazonaws.com";

/** The service the execution role may be passed to. */
export const AGENTCORE_SERVICE = "bedrock-agentcore.amazonaws.com";

/** What the deployer's permissions are scoped to. */
export interface DeployerScope {
  /** The credentials secret's ARN. */
  readonly secretArn: string;
  /** The customer-managed key encrypting the secret, if any. */
  readonly secretKmsKeyArn?: string;
  /** The AgentCore execution role the runtime runs as. */
  readonly executionRoleArn: string;
  /** The runtime's name; runtime ids and workload identities start with it. */
  readonly runtimeName: string;
  /** ARN of the function's log group (without a `:*` suffix). */
  readonly logGroupArn: string;
}

/** Trust policy: only Lambda may assume the role. */
export function deployerTrustPolicy(): PolicyDocument {
  return policyDocument([
    {
      Sid: "LambdaAssumeRole",
      Effect: "Allow",
      Principal: { Service: LAMBDA_SERVICE },
      Action: "sts:AssumeRole",
    },
  ]);
}

/**
 * The resource pattern of a secret. A full ARN ends in `-` and six random characters and is used
 * as it is; an ARN without them (a partial ARN) gets `-??????`, which matches that suffix alone.
 */
export function secretResource(secretArn: string): string {
  return /-[A-Za-z0-9]{6}$/.test(secretArn) ? secretArn : `${secretArn}-??????`;
}

/**
 * The deployer's permissions. `CreateAgentRuntime` and `ListAgentRuntimes` take no resource ARN
 * (IAM requires `*` for them), so `aws:RequestedRegion` holds them to this region; every other
 * runtime action is scoped to runtime ids that start with this runtime's name.
 */
export function deployerPermissionsPolicy(
  account: ResolvedAccount,
  scope: DeployerScope,
): PolicyDocument {
  const { partition, region, accountId } = account;
  const agentcore = `arn:${partition}:bedrock-agentcore:${region}:${accountId}`;
  const directory = `${agentcore}:workload-identity-directory/default`;
  const statements: Statement[] = [
    {
      Sid: "ReadCredentialsSecret",
      Effect: "Allow",
      Action: "secretsmanager:GetSecretValue",
      Resource: secretResource(scope.secretArn),
    },
  ];
  if (scope.secretKmsKeyArn !== undefined && scope.secretKmsKeyArn !== "") {
    statements.push({
      Sid: "DecryptCredentialsSecret",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: scope.secretKmsKeyArn,
      Condition: {
        StringEquals: {
          "kms:ViaService": `secretsmanager.${region}.amazonaws.com`,
          "kms:EncryptionContext:SecretARN": scope.secretArn,
        },
      },
    });
  }
  statements.push(
    {
      Sid: "CreateAndFindRuntimes",
      Effect: "Allow",
      Action: ["bedrock-agentcore:CreateAgentRuntime", "bedrock-agentcore:ListAgentRuntimes"],
      Resource: "*",
      Condition: { StringEquals: { "aws:RequestedRegion": region } },
    },
    {
      // CreateAgentRuntime also makes the DEFAULT endpoint (`runtime/<id>/runtime-endpoint/DEFAULT`,
      // matched by the wildcard) in the caller's name, so the caller needs its create action too.
      Sid: "ManageThisRuntime",
      Effect: "Allow",
      Action: [
        "bedrock-agentcore:CreateAgentRuntimeEndpoint",
        "bedrock-agentcore:GetAgentRuntime",
        "bedrock-agentcore:UpdateAgentRuntime",
        "bedrock-agentcore:ListTagsForResource",
        "bedrock-agentcore:TagResource",
        "bedrock-agentcore:UntagResource",
      ],
      Resource: `${agentcore}:runtime/${scope.runtimeName}-*`,
    },
    {
      // CreateAgentRuntime makes a workload identity named after the runtime, as the caller.
      Sid: "CreateRuntimeWorkloadIdentity",
      Effect: "Allow",
      Action: "bedrock-agentcore:CreateWorkloadIdentity",
      Resource: [directory, `${directory}/workload-identity/${scope.runtimeName}-*`],
    },
    {
      Sid: "PassExecutionRoleToAgentCore",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: scope.executionRoleArn,
      Condition: { StringEquals: { "iam:PassedToService": AGENTCORE_SERVICE } },
    },
    {
      Sid: "WriteOwnLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: `${scope.logGroupArn}:*`,
    },
  );
  return policyDocument(statements);
}
