import * as assert from "node:assert/strict";
import { PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { createControlClient } from "../../components/agentcore/client";
import { CredentialPayloadError } from "../../components/secretPayload";
import {
  DEPLOYER_CONFIG_ENV,
  type DeployerConfig,
  PULUMI_EVENT_SOURCE,
  serializeDeployerConfig,
} from "../../components/deployer/deployerConfig";
import {
  type DeployedResult,
  classifyTrigger,
  deployRuntime,
} from "../../components/deployer/handler/deploy";
import { handler } from "../../components/deployer/handler/index";
import { createLambdaLogger } from "../../components/deployer/handler/logger";
import {
  type AgentCoreSimulator,
  startAgentCoreSimulator,
  useSimulatorEnv,
} from "../support/agentcoreSimulator";
import {
  type SecretsManagerSimulator,
  startSecretsManagerSimulator,
} from "../support/secretsManagerSimulator";

const CANARY = "canary-5d1e0b7a-deployer-never-logs-this";
const SECRET_NAME = "zscaler/mcp/dev";
const CREDENTIALS = {
  ZSCALER_CLIENT_ID: "client-id-dev",
  ZSCALER_CLIENT_SECRET: CANARY,
  ZSCALER_VANITY_DOMAIN: "acme",
  ZSCALER_CLOUD: "beta",
};
const PULUMI_EVENT = {
  source: PULUMI_EVENT_SOURCE,
  "detail-type": "Pulumi deployment",
  detail: {},
};

function configFor(secretArn: string): DeployerConfig {
  return {
    secretArn,
    executionRoleArn: "arn:aws:iam::123456789012:role/zscaler-mcp-dev-exec",
    region: "us-east-1",
    runtime: {
      agentRuntimeName: "zscaler_mcp_dev",
      description: "Zscaler MCP server (dev)",
      containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1.2.3",
      networkConfiguration: { networkMode: "PUBLIC" },
      protocolConfiguration: { serverProtocol: "MCP" },
      environmentVariables: { ZSCALER_MCP_WRITE_ENABLED: "false" },
      tags: { stack: "dev" },
    },
    wait: { timeoutSeconds: 5, minPollDelayMs: 10, maxPollDelayMs: 40 },
  };
}

describe("deployer handler", () => {
  let agentcore: AgentCoreSimulator;
  let secrets: SecretsManagerSimulator;
  let restoreEnv: () => void;
  let smClient: SecretsManagerClient;
  let lines: string[];

  async function deploy(
    event: unknown = PULUMI_EVENT,
    config = configFor(secrets.arnOf(SECRET_NAME)),
  ) {
    const log = createLambdaLogger((line) => lines.push(line));
    const control = createControlClient("us-east-1");
    try {
      return await deployRuntime({ config, secrets: smClient, control, log }, event);
    } finally {
      control.destroy();
    }
  }

  async function putSecret(value: unknown): Promise<string> {
    const out = await smClient.send(
      new PutSecretValueCommand({ SecretId: SECRET_NAME, SecretString: JSON.stringify(value) }),
    );
    return out.VersionId ?? "";
  }

  function assertNoCanary(...texts: unknown[]): void {
    for (const text of [...lines, ...texts.map((t) => JSON.stringify(t))]) {
      assert.ok(!text.includes(CANARY), `canary leaked into: ${text.slice(0, 200)}`);
    }
  }

  beforeEach(async () => {
    agentcore = await startAgentCoreSimulator({ createDelayMs: 30, updateDelayMs: 30 });
    secrets = await startSecretsManagerSimulator({
      secrets: [{ name: SECRET_NAME, secretString: JSON.stringify(CREDENTIALS) }],
    });
    restoreEnv = useSimulatorEnv(agentcore);
    smClient = new SecretsManagerClient({ region: "us-east-1", endpoint: secrets.endpoint });
    lines = [];
  });

  afterEach(async () => {
    smClient.destroy();
    restoreEnv();
    await agentcore.close();
    await secrets.close();
  });

  it("creates the runtime with the secret's credentials when none exists", async () => {
    const result = (await deploy()) as DeployedResult;
    const [runtime] = [...agentcore.runtimes.values()];
    assert.deepEqual(result, {
      action: "created",
      trigger: "deploy",
      agentRuntimeArn: runtime.agentRuntimeArn,
      agentRuntimeId: runtime.agentRuntimeId,
      agentRuntimeVersion: "1",
      status: "READY",
      invocationUrl:
        "https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/" +
        `${encodeURIComponent(runtime.agentRuntimeArn)}/invocations?qualifier=DEFAULT`,
      secretVersionId: secrets.currentVersionId(SECRET_NAME),
    });
    assert.deepEqual(runtime.config.environmentVariables, {
      ZSCALER_MCP_WRITE_ENABLED: "false",
      ...CREDENTIALS,
    });
    assert.equal(runtime.config.roleArn, "arn:aws:iam::123456789012:role/zscaler-mcp-dev-exec");
    assert.deepEqual(runtime.tags, { stack: "dev" });
    assert.equal(agentcore.calls.CreateAgentRuntime, 1);
    assert.match(String(agentcore.lastRequest.CreateAgentRuntime?.clientToken), /^[0-9a-f]{64}$/);
    assertNoCanary(result);
  });

  it("changes nothing when invoked again with the same secret and settings", async () => {
    const first = (await deploy()) as DeployedResult;
    agentcore.reset();
    const second = (await deploy()) as DeployedResult;
    assert.equal(second.action, "unchanged");
    assert.equal(second.agentRuntimeArn, first.agentRuntimeArn);
    assert.equal(second.agentRuntimeVersion, "1");
    assert.equal(agentcore.runtimes.size, 1);
    assert.equal(agentcore.calls.CreateAgentRuntime, 0);
    assert.equal(agentcore.calls.UpdateAgentRuntime, 0);
    assert.equal(agentcore.calls.TagResource, 0);
  });

  it("updates in place with the same ARN when the secret gets a new value", async () => {
    const first = (await deploy()) as DeployedResult;
    const version = await putSecret({ ...CREDENTIALS, ZSCALER_CLIENT_SECRET: `${CANARY}-rotated` });
    agentcore.reset();
    const second = (await deploy(secrets.events.at(-1))) as DeployedResult;
    assert.equal(second.action, "updated");
    assert.equal(second.trigger, "secret-change");
    assert.equal(second.agentRuntimeArn, first.agentRuntimeArn);
    assert.equal(second.agentRuntimeVersion, "2");
    assert.equal(second.secretVersionId, version);
    assert.equal(agentcore.calls.UpdateAgentRuntime, 1);
    assert.equal(agentcore.calls.CreateAgentRuntime, 0);
    assert.equal(agentcore.calls.DeleteAgentRuntime, 0);
    const runtime = agentcore.runtimes.get(first.agentRuntimeId);
    const env = runtime?.config.environmentVariables as Record<string, string>;
    assert.equal(env.ZSCALER_CLIENT_SECRET, `${CANARY}-rotated`);
    assertNoCanary(second);
  });

  it("names the missing keys, never the values, and touches no runtime", async () => {
    await putSecret({ ZSCALER_VANITY_DOMAIN: CANARY });
    await assert.rejects(deploy(), (err: unknown) => {
      assert.ok(err instanceof CredentialPayloadError);
      assert.ok(
        err.message.startsWith(
          `Secret \`${secrets.arnOf(SECRET_NAME)}\` is missing required keys \`ZSCALER_CLIENT_ID\`, ` +
            "`ZSCALER_CLIENT_SECRET` (or `ZSCALER_PRIVATE_KEY`) (absent or empty): ",
        ),
        err.message,
      );
      assertNoCanary(err.message, err.stack);
      return true;
    });
    assert.equal(agentcore.calls.CreateAgentRuntime + agentcore.calls.ListAgentRuntimes, 0);
  });

  it("refuses a secret that is not JSON without quoting it", async () => {
    await smClient.send(
      new PutSecretValueCommand({ SecretId: SECRET_NAME, SecretString: `secret=${CANARY}` }),
    );
    await assert.rejects(deploy(), (err: unknown) => {
      assert.ok(err instanceof Error);
      assert.match(err.message, /^Secret `[^`]+` is not valid JSON: store a JSON object such as /);
      assertNoCanary(err.message, err.stack);
      return true;
    });
  });

  it("rides out throttling of the control plane through the SDK's retries", async () => {
    agentcore.setFault("ListAgentRuntimes", { kind: "throttle", count: 2 });
    agentcore.setFault("CreateAgentRuntime", { kind: "throttle", count: 1 });
    const result = (await deploy()) as DeployedResult;
    assert.equal(result.action, "created");
    assert.equal(agentcore.calls.ListAgentRuntimes, 3);
    assert.equal(agentcore.calls.CreateAgentRuntime, 2);
    assert.equal(agentcore.runtimes.size, 1);
  });

  it("reports UPDATE_FAILED with the service's reason, and repairs it on the next run", async () => {
    await deploy();
    await putSecret({ ...CREDENTIALS, ZSCALER_CLIENT_ID: "client-id-2" });
    agentcore.failNext("update", "Container exited with code 1");
    await assert.rejects(deploy(), (err: unknown) => {
      assert.ok(err instanceof Error);
      assert.match(err.message, /UPDATE_FAILED/);
      assert.match(err.message, /Container exited with code 1/);
      return true;
    });
    agentcore.reset();
    const repaired = (await deploy()) as DeployedResult;
    assert.equal(repaired.action, "updated");
    assert.equal(repaired.status, "READY");
    assert.equal(repaired.agentRuntimeVersion, "3");
    assert.equal(agentcore.calls.UpdateAgentRuntime, 1);
    assert.equal(agentcore.calls.DeleteAgentRuntime, 0);
  });

  it("explains a secret it may not read", async () => {
    secrets.failNext("GetSecretValue", "AccessDeniedException", 1);
    await assert.rejects(deploy(), {
      message:
        `Secret \`${secrets.arnOf(SECRET_NAME)}\` could not be read (AccessDeniedException): allow the ` +
        "deployer role `secretsmanager:GetSecretValue` in both its policy and the secret's resource policy.",
    });
  });

  it("ignores an event about another secret", async () => {
    const event = {
      source: "aws.secretsmanager",
      "detail-type": "AWS API Call via CloudTrail",
      detail: {
        eventName: "PutSecretValue",
        responseElements: {
          arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:other-Zz9999",
        },
      },
    };
    assert.deepEqual(await deploy(event), { action: "ignored", trigger: "secret-change" });
    assert.equal(secrets.calls.GetSecretValue ?? 0, 0);
  });

  it("masks a credential that a service error quotes, in the log and in the error it throws", async () => {
    const config = configFor(secrets.arnOf(SECRET_NAME));
    process.env[DEPLOYER_CONFIG_ENV] = serializeDeployerConfig(config);
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secrets.endpoint;
    agentcore.setFault("CreateAgentRuntime", {
      kind: "error",
      status: 400,
      type: "ValidationException",
      message: `environmentVariables value ${CANARY} is too long`,
    });
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      await assert.rejects(handler(PULUMI_EVENT), (err: unknown) => {
        assert.ok(err instanceof Error);
        assert.equal(err.name, "DeployerError");
        assert.equal(err.message, "environmentVariables value [redacted] is too long");
        assertNoCanary(err.message, err.stack);
        return true;
      });
    } finally {
      process.stdout.write = write;
      delete process.env[DEPLOYER_CONFIG_ENV];
      delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
    }
    assert.ok(lines.some((line) => line.includes('"level":"ERROR"')));
    assertNoCanary();
  });
});

describe("classifyTrigger", () => {
  it("tells Pulumi, schedules, secret events and manual runs apart", () => {
    assert.deepEqual(classifyTrigger(PULUMI_EVENT), { kind: "deploy" });
    assert.deepEqual(
      classifyTrigger({ source: "aws.events", "detail-type": "Scheduled Event", detail: {} }),
      { kind: "schedule" },
    );
    assert.deepEqual(
      classifyTrigger({
        source: "aws.secretsmanager",
        detail: { eventName: "RotationSucceeded", additionalEventData: { SecretId: "arn:x" } },
      }),
      { kind: "secret-change", eventName: "RotationSucceeded", secretRef: "arn:x" },
    );
    assert.deepEqual(classifyTrigger({}), { kind: "manual" });
    assert.deepEqual(classifyTrigger(null), { kind: "manual" });
  });
});
