import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { RuntimeDeployerArgs } from "../../components/deployer/runtimeDeployer";
import { DEFAULT_WAIT } from "../../components/agentcore/lifecycle";
import { bundleDeployerHandler } from "../../components/deployer/bundle";
import { DEPLOYER_CONFIG_ENV } from "../../components/deployer/deployerConfig";
import { deployerPermissionsPolicy } from "../../components/deployer/deployerPolicies";
import {
  secretRotationPattern,
  secretValueChangePattern,
} from "../../components/deployer/rotationRules";
import { CREDENTIAL_KEYS } from "../../components/secretPayload";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const ACCOUNT = { accountId: "123456789012", region: "us-east-1", partition: "aws" };
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:zscaler/mcp/dev-AbC123";
const EXEC_ROLE = "arn:aws:iam::123456789012:role/zscaler-mcp-dev-exec-1a2b3c";
const RUNTIME_ARN =
  "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/zscaler_mcp_dev-AbCdEf1234";
const RUNTIME = {
  agentRuntimeName: "zscaler_mcp_dev",
  description: "Zscaler MCP server (dev)",
  containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1.2.3",
  networkConfiguration: { networkMode: "PUBLIC" as const },
  protocolConfiguration: { serverProtocol: "MCP" as const },
  lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 3600 },
  environmentVariables: { ZSCALER_MCP_WRITE_ENABLED: "false" },
  tags: { stack: "dev" },
};
const RESULT = {
  action: "created",
  trigger: "deploy",
  agentRuntimeArn: RUNTIME_ARN,
  agentRuntimeId: "zscaler_mcp_dev-AbCdEf1234",
  agentRuntimeVersion: "1",
  status: "READY",
  invocationUrl:
    "https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/" +
    `${encodeURIComponent(RUNTIME_ARN)}/invocations?qualifier=DEFAULT`,
  secretVersionId: "v-0001",
};

let registered: Registered[] = [];

function arnFor(type: string, physical: string): string | undefined {
  switch (type) {
    case "aws:iam/role:Role":
      return `arn:aws:iam::123456789012:role/${physical}`;
    case "aws:lambda/function:Function":
      return `arn:aws:lambda:us-east-1:123456789012:function:${physical}`;
    case "aws:cloudwatch/logGroup:LogGroup":
      return `arn:aws:logs:us-east-1:123456789012:log-group:${physical}`;
    case "aws:cloudwatch/eventRule:EventRule":
      return `arn:aws:events:us-east-1:123456789012:rule/${physical}`;
    default:
      return undefined;
  }
}

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
}

function only(type: string): Registered[] {
  return registered.filter((r) => r.type === type);
}

function one(type: string, name?: string): Registered {
  const hits = only(type).filter((r) => name === undefined || r.name === name);
  assert.equal(hits.length, 1, `expected one ${type} ${name ?? ""}, found ${hits.length}`);
  return hits[0];
}

async function build(overrides: Partial<RuntimeDeployerArgs> = {}, resourceCount = 10) {
  const { RuntimeDeployer } = await import("../../components/deployer/runtimeDeployer");
  const deployer = new RuntimeDeployer("deployer", {
    account: ACCOUNT,
    secretArn: SECRET_ARN,
    executionRoleArn: EXEC_ROLE,
    runtime: RUNTIME,
    secretVersionId: "v-0001",
    namePrefix: "zscaler-mcp-dev-",
    tags: { project: "zscaler-mcp" },
    ...overrides,
  });
  await valueOf(deployer.agentRuntimeArn);
  await until(() => registered.length >= resourceCount);
  return deployer;
}

describe("RuntimeDeployer", () => {
  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          const inputs = args.inputs as Record<string, unknown>;
          registered.push({ type: args.type, name: args.name, inputs });
          const physical = String(inputs.name ?? `${String(inputs.namePrefix ?? args.name)}abc123`);
          const arn = arnFor(args.type, physical);
          const state: Record<string, unknown> = {
            ...inputs,
            name: physical,
            ...(arn ? { arn } : {}),
          };
          if (args.type === "aws:lambda/invocation:Invocation")
            state.result = JSON.stringify(RESULT);
          return { id: `${args.name}-id`, state };
        },
        call(args) {
          throw new Error(`unexpected call ${args.token}`);
        },
      },
      "zscaler-mcp",
      "dev",
      false,
    );
  });

  beforeEach(() => {
    registered = [];
  });

  it("registers the function, role, logs, two rules with targets and permissions, and one invocation", async () => {
    await build();
    const counts: Record<string, number> = {};
    for (const r of registered) counts[r.type] = (counts[r.type] ?? 0) + 1;
    assert.deepEqual(counts, {
      "aws:cloudwatch/logGroup:LogGroup": 1,
      "aws:iam/role:Role": 1,
      "aws:iam/rolePolicy:RolePolicy": 1,
      "aws:lambda/function:Function": 1,
      "aws:lambda/invocation:Invocation": 1,
      "aws:cloudwatch/eventRule:EventRule": 2,
      "aws:cloudwatch/eventTarget:EventTarget": 2,
      "aws:lambda/permission:Permission": 2,
      "zscaler-mcp:deployer:RuntimeDeployer": 1,
    });
  });

  it("runs the handler on a current Node.js runtime whose environment holds no credential", async () => {
    await build();
    const fn = one("aws:lambda/function:Function").inputs;
    assert.equal(fn.name, "zscaler-mcp-dev-deployer");
    assert.equal(fn.runtime, "nodejs22.x");
    assert.equal(fn.handler, "index.handler");
    assert.equal(fn.timeout, 660);
    assert.deepEqual(fn.architectures, ["arm64"]);
    assert.equal(fn.role, "arn:aws:iam::123456789012:role/zscaler-mcp-dev-deployer-abc123");
    assert.deepEqual(fn.loggingConfig, {
      logFormat: "Text",
      logGroup: "/aws/lambda/zscaler-mcp-dev-deployer",
    });
    const variables = (fn.environment as { variables: Record<string, string> }).variables;
    assert.deepEqual(Object.keys(variables), [DEPLOYER_CONFIG_ENV]);
    assert.deepEqual(JSON.parse(variables[DEPLOYER_CONFIG_ENV]), {
      executionRoleArn: EXEC_ROLE,
      region: "us-east-1",
      runtime: {
        agentRuntimeName: "zscaler_mcp_dev",
        containerUri: RUNTIME.containerUri,
        description: RUNTIME.description,
        environmentVariables: { ZSCALER_MCP_WRITE_ENABLED: "false" },
        lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 3600 },
        networkConfiguration: { networkMode: "PUBLIC" },
        protocolConfiguration: { serverProtocol: "MCP" },
        tags: { stack: "dev" },
      },
      secretArn: SECRET_ARN,
      wait: { ...DEFAULT_WAIT, timeoutSeconds: 600 },
    });
  });

  it("gives the role exactly the least-privilege statements for this secret, runtime and log group", async () => {
    const deployer = await build({
      secretKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k-1",
    });
    const policy = one("aws:iam/rolePolicy:RolePolicy").inputs;
    const expected = deployerPermissionsPolicy(ACCOUNT, {
      secretArn: SECRET_ARN,
      secretKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k-1",
      executionRoleArn: EXEC_ROLE,
      runtimeName: "zscaler_mcp_dev",
      logGroupArn:
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/zscaler-mcp-dev-deployer",
    });
    assert.deepEqual(JSON.parse(String(policy.policy)), expected);
    assert.deepEqual(await valueOf(deployer.permissions), expected);
    const trust = JSON.parse(String(one("aws:iam/role:Role").inputs.assumeRolePolicy));
    assert.deepEqual(trust.Statement[0].Principal, { Service: "lambda.amazonaws.com" });
    assert.equal(one("aws:iam/role:Role").inputs.namePrefix, "zscaler-mcp-dev-deployer-");
  });

  it("matches exactly this secret in the rules and lets only those rules invoke the function", async () => {
    await build();
    const change = one("aws:cloudwatch/eventRule:EventRule", "deployer-secret-change").inputs;
    const rotation = one("aws:cloudwatch/eventRule:EventRule", "deployer-rotation").inputs;
    assert.equal(change.name, "zscaler-mcp-dev-deployer-secret-change");
    assert.deepEqual(JSON.parse(String(change.eventPattern)), secretValueChangePattern(SECRET_ARN));
    assert.deepEqual(JSON.parse(String(rotation.eventPattern)), secretRotationPattern(SECRET_ARN));
    const fnArn = "arn:aws:lambda:us-east-1:123456789012:function:zscaler-mcp-dev-deployer";
    for (const suffix of ["secret-change", "rotation"]) {
      const ruleName = `zscaler-mcp-dev-deployer-${suffix}`;
      assert.deepEqual(
        { ...one("aws:cloudwatch/eventTarget:EventTarget", `deployer-${suffix}`).inputs },
        { rule: ruleName, arn: fnArn },
      );
      assert.deepEqual(one("aws:lambda/permission:Permission", `deployer-${suffix}`).inputs, {
        function: "zscaler-mcp-dev-deployer",
        action: "lambda:InvokeFunction",
        principal: "events.amazonaws.com",
        sourceArn: `arn:aws:events:us-east-1:123456789012:rule/${ruleName}`,
      });
    }
  });

  it("invokes the function at deploy time with no credential, re-run by version, settings and code", async () => {
    await build();
    const invocation = one("aws:lambda/invocation:Invocation").inputs;
    const input = JSON.parse(String(invocation.input));
    const triggers = invocation.triggers as Record<string, string>;
    assert.equal(invocation.functionName, "zscaler-mcp-dev-deployer");
    assert.deepEqual(input, {
      source: "zscaler-mcp.pulumi",
      "detail-type": "Pulumi deployment",
      detail: {
        agentRuntimeName: "zscaler_mcp_dev",
        secretVersionId: "v-0001",
        configSha256: triggers.configSha256,
      },
    });
    assert.match(triggers.configSha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(triggers, {
      secretVersionId: "v-0001",
      configSha256: triggers.configSha256,
      codeSha256: bundleDeployerHandler().sha256,
    });
    const everything = JSON.stringify(registered.map((r) => r.inputs));
    for (const key of CREDENTIAL_KEYS) assert.ok(!everything.includes(key), `${key} in inputs`);
  });

  it("changes the invocation's triggers when a runtime setting changes", async () => {
    await build();
    const before = (
      one("aws:lambda/invocation:Invocation").inputs.triggers as Record<string, string>
    ).configSha256;
    registered = [];
    await build({ runtime: { ...RUNTIME, containerUri: `${RUNTIME.containerUri}-next` } });
    const after = (
      one("aws:lambda/invocation:Invocation").inputs.triggers as Record<string, string>
    ).configSha256;
    assert.notEqual(after, before);
  });

  it("exports what the function returned", async () => {
    const deployer = await build();
    assert.equal(await valueOf(deployer.agentRuntimeArn), RUNTIME_ARN);
    assert.equal(await valueOf(deployer.agentRuntimeId), "zscaler_mcp_dev-AbCdEf1234");
    assert.equal(await valueOf(deployer.agentRuntimeVersion), "1");
    assert.equal(await valueOf(deployer.status), "READY");
    assert.equal(await valueOf(deployer.invocationUrl), RESULT.invocationUrl);
    assert.equal(await valueOf(deployer.deployedSecretVersionId), "v-0001");
    assert.equal(await valueOf(deployer.functionName), "zscaler-mcp-dev-deployer");
    assert.equal(await valueOf(deployer.logGroupName), "/aws/lambda/zscaler-mcp-dev-deployer");
    assert.deepEqual(await valueOf(deployer.ruleArns), [
      "arn:aws:events:us-east-1:123456789012:rule/zscaler-mcp-dev-deployer-secret-change",
      "arn:aws:events:us-east-1:123456789012:rule/zscaler-mcp-dev-deployer-rotation",
    ]);
  });

  it("adds a schedule rule and honours retention and wait settings when given", async () => {
    const deployer = await build(
      { rotationSchedule: "rate(1 day)", logRetentionDays: 90, waitTimeoutSeconds: 840 },
      13,
    );
    const schedule = one("aws:cloudwatch/eventRule:EventRule", "deployer-schedule").inputs;
    assert.equal(schedule.scheduleExpression, "rate(1 day)");
    assert.equal(schedule.eventPattern, undefined);
    assert.equal(
      one("aws:lambda/permission:Permission", "deployer-schedule").inputs.principal,
      "events.amazonaws.com",
    );
    assert.equal(one("aws:cloudwatch/logGroup:LogGroup").inputs.retentionInDays, 90);
    assert.equal(one("aws:lambda/function:Function").inputs.timeout, 900);
    assert.equal((await valueOf(deployer.ruleArns)).length, 3);
  });

  it("refuses settings it cannot honour with the key and the fix", async () => {
    const { RuntimeDeployer } = await import("../../components/deployer/runtimeDeployer");
    const base = {
      account: ACCOUNT,
      secretArn: SECRET_ARN,
      executionRoleArn: EXEC_ROLE,
      runtime: RUNTIME,
      secretVersionId: "v-0001",
      namePrefix: "zscaler-mcp-dev-",
    };
    assert.throws(() => new RuntimeDeployer("bad-wait", { ...base, waitTimeoutSeconds: 900 }), {
      message:
        "`waitTimeoutSeconds` is 900, but it must be a whole number from 60 to 840 (the function " +
        "also needs 60 s of its 900 s limit): choose a value in that range.",
    });
    assert.throws(() => new RuntimeDeployer("bad-rate", { ...base, rotationSchedule: "daily" }), {
      message:
        '`rotationSchedule` "daily" is not an EventBridge schedule expression: use ' +
        "`rate(<n> <unit>)` such as `rate(1 day)`, or `cron(<6 fields>)` such as `cron(0 3 * * ? *)`.",
    });
    assert.throws(
      () =>
        new RuntimeDeployer("bad-prefix", {
          ...base,
          namePrefix: "a-very-long-name-prefix-for-x-",
        }),
      /^Error: `namePrefix` "a-very-long-name-prefix-for-x-" must be at most 29 letters/,
    );
  });

  it("fails the deployment when a credential is set as a plain runtime variable", async () => {
    const { RuntimeDeployer } = await import("../../components/deployer/runtimeDeployer");
    const deployer = new RuntimeDeployer("clash", {
      account: ACCOUNT,
      secretArn: SECRET_ARN,
      executionRoleArn: EXEC_ROLE,
      runtime: { ...RUNTIME, environmentVariables: { ZSCALER_CLIENT_ID: "plain" } },
      secretVersionId: "v-0001",
      namePrefix: "zscaler-mcp-dev-",
    });
    const swallow = (): void => undefined;
    process.on("unhandledRejection", swallow);
    try {
      await assert.rejects(
        (deployer.permissions as unknown as { promise(): Promise<unknown> }).promise(),
        // Pulumi prefixes the property it was serializing when the check failed.
        new RegExp(
          "`runtime\\.environmentVariables` sets credential keys `ZSCALER_CLIENT_ID`, which only " +
            "the secret may supply: remove them and store the values in the secret\\.$",
        ),
      );
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.off("unhandledRejection", swallow);
    }
  });
});
