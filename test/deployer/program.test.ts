/**
 * The real program in `lambda` mode under Pulumi's mocks: the deployer function, its role's
 * statements, the rules that match exactly this stack's secret, and the deploy-time invocation.
 */
import * as assert from "node:assert/strict";
import { DEPLOYER_CONFIG_ENV } from "../../components/deployer/deployerConfig";
import {
  secretRotationPattern,
  secretValueChangePattern,
} from "../../components/deployer/rotationRules";
import { CREDENTIAL_KEYS } from "../../components/secretPayload";
import { DEFAULT_ACCOUNT } from "../../tools/program/mockCloud";
import {
  type ProgramRun,
  documentOf,
  has,
  ofType,
  one,
  runStack,
  statement,
} from "../support/programHarness";

const LAMBDA = { "zscaler-mcp:credentialMode": "lambda" };
const FUNCTION = "aws:lambda/function:Function";
const RULE = "aws:cloudwatch/eventRule:EventRule";

function output(run: ProgramRun, name: string): string {
  return String(run.outputs[name]?.value);
}

describe("Program in lambda mode", () => {
  let run: ProgramRun;

  before(async () => {
    run = await runStack({ stack: "dev", config: LAMBDA });
  });

  it("deploys the runtime through the deployer function instead of the dynamic resource", () => {
    assert.equal(has(run, "pulumi-nodejs:dynamic/agentcore:AgentRuntime"), false);
    assert.equal(ofType(run, FUNCTION).length, 1);
    assert.equal(ofType(run, "aws:lambda/invocation:Invocation").length, 1);
    assert.equal(output(run, "deployerFunctionName"), "zscaler-mcp-dev-deployer");
  });

  it("configures the function with this stack's secret, execution role and runtime, and no credential", () => {
    const fn = one(run, FUNCTION, "-deployer-function").props;
    assert.equal(fn.runtime, "nodejs22.x");
    const variables = (fn.environment as { variables: Record<string, string> }).variables;
    const config = JSON.parse(variables[DEPLOYER_CONFIG_ENV]);
    assert.equal(config.secretArn, output(run, "secretArn"));
    assert.equal(config.executionRoleArn, output(run, "executionRoleArn"));
    assert.equal(config.region, "us-east-1");
    assert.equal(config.runtime.agentRuntimeName, "zscalermcp_dev");
    assert.equal(
      config.runtime.containerUri,
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler/zscaler-mcp-server:0.6.2",
    );
    assert.equal(config.runtime.environmentVariables.ZSCALER_MCP_WRITE_ENABLED, "false");
    const text = JSON.stringify(fn);
    for (const key of CREDENTIAL_KEYS) assert.ok(!text.includes(key), `${key} in the function`);
    for (const value of Object.values(
      JSON.parse(DEFAULT_ACCOUNT.secretString) as Record<string, string>,
    )) {
      if (value.length > 8) assert.ok(!text.includes(value), "a credential value in the function");
    }
  });

  it("lets the deployer role read this secret, manage this runtime and pass this execution role only", () => {
    const policy = documentOf(one(run, "aws:iam/rolePolicy:RolePolicy", "-deployer-policy"));
    assert.equal(statement(policy, "ReadCredentialsSecret").Resource, output(run, "secretArn"));
    assert.deepEqual(statement(policy, "PassExecutionRoleToAgentCore"), {
      Sid: "PassExecutionRoleToAgentCore",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: output(run, "executionRoleArn"),
      Condition: { StringEquals: { "iam:PassedToService": "bedrock-agentcore.amazonaws.com" } },
    });
    assert.equal(
      statement(policy, "ManageThisRuntime").Resource,
      "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/zscalermcp_dev-*",
    );
    assert.equal(
      statement(policy, "WriteOwnLogs").Resource,
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/zscaler-mcp-dev-deployer:*",
    );
    assert.deepEqual(
      policy.Statement.map((s) => s.Sid),
      [
        "ReadCredentialsSecret",
        "CreateAndFindRuntimes",
        "ManageThisRuntime",
        "CreateRuntimeWorkloadIdentity",
        "PassExecutionRoleToAgentCore",
        "WriteOwnLogs",
      ],
    );
  });

  it("names the deployer role as a reader in the secret's resource policy, and not the execution role", () => {
    const policy = JSON.parse(output(run, "secretResourcePolicy"));
    const allowed = policy.Statement[0].Condition.StringNotEquals["aws:PrincipalArn"] as string[];
    const deployerRole = one(run, "aws:iam/role:Role", "-deployer-role");
    assert.equal(deployerRole.props.namePrefix, "zscaler-mcp-dev-deployer-");
    assert.ok(allowed.some((arn) => arn.includes(":role/zscaler-mcp-dev-deployer-")));
    assert.ok(!allowed.includes(output(run, "executionRoleArn")));
    assert.equal(has(run, "aws:iam/rolePolicy:RolePolicy", "-execution-secret-read"), false);
  });

  it("triggers the deployer on this secret's value changes and rotations only", () => {
    const secretArn = output(run, "secretArn");
    const change = one(run, RULE, "-deployer-secret-change").props;
    const rotation = one(run, RULE, "-deployer-rotation").props;
    assert.deepEqual(JSON.parse(String(change.eventPattern)), secretValueChangePattern(secretArn));
    assert.deepEqual(JSON.parse(String(rotation.eventPattern)), secretRotationPattern(secretArn));
    assert.equal(ofType(run, RULE).length, 2);
  });

  it("invokes the deployer with the secret's version and no credential, after the execution role's policy", () => {
    const invocation = one(run, "aws:lambda/invocation:Invocation", "-deployer-deploy");
    const input = JSON.parse(String(invocation.props.input));
    assert.equal(input.source, "zscaler-mcp.pulumi");
    assert.equal(input.detail.secretVersionId, DEFAULT_ACCOUNT.secretVersionId);
    assert.equal(
      (invocation.props.triggers as Record<string, string>).secretVersionId,
      DEFAULT_ACCOUNT.secretVersionId,
    );
    for (const key of CREDENTIAL_KEYS) {
      assert.ok(!String(invocation.props.input).includes(key), `${key} in the invocation input`);
    }
    assert.ok(invocation.dependencies.some((urn) => urn.endsWith("-execution-runtime")));
    assert.ok(invocation.dependencies.some((urn) => urn.endsWith("-deployer-policy")));
  });

  it("exports the runtime the deployer reported", () => {
    assert.match(
      output(run, "runtimeArn"),
      /^arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime\//,
    );
    assert.equal(output(run, "runtimeStatus"), "READY");
    assert.equal(output(run, "runtimeVersion"), "1");
  });

  it("adds the schedule rule when the stack sets one", async () => {
    const scheduled = await runStack({
      stack: "dev",
      config: { ...LAMBDA, "zscaler-mcp:deployerSchedule": "rate(1 day)" },
    });
    assert.equal(
      one(scheduled, RULE, "-deployer-schedule").props.scheduleExpression,
      "rate(1 day)",
    );
  });
});
