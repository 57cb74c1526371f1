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
  secretName: "zscaler/mcp/credentials/dev",
  createsSecret: true,
  createsKeys: false,
  runtimeName: "zscalermcp_dev",
  trailName: "zscaler-mcp-dev",
  smokeCheck: false,
  deployerArn: "arn:aws:iam::123456789012:role/ci-deployer",
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
      "PassStackRoles",
      "ManageCredentialsSecret",
      "ManageRuntime",
      "FindRuntimeByName",
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
      "secretsmanager:ListSecretVersionIds",
    ]);
  });

  it("reads the value in predeploy mode even for an adopted secret", () => {
    const statement = find({ ...BASE, createsSecret: false }, "ReadCredentialsSecretMetadata");
    assert.deepEqual(statement.Action, [
      "secretsmanager:DescribeSecret",
      "secretsmanager:ListSecretVersionIds",
      "secretsmanager:GetSecretValue",
    ]);
  });

  it("passes the stack's roles to AgentCore only, or to Lambda only in lambda mode", () => {
    assert.deepEqual(find(BASE, "PassStackRoles"), {
      Sid: "PassStackRoles",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: "arn:aws:iam::123456789012:role/zscaler-mcp-dev-*",
      Condition: { StringEquals: { "iam:PassedToService": ["bedrock-agentcore.amazonaws.com"] } },
    });
    assert.deepEqual(find({ ...BASE, mode: "lambda" }, "PassStackRoles").Condition, {
      StringEquals: { "iam:PassedToService": ["lambda.amazonaws.com"] },
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

  it("creates KMS keys only with the project tag", () => {
    assert.deepEqual(find({ ...BASE, createsKeys: true }, "CreateProjectKeys").Condition, {
      StringEquals: { "aws:RequestTag/project": "zscaler-mcp" },
    });
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
