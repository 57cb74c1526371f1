/**
 * The deploying principal's least-privilege policy, per credential mode: exactly the secret,
 * runtime, role and trail actions the stack needs, on its own resources.
 */
import * as assert from "node:assert/strict";
import { DeployerScope, deployerPolicy } from "../../components/deployerPermissions";
import { Statement } from "../../components/policyDocument";

const ACCOUNT = { accountId: "123456789012", region: "eu-west-1", partition: "aws" };
const BASE: DeployerScope = {
  account: ACCOUNT,
  mode: "predeploy",
  namePrefix: "zscaler-mcp-dev",
  secretResource:
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:zscaler/mcp/credentials/dev-??????",
  createsSecret: true,
  createsKeys: false,
  runtimeName: "zscalermcp_dev",
  trailName: "zscaler-mcp-dev",
  smokeCheck: false,
  deployerArn: "arn:aws:iam::123456789012:role/ci-deployer",
  keyAliases: [],
};

function sids(scope: DeployerScope): string[] {
  return deployerPolicy(scope).Statement.map((statement) => statement.Sid);
}

function find(scope: DeployerScope, sid: string): Statement {
  const found = deployerPolicy(scope).Statement.find((statement) => statement.Sid === sid);
  assert.ok(found, `no statement ${sid}`);
  return found;
}

describe("Deployer permissions", () => {
  it("lists the statements a predeploy stack that creates its secret and trail needs", () => {
    assert.deepEqual(sids(BASE), [
      "ResolveCaller",
      "ResolveCallerRole",
      "ManageStackRoles",
      "WriteStackRoles",
      "PassStackRoles",
      "ManageCredentialsSecret",
      "UseSecretKeyThroughSecretsManager",
      "CreateAndFindRuntimes",
      "ManageRuntime",
      "RuntimeWorkloadIdentity",
      "ManageAuditTrail",
      "DescribeTrails",
      "ManageAuditBucket",
    ]);
  });

  it("scopes the secret with AWS's six-character suffix, never a bare name or name*", () => {
    assert.equal(
      find(BASE, "ManageCredentialsSecret").Resource,
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:zscaler/mcp/credentials/dev-??????",
    );
  });

  it("reads no secret value when runtime mode adopts the secret", () => {
    const statement = find(
      { ...BASE, mode: "runtime", createsSecret: false },
      "ReadCredentialsSecretMetadata",
    );
    assert.deepEqual(statement.Action, [
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetResourcePolicy",
      "secretsmanager:ListSecretVersionIds",
    ]);
  });

  it("may describe keys (to find an adopted secret's key) only when the secret is adopted", () => {
    assert.equal(sids(BASE).includes("DescribeAdoptedSecretKey"), false);
    assert.deepEqual(find({ ...BASE, createsSecret: false }, "DescribeAdoptedSecretKey"), {
      Sid: "DescribeAdoptedSecretKey",
      Effect: "Allow",
      Action: "kms:DescribeKey",
      Resource: "arn:aws:kms:eu-west-1:123456789012:key/*",
    });
  });

  it("reads the value in predeploy mode even for an adopted secret", () => {
    const statement = find({ ...BASE, createsSecret: false }, "ReadCredentialsSecretMetadata");
    assert.deepEqual(statement.Action, [
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetResourcePolicy",
      "secretsmanager:ListSecretVersionIds",
      "secretsmanager:GetSecretValue",
    ]);
  });

  it("passes the execution role to AgentCore only, or the deployer's role to Lambda only", () => {
    assert.deepEqual(find(BASE, "PassStackRoles"), {
      Sid: "PassStackRoles",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: "arn:aws:iam::123456789012:role/zscaler-mcp-dev-exec-*",
      Condition: { StringEquals: { "iam:PassedToService": "bedrock-agentcore.amazonaws.com" } },
    });
    const lambda = find({ ...BASE, mode: "lambda" }, "PassStackRoles");
    assert.equal(lambda.Resource, "arn:aws:iam::123456789012:role/zscaler-mcp-dev-deployer-*");
    assert.deepEqual(lambda.Condition, {
      StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" },
    });
  });

  it("creates and changes roles only under the permissions boundary when one is set", () => {
    const boundary = "arn:aws:iam::123456789012:policy/zscaler-mcp-boundary";
    const scope = { ...BASE, permissionsBoundaryArn: boundary };
    assert.deepEqual(find(scope, "WriteStackRoles"), {
      Sid: "WriteStackRoles",
      Effect: "Allow",
      Action: ["iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy"],
      Resource: "arn:aws:iam::123456789012:role/zscaler-mcp-dev-*",
      Condition: { StringEquals: { "iam:PermissionsBoundary": boundary } },
    });
    assert.deepEqual(find(scope, "KeepStackRoleBoundaries"), {
      Sid: "KeepStackRoleBoundaries",
      Effect: "Deny",
      Action: ["iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary"],
      Resource: "arn:aws:iam::123456789012:role/zscaler-mcp-dev-*",
    });
  });

  it("creates runtimes only in the stack's region, and manages only its own", () => {
    assert.deepEqual(find(BASE, "CreateAndFindRuntimes").Condition, {
      StringEquals: { "aws:RequestedRegion": "eu-west-1" },
    });
    assert.deepEqual(find(BASE, "ManageRuntime").Resource, [
      "arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/zscalermcp_dev-*",
      "arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/zscalermcp_dev-*/runtime-endpoint/*",
    ]);
  });

  it("uses a customer-managed secret key only through Secrets Manager and only for this secret", () => {
    assert.deepEqual(find(BASE, "UseSecretKeyThroughSecretsManager").Condition, {
      StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" },
      StringLike: { "kms:EncryptionContext:SecretARN": BASE.secretResource },
    });
  });

  it("leaves the runtime to the deployer function in lambda mode", () => {
    const lambda = sids({ ...BASE, mode: "lambda" });
    assert.equal(lambda.includes("ManageRuntime"), false);
    assert.deepEqual(
      lambda.filter((sid) =>
        ["ManageDeployerFunction", "ManageDeployerLogs", "ManageRotationRules"].includes(sid),
      ),
      ["ManageDeployerFunction", "ManageDeployerLogs", "ManageRotationRules"],
    );
    assert.equal(
      find({ ...BASE, mode: "lambda" }, "ManageDeployerFunction").Resource,
      "arn:aws:lambda:eu-west-1:123456789012:function:zscaler-mcp-dev-*",
    );
  });

  it("may invoke only this runtime for the smoke check", () => {
    assert.deepEqual(find({ ...BASE, smokeCheck: true }, "SmokeCheckInvoke").Resource, [
      "arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/zscalermcp_dev-*",
      "arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/zscalermcp_dev-*/runtime-endpoint/DEFAULT",
    ]);
  });

  it("creates KMS keys only with the project tag and the lockout check, and grants no key by tag", () => {
    const scope = { ...BASE, createsKeys: true, keyAliases: ["alias/zscaler/mcp/credentials/dev"] };
    assert.deepEqual(find(scope, "CreateProjectKeys").Condition, {
      StringEquals: { "aws:RequestTag/project": "zscaler-mcp" },
      Bool: { "kms:BypassPolicyLockoutSafetyCheck": "false" },
    });
    assert.deepEqual(find(scope, "ManageProjectKeyAliases").Resource, [
      "arn:aws:kms:eu-west-1:123456789012:alias/zscaler/mcp/credentials/dev",
    ]);
    for (const statement of deployerPolicy(scope).Statement) {
      assert.equal(
        JSON.stringify(statement.Condition ?? {}).includes("ResourceTag"),
        false,
        statement.Sid,
      );
    }
  });

  it("may invoke the rotation function, to start rotation, when rotation is on", () => {
    const rotationLambdaArn = "arn:aws:lambda:eu-west-1:123456789012:function:RotateZscaler";
    assert.deepEqual(
      find({ ...BASE, rotationLambdaArn }, "StartRotation").Resource,
      rotationLambdaArn,
    );
    assert.deepEqual(find({ ...BASE, rotationLambdaArn }, "StartRotation").Action, [
      "lambda:GetFunction",
      "lambda:InvokeFunction",
    ]);
  });

  it("has no trail statements when the stack relies on an existing trail, and no role read for a user", () => {
    const scope = {
      ...BASE,
      trailName: undefined,
      deployerArn: "arn:aws:iam::123456789012:user/ci",
    };
    const names = sids(scope);
    assert.equal(
      names.some((sid) => sid.includes("Trail") || sid.includes("Audit")),
      false,
    );
    assert.equal(names.includes("ResolveCallerRole"), false);
  });

  it("grants no wildcard action in any mode", () => {
    for (const mode of ["predeploy", "runtime", "lambda"] as const) {
      const policy = deployerPolicy({ ...BASE, mode, createsKeys: true, smokeCheck: true });
      for (const statement of policy.Statement) {
        for (const action of [statement.Action].flat()) {
          assert.ok(
            action !== "*" && !action.endsWith(":*"),
            `${mode}: ${statement.Sid} grants ${action}`,
          );
        }
      }
    }
  });
});
