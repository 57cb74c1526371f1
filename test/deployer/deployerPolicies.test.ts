import * as assert from "node:assert/strict";
import {
  deployerPermissionsPolicy,
  deployerTrustPolicy,
  secretResource,
} from "../../components/deployer/deployerPolicies";
import type { Statement } from "../../components/policyDocument";

const ACCOUNT = { partition: "aws", region: "eu-west-1", accountId: "123456789012" };
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:zscaler/mcp/prod-AbC123";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const EXEC_ROLE = "arn:aws:iam::123456789012:role/zscaler-mcp-prod-exec-2024";
const LOG_GROUP =
  "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/zscaler-mcp-prod-deployer";
const SCOPE = {
  secretArn: SECRET,
  executionRoleArn: EXEC_ROLE,
  runtimeName: "zscaler_mcp_prod",
  logGroupArn: LOG_GROUP,
};
const RUNTIME_ARN = "arn:aws:bedrock-agentcore:eu-west-1:123456789012";

function statement(statements: Statement[], sid: string): Statement {
  const hit = statements.find((s) => s.Sid === sid);
  assert.ok(hit, `no statement ${sid}`);
  return hit;
}

describe("deployerTrustPolicy", () => {
  it("lets Lambda alone assume the role", () => {
    assert.deepEqual(deployerTrustPolicy(), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "LambdaAssumeRole",
          Effect: "Allow",
          Principal: { Service: "lambda.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ],
    });
  });
});

describe("deployerPermissionsPolicy", () => {
  it("grants exactly these statements when the secret uses the AWS-managed key", () => {
    assert.deepEqual(deployerPermissionsPolicy(ACCOUNT, SCOPE).Statement, [
      {
        Sid: "ReadCredentialsSecret",
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        Resource: SECRET,
      },
      {
        Sid: "CreateAndFindRuntimes",
        Effect: "Allow",
        Action: ["bedrock-agentcore:CreateAgentRuntime", "bedrock-agentcore:ListAgentRuntimes"],
        Resource: "*",
        Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } },
      },
      {
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
        Resource: `${RUNTIME_ARN}:runtime/zscaler_mcp_prod-*`,
      },
      {
        Sid: "CreateRuntimeWorkloadIdentity",
        Effect: "Allow",
        Action: "bedrock-agentcore:CreateWorkloadIdentity",
        Resource: [
          `${RUNTIME_ARN}:workload-identity-directory/default`,
          `${RUNTIME_ARN}:workload-identity-directory/default/workload-identity/zscaler_mcp_prod-*`,
        ],
      },
      {
        Sid: "PassExecutionRoleToAgentCore",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: EXEC_ROLE,
        Condition: { StringEquals: { "iam:PassedToService": "bedrock-agentcore.amazonaws.com" } },
      },
      {
        Sid: "WriteOwnLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `${LOG_GROUP}:*`,
      },
    ]);
  });

  it("adds kms:Decrypt through Secrets Manager for this secret when a customer key encrypts it", () => {
    const statements = deployerPermissionsPolicy(ACCOUNT, {
      ...SCOPE,
      secretKmsKeyArn: KEY,
    }).Statement;
    assert.deepEqual(statement(statements, "DecryptCredentialsSecret"), {
      Sid: "DecryptCredentialsSecret",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: KEY,
      Condition: {
        StringEquals: {
          "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com",
          "kms:EncryptionContext:SecretARN": SECRET,
        },
      },
    });
  });

  it("never grants deletion, wildcard actions, or unconditioned resource wildcards", () => {
    const statements = deployerPermissionsPolicy(ACCOUNT, {
      ...SCOPE,
      secretKmsKeyArn: KEY,
    }).Statement;
    for (const s of statements) {
      const actions = ([] as string[]).concat(s.Action);
      assert.ok(
        actions.every((a) => !a.includes("*") && !/Delete/.test(a)),
        s.Sid,
      );
      if (s.Resource === "*") assert.ok(s.Condition, `${s.Sid} has "*" without a condition`);
    }
  });
});

describe("secretResource", () => {
  it("keeps a full ARN and pins a partial one to AWS's six-character suffix", () => {
    assert.equal(secretResource(SECRET), SECRET);
    assert.equal(
      secretResource("arn:aws:secretsmanager:eu-west-1:123456789012:secret:zscaler/mcp/prod"),
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:zscaler/mcp/prod-??????",
    );
  });
});
