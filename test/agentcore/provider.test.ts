import { strict as assert } from "node:assert";
import type { AgentRuntimeInputs, AgentRuntimeOutputs } from "../../components/agentcore/props";
import { CANARY, baseInputs, provider, rejection, useSimulator } from "./fixtures";

describe("agentRuntimeProvider", () => {
  const world = useSimulator();

  async function created(
    inputs = baseInputs(),
  ): Promise<{ id: string; outs: AgentRuntimeOutputs }> {
    const result = await provider.create(inputs);
    return { id: result.id, outs: result.outs as AgentRuntimeOutputs };
  }

  it("creates a READY runtime and returns its identity, version and invocation URL", async () => {
    const { id, outs } = await created();
    const runtime = world.sim.runtimes.get(id);
    assert.ok(runtime);
    assert.equal(outs.agentRuntimeId, id);
    assert.equal(
      outs.agentRuntimeArn,
      `arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/${id}`,
    );
    assert.equal(outs.agentRuntimeVersion, "1");
    assert.equal(outs.status, "READY");
    assert.equal(outs.workloadIdentityArn, runtime.workloadIdentityArn);
    assert.equal(outs.createdAt, runtime.createdAt.toISOString());
    assert.equal(
      outs.invocationUrl,
      "https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/" +
        `arn%3Aaws%3Abedrock-agentcore%3Aus-east-1%3A123456789012%3Aruntime%2F${id}/invocations?qualifier=DEFAULT`,
    );
    assert.deepEqual(runtime.tags, { project: "zscaler-mcp", stack: "test" });
    assert.equal(world.sim.calls.CreateAgentRuntime, 1);
  });

  it("gets the same runtime back when a create is retried with the same spec", async () => {
    const first = await created();
    const token = world.sim.lastRequest.CreateAgentRuntime?.clientToken;
    assert.match(String(token), /^[0-9a-f]{64}$/);
    const again = await created();
    assert.equal(world.sim.lastRequest.CreateAgentRuntime?.clientToken, token);
    assert.equal(again.id, first.id);
    assert.equal(world.sim.runtimes.size, 1);
    assert.equal(world.sim.calls.CreateAgentRuntime, 2);
  });

  it("returns plain JSON with no undefined fields, as the provider host's protobuf Struct requires", async () => {
    const { id, outs } = await created();
    const read = await provider.read(id, outs);
    const updated = await provider.update(id, outs, { ...baseInputs(), description: "changed" });
    const imported = await provider.read(id, {} as AgentRuntimeOutputs);
    for (const value of [outs, read.props, imported.props, imported.inputs, updated.outs]) {
      assert.deepEqual(JSON.parse(JSON.stringify(value)), value);
    }
  });

  it("logs each status change once while waiting", async () => {
    const { id } = await created();
    assert.deepEqual(world.logs.lines, [
      `AgentCore runtime zscaler_mcp_test (${id}): created, CREATING`,
      `AgentCore runtime zscaler_mcp_test (${id}): CREATING -> READY`,
    ]);
  });

  it("reports no changes when diffed against its own inputs after create", async () => {
    const { id, outs } = await created();
    assert.deepEqual(await provider.diff(id, outs, baseInputs()), { changes: false, replaces: [] });
  });

  it("reports no changes after a refresh that returns reordered lists and server defaults", async () => {
    const { id, outs } = await created();
    const read = await provider.read(id, outs);
    assert.equal(read.id, id);
    assert.equal(read.inputs, undefined);
    const props = read.props as AgentRuntimeOutputs;
    assert.deepEqual(props.lifecycleConfiguration, {
      idleRuntimeSessionTimeout: 900,
      maxLifetime: 28800,
    });
    assert.deepEqual(await provider.diff(id, props, baseInputs()), {
      changes: false,
      replaces: [],
    });
  });

  it("shows drift made outside Pulumi after a refresh", async () => {
    const { id, outs } = await created();
    const runtime = world.sim.runtimes.get(id);
    assert.ok(runtime);
    runtime.config.roleArn = "arn:aws:iam::123456789012:role/changed-by-hand";
    const read = await provider.read(id, outs);
    assert.equal(
      (read.props as AgentRuntimeOutputs).roleArn,
      "arn:aws:iam::123456789012:role/changed-by-hand",
    );
    assert.deepEqual(await provider.diff(id, read.props as AgentRuntimeOutputs, baseInputs()), {
      changes: true,
      replaces: [],
    });
  });

  it("imports a runtime by id, returning inputs that diff cleanly against the program", async () => {
    const { id } = await created();
    const read = await provider.read(id, { region: "us-east-1", ...({} as AgentRuntimeOutputs) });
    const inputs = read.inputs as AgentRuntimeInputs;
    assert.equal(inputs.agentRuntimeName, "zscaler_mcp_test");
    assert.equal(inputs.environmentVariables?.ZSCALER_CLIENT_SECRET, CANARY);
    const program: AgentRuntimeInputs = baseInputs();
    delete program.waitTimeoutSeconds;
    delete program.minPollDelayMs;
    delete program.maxPollDelayMs;
    assert.deepEqual(await provider.diff(id, read.props as AgentRuntimeOutputs, program), {
      changes: false,
      replaces: [],
    });
  });

  it("reads a runtime that no longer exists as gone", async () => {
    const { id, outs } = await created();
    world.sim.runtimes.delete(id);
    assert.deepEqual(await provider.read(id, outs), {});
  });

  it("updates only the env vars in place: same ARN, version + 1, no create or delete", async () => {
    const { id, outs } = await created();
    const news = baseInputs();
    news.environmentVariables = {
      ...news.environmentVariables,
      ZSCALER_CLIENT_SECRET: "rotated-secret-value",
    };
    assert.deepEqual(await provider.diff(id, outs, news), { changes: true, replaces: [] });
    assert.equal(
      world.logs.lines.at(-1),
      "AgentCore runtime zscaler_mcp_test: update in place, changed environmentVariables",
    );
    world.sim.reset();
    const updated = (await provider.update(id, outs, news)).outs as AgentRuntimeOutputs;
    assert.equal(updated.agentRuntimeArn, outs.agentRuntimeArn);
    assert.equal(updated.agentRuntimeId, id);
    assert.equal(updated.agentRuntimeVersion, "2");
    assert.equal(updated.status, "READY");
    assert.equal(world.sim.runtimes.get(id)?.config.environmentVariables instanceof Object, true);
    assert.equal(
      (world.sim.runtimes.get(id)?.config.environmentVariables as Record<string, string>)
        .ZSCALER_CLIENT_SECRET,
      "rotated-secret-value",
    );
    assert.equal(world.sim.calls.UpdateAgentRuntime, 1);
    assert.equal(world.sim.calls.CreateAgentRuntime + world.sim.calls.DeleteAgentRuntime, 0);
    assert.equal(world.sim.calls.TagResource + world.sim.calls.UntagResource, 0);
  });

  it("changes tags through TagResource and UntagResource without a new version", async () => {
    const { id, outs } = await created();
    const news = { ...baseInputs(), tags: { project: "zscaler-mcp", owner: "secops" } };
    world.sim.reset();
    const updated = (await provider.update(id, outs, news)).outs as AgentRuntimeOutputs;
    assert.deepEqual(world.sim.runtimes.get(id)?.tags, { project: "zscaler-mcp", owner: "secops" });
    assert.equal(world.sim.calls.TagResource, 1);
    assert.equal(world.sim.calls.UntagResource, 1);
    assert.equal(world.sim.calls.UpdateAgentRuntime, 0);
    assert.equal(updated.agentRuntimeVersion, "1");
  });

  it("replaces the runtime on a rename and on nothing else", async () => {
    const { id, outs } = await created();
    assert.deepEqual(await provider.diff(id, outs, baseInputs("zscaler_mcp_renamed")), {
      changes: true,
      replaces: ["agentRuntimeName"],
    });
    assert.equal(
      world.logs.lines.at(-1),
      "AgentCore runtime zscaler_mcp_test: replace, changed agentRuntimeName",
    );
    const other = {
      ...baseInputs(),
      containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:2.0.0",
    };
    assert.deepEqual(await provider.diff(id, outs, other), { changes: true, replaces: [] });
    const renamed = await provider.create(baseInputs("zscaler_mcp_renamed"));
    await provider.delete(id, outs);
    assert.deepEqual([...world.sim.runtimes.keys()], [renamed.id]);
  });

  it("ignores a change of wait settings", async () => {
    const { id, outs } = await created();
    const news = { ...baseInputs(), waitTimeoutSeconds: 60, maxPollDelayMs: 50 };
    assert.deepEqual(await provider.diff(id, outs, news), { changes: false, replaces: [] });
  });

  it("deletes the runtime and waits until it is gone", async () => {
    const { id, outs } = await created();
    await provider.delete(id, outs);
    assert.equal(world.sim.runtimes.has(id), false);
    assert.deepEqual(world.sim.events.at(-1), {
      agentRuntimeId: id,
      status: "GONE",
      at: world.sim.events.at(-1)?.at,
    });
  });

  it("treats the delete of a runtime that is already gone as success", async () => {
    const { id, outs } = await created();
    world.sim.runtimes.delete(id);
    await provider.delete(id, outs);
    assert.equal(world.sim.calls.DeleteAgentRuntime, 1);
    assert.ok(
      world.logs.lines.includes(`AgentCore runtime zscaler_mcp_test (${id}): already deleted`),
    );
  });

  it("fails a create on a taken name, saying how to adopt the runtime", async () => {
    const { id } = await created();
    const other = { ...baseInputs(), description: "a different runtime with the same name" };
    const err = await rejection(provider.create(other));
    assert.equal(
      err.message,
      '`agentRuntimeName` "zscaler_mcp_test" is already used by runtime `' +
        id +
        "` in this account and region, and runtime names must be unique; choose another name, or " +
        "adopt that runtime by setting `adoptExisting: true` on the resource " +
        "(`pulumi config set adoptExistingRuntime true` in this project) for one `pulumi up`.",
    );
    assert.equal(world.sim.runtimes.size, 1);
  });

  it("adopts a runtime of the same name in place when adoptExisting is set", async () => {
    const { id, outs } = await created();
    const adopted = await created({
      ...baseInputs(),
      description: "now managed by this stack",
      adoptExisting: true,
    });
    assert.equal(adopted.id, id);
    assert.equal(adopted.outs.agentRuntimeArn, outs.agentRuntimeArn);
    assert.equal(adopted.outs.agentRuntimeVersion, String(Number(outs.agentRuntimeVersion) + 1));
    assert.equal(world.sim.calls.UpdateAgentRuntime, 1);
    assert.equal(world.sim.runtimes.size, 1);
  });

  it("does not count adoptExisting as a change", async () => {
    const { id, outs } = await created();
    assert.deepEqual(await provider.diff(id, outs, { ...baseInputs(), adoptExisting: true }), {
      changes: false,
      replaces: [],
    });
  });
});
