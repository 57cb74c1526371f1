import { strict as assert } from "node:assert";
import {
  BedrockAgentCoreControlClient,
  UpdateAgentRuntimeCommand,
} from "@aws-sdk/client-bedrock-agentcore-control";
import type { AgentRuntimeInputs, AgentRuntimeOutputs } from "../../components/agentcore/props";
import { CANARY, baseInputs, provider, rejection, text, useSimulator } from "./fixtures";

describe("agentRuntimeProvider under faults", () => {
  const world = useSimulator();

  async function updateOutsidePulumi(id: string): Promise<void> {
    const client = new BedrockAgentCoreControlClient({});
    const inputs = baseInputs();
    await client.send(
      new UpdateAgentRuntimeCommand({
        agentRuntimeId: id,
        agentRuntimeArtifact: { containerConfiguration: { containerUri: inputs.containerUri } },
        roleArn: inputs.roleArn,
        networkConfiguration: inputs.networkConfiguration,
      }),
    );
    client.destroy();
  }

  it("retries throttled calls through the SDK and still creates one runtime", async () => {
    world.sim.setFault("CreateAgentRuntime", { kind: "throttle", count: 2 });
    world.sim.setFault("GetAgentRuntime", { kind: "throttle", count: 1 });
    const result = await provider.create(baseInputs());
    assert.equal((result.outs as AgentRuntimeOutputs).status, "READY");
    assert.equal(world.sim.calls.CreateAgentRuntime, 3);
    assert.equal(world.sim.runtimes.size, 1);
  });

  it("retries 500 and 503 answers through the SDK", async () => {
    world.sim.setFault("CreateAgentRuntime", { kind: "serverError", count: 2 });
    world.sim.setFault("GetAgentRuntime", { kind: "serverError", status: 503, count: 2 });
    const result = await provider.create(baseInputs());
    assert.equal((result.outs as AgentRuntimeOutputs).status, "READY");
    assert.equal(world.sim.calls.CreateAgentRuntime, 3);
    assert.equal(world.sim.runtimes.size, 1);
  });

  it("makes one runtime when the create response is lost after the service applied it", async () => {
    world.sim.setFault("CreateAgentRuntime", { kind: "drop", phase: "after" });
    const result = await provider.create(baseInputs());
    assert.equal(world.sim.calls.CreateAgentRuntime, 2);
    assert.deepEqual([...world.sim.runtimes.keys()], [result.id]);
  });

  it("retries a status poll whose connection dropped before any answer", async () => {
    world.sim.setFault("GetAgentRuntime", { kind: "drop", count: 2 });
    const result = await provider.create(baseInputs());
    assert.equal((result.outs as AgentRuntimeOutputs).status, "READY");
    assert.ok(world.sim.calls.GetAgentRuntime >= 3);
  });

  it("survives slow answers", async () => {
    world.sim.setFault("GetAgentRuntime", { kind: "slow", delayMs: 150, count: 2 });
    const result = await provider.create(baseInputs());
    assert.equal((result.outs as AgentRuntimeOutputs).status, "READY");
  });

  it("waits for a runtime that is UPDATING before updating it", async () => {
    const { id, outs } = (await provider.create(baseInputs())) as {
      id: string;
      outs: AgentRuntimeOutputs;
    };
    world.sim.delays.updateMs = 150;
    await updateOutsidePulumi(id);
    const news = { ...baseInputs(), description: "changed by Pulumi" };
    const updated = (await provider.update(id, outs, news)).outs as AgentRuntimeOutputs;
    assert.equal(updated.status, "READY");
    assert.equal(updated.agentRuntimeVersion, "3");
    assert.equal(world.sim.runtimes.get(id)?.config.description, "changed by Pulumi");
  });

  it("retries an update that got a 409 from a settled runtime", async () => {
    const { id, outs } = (await provider.create(baseInputs())) as {
      id: string;
      outs: AgentRuntimeOutputs;
    };
    world.sim.setFault("UpdateAgentRuntime", { kind: "conflict" });
    const news = { ...baseInputs(), description: "second try works" };
    const updated = (await provider.update(id, outs, news)).outs as AgentRuntimeOutputs;
    assert.equal(updated.agentRuntimeVersion, "2");
    assert.equal(world.sim.calls.UpdateAgentRuntime, 2);
  });

  it("waits for a busy runtime before deleting it", async () => {
    const { id, outs } = (await provider.create(baseInputs())) as {
      id: string;
      outs: AgentRuntimeOutputs;
    };
    world.sim.delays.updateMs = 150;
    await updateOutsidePulumi(id);
    await provider.delete(id, outs);
    assert.equal(world.sim.runtimes.size, 0);
    assert.equal(world.sim.calls.DeleteAgentRuntime, 2);
    assert.ok(
      world.logs.lines.includes(
        `AgentCore runtime zscaler_mcp_test (${id}) is UPDATING; waiting for it to settle.`,
      ),
    );
  });

  it("fails with the failureReason of a CREATE_FAILED runtime and keeps it in the state", async () => {
    world.sim.failNext("create", "Image pull failed: manifest unknown");
    const err = await rejection(provider.create(baseInputs()));
    const id = [...world.sim.runtimes.keys()][0];
    assert.equal(
      err.message,
      `AgentCore runtime zscaler_mcp_test (\`${id}\`): expected READY, found CREATE_FAILED: ` +
        "Image pull failed: manifest unknown; fix the cause and run the deployment again.",
    );
    assert.equal(err.id, id);
    assert.equal((err.properties as AgentRuntimeOutputs).status, "CREATE_FAILED");
    assert.deepEqual(await provider.diff(id, err.properties as AgentRuntimeOutputs, baseInputs()), {
      changes: true,
      replaces: ["status"],
      deleteBeforeReplace: true,
    });
  });

  it("fails with the service's failureReason when an update ends UPDATE_FAILED", async () => {
    const { id, outs } = (await provider.create(baseInputs())) as {
      id: string;
      outs: AgentRuntimeOutputs;
    };
    world.sim.failNext("update", "Container exited with code 1");
    const err = await rejection(
      provider.update(id, outs, { ...baseInputs(), description: "broken" }),
    );
    assert.equal(
      err.message,
      `AgentCore runtime zscaler_mcp_test (\`${id}\`): expected READY, found UPDATE_FAILED: ` +
        "Container exited with code 1; fix the cause and run the deployment again.",
    );
    const retried = (await provider.update(id, outs, { ...baseInputs(), description: "broken" }))
      .outs;
    assert.equal((retried as AgentRuntimeOutputs).status, "READY");
  });

  it("keeps a runtime that timed out after create in the state and finishes it on the next update", async () => {
    world.sim.delays.createMs = 600;
    const inputs = { ...baseInputs(), waitTimeoutSeconds: 0.2 };
    const withProvider = { ...inputs, __provider: "serialized-provider" } as AgentRuntimeInputs;
    const err = await rejection(provider.create(withProvider));
    const id = [...world.sim.runtimes.keys()][0];
    assert.equal(
      err.message,
      `AgentCore runtime zscaler_mcp_test (\`${id}\`): expected READY within \`waitTimeoutSeconds\` = 0.2, ` +
        "still CREATING; raise `waitTimeoutSeconds` or run the deployment again to keep waiting " +
        "(the runtime is kept, not recreated).",
    );
    const partial = err.properties as AgentRuntimeOutputs & { __provider: string };
    assert.equal(err.id, id);
    assert.equal(partial.agentRuntimeId, id);
    assert.equal(partial.status, "CREATING");
    assert.equal(partial.__provider, "serialized-provider");
    assert.equal(partial.environmentVariables, undefined);
    assert.deepEqual(JSON.parse(JSON.stringify(partial)), partial);
    assert.deepEqual(err.reasons, [err.message]);
    assert.equal(text(err).includes(CANARY), false);

    const diff = await provider.diff(id, partial, baseInputs());
    assert.deepEqual(diff, { changes: true, replaces: [] });
    const finished = (await provider.update(id, partial, baseInputs())).outs as AgentRuntimeOutputs;
    assert.equal(finished.status, "READY");
    assert.equal(finished.agentRuntimeId, id);
    assert.equal(finished.agentRuntimeVersion, "1");
    assert.equal(world.sim.calls.CreateAgentRuntime, 1);
    assert.equal(world.sim.calls.UpdateAgentRuntime, 0);
  });

  it("creates again when the service answers the token with a runtime deleted since", async () => {
    await world.restart({ replayDeletedTokens: true });
    const first = (await provider.create(baseInputs())) as {
      id: string;
      outs: AgentRuntimeOutputs;
    };
    await provider.delete(first.id, first.outs);
    const second = await provider.create(baseInputs());
    assert.notEqual(second.id, first.id);
    assert.deepEqual([...world.sim.runtimes.keys()], [second.id]);
    assert.equal(world.sim.calls.CreateAgentRuntime, 3);
    assert.ok(
      world.logs.lines.some((l) => l.includes(`returned ${first.id}, which no longer exists`)),
    );
    const again = await provider.create(baseInputs());
    assert.equal(again.id, second.id);
  });

  it("times out a delete that never finishes with the resource kept", async () => {
    const { id, outs } = (await provider.create(baseInputs())) as {
      id: string;
      outs: AgentRuntimeOutputs;
    };
    world.sim.delays.deleteMs = 800;
    const err = await rejection(provider.delete(id, { ...outs, waitTimeoutSeconds: 0.2 }));
    assert.match(err.message, /expected GONE within `waitTimeoutSeconds` = 0\.2, still DELETING/);
  });

  it("surfaces a non-retryable service error without the values it quotes", async () => {
    world.sim.setFault("CreateAgentRuntime", {
      kind: "error",
      status: 400,
      type: "ValidationException",
      message: `Value '${CANARY}' at 'environmentVariables' failed to satisfy constraint`,
    });
    const err = await rejection(provider.create(baseInputs()));
    assert.equal(err.name, "ValidationException");
    assert.equal(err.message, "Value '***' at 'environmentVariables' failed to satisfy constraint");
    assert.equal(String(err.stack).includes(CANARY), false);
    assert.equal(world.sim.runtimes.size, 0);
  });
});
