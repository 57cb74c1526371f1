/**
 * The real program, per stack file and credential mode, under Pulumi's mocks: what it registers
 * and with exactly which IAM statements, environment variables and trail settings.
 */
import * as assert from "node:assert/strict";
import {
  allowedActions,
  documentOf,
  has,
  ofType,
  one,
  runStack,
  statement,
} from "../support/programHarness";
import { ACCOUNT, ROLE, ROLE_POLICY, RUNTIME, mode } from "./fixtures";

/** Prod with an inbound JWT authorizer, and the smoke check left to its default. */
const JWT_ONLY = {
  "zscaler-mcp:jwtDiscoveryUrl": "https://login.example.com/.well-known/openid-configuration",
  "zscaler-mcp:jwtAllowedClients": ["zscaler-mcp-clients"],
  "zscaler-mcp:smokeCheck": undefined,
};

describe("Program: execution role", () => {
  it("trusts only AgentCore, for this account and region's AgentCore resources", async () => {
    const run = await runStack({ stack: "dev" });
    assert.deepEqual(documentOf(one(run, ROLE, "-execution-role"), "assumeRolePolicy"), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AgentCoreAssumeRole",
          Effect: "Allow",
          Principal: { Service: "bedrock-agentcore.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": ACCOUNT },
            ArnLike: { "aws:SourceArn": `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:*` },
          },
        },
      ],
    });
  });

  it("pulls from the image's one repository and writes only AgentCore runtime logs", async () => {
    const run = await runStack({ stack: "dev" });
    const policy = documentOf(one(run, ROLE_POLICY, "-execution-runtime"));
    assert.deepEqual(
      statement(policy, "PullImage").Resource,
      `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/zscaler/zscaler-mcp-server`,
    );
    assert.deepEqual(
      statement(policy, "RuntimeLogStreams").Resource,
      `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/bedrock-agentcore/runtimes/zscalermcp_dev-*:log-stream:*`,
    );
    assert.deepEqual(statement(policy, "Metrics").Condition, {
      StringEquals: { "cloudwatch:namespace": "bedrock-agentcore" },
    });
    assert.deepEqual(statement(policy, "WorkloadAccessToken").Resource, [
      `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:workload-identity-directory/default`,
      `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:workload-identity-directory/default` +
        "/workload-identity/zscalermcp_dev-*",
    ]);
    for (const action of allowedActions(policy)) {
      assert.ok(action !== "*" && !action.endsWith(":*"), `wildcard action ${action}`);
    }
  });

  it("grants no secret access in predeploy mode", async () => {
    const run = await runStack({ stack: "dev", config: mode("predeploy") });
    assert.equal(has(run, ROLE_POLICY, "-execution-secret-read"), false);
    const actions = ofType(run, ROLE_POLICY).flatMap((policy) =>
      allowedActions(documentOf(policy)),
    );
    assert.deepEqual(
      actions.filter((action) => action.startsWith("secretsmanager:") || action.startsWith("kms:")),
      [],
    );
  });

  it("reads this secret alone in runtime mode, by full ARN, with no statement for an AWS key", async () => {
    const run = await runStack({ stack: "dev", config: mode("runtime") });
    assert.deepEqual(documentOf(one(run, ROLE_POLICY, "-execution-secret-read")), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ReadCredentialsSecret",
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
          Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:zscaler/mcp/credentials/dev-AbC123`,
        },
      ],
    });
  });

  it("decrypts the prod secret only through Secrets Manager and only for this secret", async () => {
    const run = await runStack({ stack: "prod" });
    const secretArn = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:zscaler/mcp/credentials/prod-AbC123`;
    const decrypt = statement(
      documentOf(one(run, ROLE_POLICY, "-execution-secret-read")),
      "DecryptCredentialsSecret",
    );
    assert.equal(decrypt.Action, "kms:Decrypt");
    assert.match(String(decrypt.Resource), new RegExp(`^arn:aws:kms:us-east-1:${ACCOUNT}:key/`));
    assert.deepEqual(decrypt.Condition, {
      StringEquals: {
        "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com",
        "kms:EncryptionContext:SecretARN": secretArn,
      },
    });
  });
});

describe("Program: runtime environment per mode", () => {
  it("passes the credentials, as a Pulumi secret, in predeploy mode", async () => {
    const run = await runStack({ stack: "dev" });
    const runtime = one(run, RUNTIME);
    assert.deepEqual(runtime.secretProps, ["environmentVariables"]);
    assert.deepEqual(runtime.props.environmentVariables, {
      ZSCALER_MCP_WRITE_ENABLED: "false",
      ZSCALER_CLIENT_ID: "offline-client-id",
      ZSCALER_CLIENT_SECRET: "offline-client-secret",
      ZSCALER_VANITY_DOMAIN: "example",
      ZSCALER_CUSTOMER_ID: "0000000000",
      ZSCALER_CLOUD: "production",
    });
  });

  it("passes only the secret's name and region, in both image dialects, in runtime mode", async () => {
    const run = await runStack({ stack: "prod" });
    const runtime = one(run, RUNTIME);
    assert.deepEqual(runtime.secretProps, []);
    assert.deepEqual(runtime.props.environmentVariables, {
      ZSCALER_MCP_WRITE_ENABLED: "false",
      ZSCALER_SECRET_NAME: "zscaler/mcp/credentials/prod",
      USE_SECRETS_MANAGER: "true",
      SECRET_NAME: "zscaler/mcp/credentials/prod",
      AWS_REGION: "us-east-1",
    });
  });

  it("adds the secret's version id when redeployOnRotation is on", async () => {
    const run = await runStack({
      stack: "prod",
      config: { "zscaler-mcp:redeployOnRotation": true },
    });
    const env = one(run, RUNTIME).props.environmentVariables as Record<string, string>;
    assert.equal(env.ZSCALER_SECRET_VERSION_ID, "a1b2c3d4-0000-4000-8000-000000000001");
  });

  it("passes write mode, its allowlist and extra variables", async () => {
    const run = await runStack({
      stack: "prod",
      config: {
        "zscaler-mcp:writeEnabled": true,
        "zscaler-mcp:writeTools": ["zpa_*", "zia_create_rule"],
        "zscaler-mcp:extraEnvironment": ["LOG_LEVEL=debug"],
      },
    });
    const env = one(run, RUNTIME).props.environmentVariables as Record<string, string>;
    assert.equal(env.ZSCALER_MCP_WRITE_ENABLED, "true");
    assert.equal(env.ZSCALER_MCP_WRITE_TOOLS, "zpa_*,zia_create_rule");
    assert.equal(env.LOG_LEVEL, "debug");
  });

  it("configures the runtime from the stack file and an inbound JWT authorizer", async () => {
    const run = await runStack({
      stack: "prod",
      config: JWT_ONLY,
    });
    const props = one(run, RUNTIME).props;
    assert.equal(props.agentRuntimeName, "zscalermcp_prod");
    assert.deepEqual(props.networkConfiguration, { networkMode: "PUBLIC" });
    assert.deepEqual(props.protocolConfiguration, { serverProtocol: "MCP" });
    assert.deepEqual(props.lifecycleConfiguration, {
      idleRuntimeSessionTimeout: 900,
      maxLifetime: 3600,
    });
    assert.deepEqual(props.authorizerConfiguration, {
      customJWTAuthorizer: {
        discoveryUrl: "https://login.example.com/.well-known/openid-configuration",
        allowedAudience: [],
        allowedClients: ["zscaler-mcp-clients"],
      },
    });
    assert.deepEqual(props.tags, {
      project: "zscaler-mcp",
      environment: "prod",
      owner: "security-platform",
      "data-classification": "confidential",
    });
  });

  it("places the runtime in a VPC when asked", async () => {
    const run = await runStack({
      stack: "dev",
      config: {
        "zscaler-mcp:networkMode": "VPC",
        "zscaler-mcp:subnetIds": ["subnet-0123456789abcdef0"],
        "zscaler-mcp:securityGroupIds": ["sg-0123456789abcdef0"],
      },
    });
    assert.deepEqual(one(run, RUNTIME).props.networkConfiguration, {
      networkMode: "VPC",
      networkModeConfig: {
        subnets: ["subnet-0123456789abcdef0"],
        securityGroups: ["sg-0123456789abcdef0"],
      },
    });
  });
});

describe("Program: smoke check and outputs", () => {
  it("leaves the smoke check off by default when only JWT callers may invoke the runtime", async () => {
    const run = await runStack({
      stack: "prod",
      config: JWT_ONLY,
    });
    assert.equal(has(run, "command:local:Command"), false);
  });

  it("runs the smoke check in prod after each runtime version", async () => {
    const run = await runStack({ stack: "prod" });
    const check = one(run, "command:local:Command", "-smoke-check-tools-list");
    assert.equal(check.props.create, "node --import tsx tools/smokeCheck.ts");
    const runtimeArn = run.outputs.runtimeArn.value;
    assert.deepEqual(check.props.environment, {
      SMOKE_RUNTIME_ARN: runtimeArn,
      SMOKE_REGION: "us-east-1",
      SMOKE_TIMEOUT_SECONDS: "120",
    });
    assert.deepEqual(check.props.triggers, [runtimeArn, "1"]);
  });

  it("skips the smoke check in dev unless asked", async () => {
    assert.equal(has(await runStack({ stack: "dev" }), "command:local:Command"), false);
    assert.equal(
      has(
        await runStack({ stack: "dev", config: { "zscaler-mcp:smokeCheck": true } }),
        "command:local:Command",
      ),
      true,
    );
  });

  it("exports the runtime, secret, role, trail, logs and ready-to-paste commands", async () => {
    const run = await runStack({ stack: "dev" });
    const value = (name: string) => run.outputs[name]?.value;
    const id = value("runtimeId") as string;
    assert.match(id, /^zscalermcp_dev-[0-9a-f]{8}$/);
    assert.equal(
      value("runtimeArn"),
      `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:runtime/${id}`,
    );
    assert.equal(value("runtimeVersion"), "1");
    assert.equal(value("runtimeStatus"), "READY");
    assert.equal(
      value("mcpInvocationUrl"),
      "https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/" +
        `${encodeURIComponent(value("runtimeArn") as string)}` +
        "/invocations?qualifier=DEFAULT",
    );
    assert.equal(value("logGroupName"), `/aws/bedrock-agentcore/runtimes/${id}-DEFAULT`);
    assert.equal(
      value("logsCommand"),
      `aws logs tail /aws/bedrock-agentcore/runtimes/${id}-DEFAULT --region us-east-1 --follow`,
    );
    assert.equal(
      value("describeCommand"),
      `aws bedrock-agentcore-control get-agent-runtime --region us-east-1 --agent-runtime-id ${id}`,
    );
    assert.equal(
      value("trailArn"),
      `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/zscaler-mcp-dev`,
    );
    assert.equal(value("credentialMode"), "predeploy");
  });
});
