import { strict as assert } from "node:assert";
import { DeleteAgentRuntimeCommand } from "@aws-sdk/client-bedrock-agentcore-control";
import { createControlClient } from "../../components/agentcore/client";
import {
  type RuntimeSpec,
  createRuntime,
  ensureRuntime,
  findRuntimeByName,
} from "../../components/agentcore/lifecycle";
import { DEFAULT_WAIT, pollDelayMs } from "../../components/agentcore/wait";
import type { AgentCoreSimulator } from "../support/agentcoreSimulator";
import { FAST_LIFECYCLE_WAIT, memoryLogger, rejection, startSim } from "./fixtures";

function spec(name = "zscaler_mcp_lambda"): RuntimeSpec {
  return {
    agentRuntimeName: name,
    containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1.2.3",
    roleArn: "arn:aws:iam::123456789012:role/zscaler-mcp-runtime",
    networkConfiguration: {
      networkMode: "VPC",
      networkModeConfig: {
        subnets: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
        securityGroups: ["sg-0ccccccccccccccc3"],
      },
    },
    protocolConfiguration: { serverProtocol: "MCP" },
    environmentVariables: { ZSCALER_CLIENT_ID: "id", ZSCALER_CLIENT_SECRET: "secret-1" },
    tags: { project: "zscaler-mcp" },
  };
}

describe("ensureRuntime", () => {
  let sim: AgentCoreSimulator;
  let stop: () => Promise<void>;
  const log = memoryLogger();
  const opts = { wait: FAST_LIFECYCLE_WAIT, log };

  beforeEach(async () => {
    ({ sim, stop } = await startSim());
    log.lines.length = 0;
  });
  afterEach(async () => stop());

  it("creates once and changes nothing when called again with the same spec", async () => {
    const client = createControlClient("us-east-1");
    const first = await ensureRuntime(client, spec(), opts);
    const second = await ensureRuntime(client, spec(), opts);
    assert.equal(first.action, "created");
    assert.equal(second.action, "unchanged");
    assert.equal(second.runtime.agentRuntimeId, first.runtime.agentRuntimeId);
    assert.equal(second.runtime.agentRuntimeVersion, "1");
    assert.equal(sim.runtimes.size, 1);
    assert.equal(sim.calls.CreateAgentRuntime, 1);
    assert.equal(sim.calls.UpdateAgentRuntime + sim.calls.TagResource + sim.calls.UntagResource, 0);
  });

  it("rolls one version, not two, when two deployers apply the same change at once", async () => {
    const client = createControlClient("us-east-1");
    await ensureRuntime(client, spec(), opts);
    const rotated = {
      ...spec(),
      environmentVariables: { ZSCALER_CLIENT_ID: "id", ZSCALER_CLIENT_SECRET: "secret-2" },
    };
    const [first, second] = await Promise.all([
      ensureRuntime(createControlClient("us-east-1"), rotated, opts),
      ensureRuntime(createControlClient("us-east-1"), rotated, opts),
    ]);
    assert.equal(sim.calls.UpdateAgentRuntime, 2, "the second call meets the first one's update");
    assert.equal(first.runtime.agentRuntimeVersion, "2");
    assert.equal(second.runtime.agentRuntimeVersion, "2");
    assert.equal(sim.calls.DeleteAgentRuntime, 0);
  });

  it("updates in place when only an env var value differs, and never deletes", async () => {
    const client = createControlClient("us-east-1");
    const first = await ensureRuntime(client, spec(), opts);
    const rotated = {
      ...spec(),
      environmentVariables: { ZSCALER_CLIENT_ID: "id", ZSCALER_CLIENT_SECRET: "secret-2" },
    };
    const second = await ensureRuntime(client, rotated, opts);
    assert.equal(second.action, "updated");
    assert.equal(second.runtime.agentRuntimeArn, first.runtime.agentRuntimeArn);
    assert.equal(second.runtime.agentRuntimeVersion, "2");
    assert.equal(sim.calls.UpdateAgentRuntime, 1);
    assert.equal(sim.calls.DeleteAgentRuntime, 0);
  });

  it("finds the runtime on a later ListAgentRuntimes page", async () => {
    await sim.close();
    ({ sim, stop } = await startSim({ pageSize: 2 }));
    const client = createControlClient("us-east-1");
    for (const name of ["rt_a", "rt_b", "rt_c", "rt_d"])
      await createRuntime(client, spec(name), opts);
    const result = await ensureRuntime(client, spec("rt_d"), opts);
    assert.equal(result.action, "unchanged");
    assert.equal(sim.calls.ListAgentRuntimes, 2);
    assert.equal(await findRuntimeByName(client, "rt_missing"), undefined);
    assert.equal(sim.calls.ListAgentRuntimes, 4);
  });

  it("waits for a runtime an earlier attempt left CREATING instead of creating another", async () => {
    sim.delays.createMs = 200;
    const client = createControlClient("us-east-1");
    await rejection(
      createRuntime(client, spec(), {
        ...opts,
        wait: { ...FAST_LIFECYCLE_WAIT, timeoutSeconds: 0.05 },
      }),
    );
    const result = await ensureRuntime(client, spec(), opts);
    assert.equal(result.action, "unchanged");
    assert.equal(result.runtime.status, "READY");
    assert.equal(sim.calls.CreateAgentRuntime, 1);
  });

  it("waits for a runtime that is being deleted to go, then creates it again", async () => {
    const client = createControlClient("us-east-1");
    const first = await ensureRuntime(client, spec(), opts);
    sim.delays.deleteMs = 100;
    await client.send(
      new DeleteAgentRuntimeCommand({ agentRuntimeId: first.runtime.agentRuntimeId }),
    );
    const second = await ensureRuntime(client, spec(), opts);
    assert.equal(second.action, "created");
    assert.notEqual(second.runtime.agentRuntimeId, first.runtime.agentRuntimeId);
    assert.deepEqual([...sim.runtimes.keys()], [second.runtime.agentRuntimeId]);
  });

  it("refuses to touch a runtime that failed to create, naming the way out", async () => {
    sim.failNext("create", "Role cannot be assumed");
    const client = createControlClient("us-east-1");
    const failed = await rejection(createRuntime(client, spec(), opts));
    const id = (failed.runtime as { agentRuntimeId: string }).agentRuntimeId;
    const err = await rejection(ensureRuntime(client, spec(), opts));
    assert.equal(
      err.message,
      `AgentCore runtime zscaler_mcp_lambda (\`${id}\`): expected READY, found CREATE_FAILED: Role cannot be ` +
        "assumed; a runtime that failed to create cannot be updated, " +
        "delete it (or replace the resource) and deploy again.",
    );
    assert.equal(sim.calls.DeleteAgentRuntime, 0);
  });
});

describe("pollDelayMs", () => {
  it("grows from the minimum by Fibonacci steps up to the maximum", () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 50].map((attempt) => pollDelayMs(attempt, DEFAULT_WAIT));
    assert.deepEqual(delays, [1000, 2000, 3000, 5000, 8000, 12000, 12000, 12000]);
  });

  it("never goes below 1 ms or above the maximum when the settings are odd", () => {
    assert.equal(pollDelayMs(0, { timeoutSeconds: 1, minPollDelayMs: 0, maxPollDelayMs: 0 }), 1);
    assert.equal(
      pollDelayMs(1000, { timeoutSeconds: 1, minPollDelayMs: 5, maxPollDelayMs: 20 }),
      20,
    );
  });
});

describe("createControlClient", () => {
  it("retries up to 8 times in standard mode and takes its endpoint from the standard variable", async () => {
    const { sim, stop } = await startSim();
    try {
      const client = createControlClient("eu-west-1");
      assert.equal(await client.config.maxAttempts(), 8);
      assert.equal(client.config.retryMode, "standard");
      assert.equal(await client.config.region(), "eu-west-1");
      await findRuntimeByName(client, "anything");
      assert.equal(sim.calls.ListAgentRuntimes, 1);
      client.destroy();
    } finally {
      await stop();
    }
  });
});
