import { strict as assert } from "node:assert";
import type { AgentRuntimeInputs, AgentRuntimeOutputs } from "../../components/agentcore/props";
import { CANARY, baseInputs, provider, rejection, text, useSimulator } from "./fixtures";

describe("agentRuntimeProvider secret canary", () => {
  const world = useSimulator();

  it("keeps the canary out of logs and non-secret outputs through a full lifecycle", async () => {
    const created = await provider.create(baseInputs());
    const outs = created.outs as AgentRuntimeOutputs;
    const rotated = {
      ...baseInputs(),
      environmentVariables: { ZSCALER_CLIENT_SECRET: `${CANARY}-2` },
    };
    const updated = (await provider.update(created.id, outs, rotated)).outs as AgentRuntimeOutputs;
    const read = await provider.read(created.id, updated);
    await provider.delete(created.id, updated);
    for (const result of [outs, updated, read.props as AgentRuntimeOutputs]) {
      const { environmentVariables, ...rest } = result;
      assert.equal(text(rest).includes(CANARY), false);
      assert.equal(text(environmentVariables).includes(CANARY), true);
    }
    assert.equal(world.logs.lines.length, 5);
    assert.equal(
      world.logs.lines.some((line) => line.includes(CANARY)),
      false,
    );
  });

  it("keeps the canary out of check failures about env var values", async () => {
    const inputs = baseInputs();
    inputs.environmentVariables = { ZSCALER_CLIENT_SECRET: CANARY.repeat(80) };
    const result = await provider.check({} as AgentRuntimeInputs, inputs);
    assert.deepEqual(result.failures, [
      {
        property: "environmentVariables.ZSCALER_CLIENT_SECRET",
        reason:
          "`environmentVariables.ZSCALER_CLIENT_SECRET` is 2960 characters long, at most 2048 are allowed; " +
          "pass a Secrets Manager secret name instead of the value.",
      },
    ]);
    assert.equal(world.sim.totalCalls(), 0);
  });

  it("keeps the canary out of update, read and delete errors that quote it", async () => {
    const created = await provider.create(baseInputs());
    const outs = created.outs as AgentRuntimeOutputs;
    const quoting = {
      kind: "error",
      status: 400,
      type: "ValidationException",
      message: `bad value ${CANARY}`,
    } as const;
    world.sim.setFault("UpdateAgentRuntime", quoting);
    const updateErr = await rejection(
      provider.update(created.id, outs, { ...baseInputs(), description: "x" }),
    );
    world.sim.setFault("GetAgentRuntime", quoting);
    const readErr = await rejection(provider.read(created.id, outs));
    world.sim.setFault("DeleteAgentRuntime", quoting);
    const deleteErr = await rejection(provider.delete(created.id, outs));
    for (const err of [updateErr, readErr, deleteErr]) {
      assert.equal(err.message, "bad value ***");
      assert.equal(String(err.stack).includes(CANARY), false);
    }
    assert.equal(
      world.logs.lines.some((line) => line.includes(CANARY)),
      false,
    );
  });
});
