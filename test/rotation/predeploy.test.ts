import * as assert from "node:assert/strict";
import { agentRuntimeProvider } from "../../components/agentcore/provider";
import { runtimeEnvironment } from "../../components/runtimeEnvironment";
import {
  PLAIN_SERVER,
  ROTATED_VALUE,
  SECRET_NAME,
  providerCreate,
  providerUpdate,
  resolved,
  runtimeInputs,
  useRotationWorld,
} from "./rotationWorld";

const SERVER = PLAIN_SERVER;

describe("rotation in predeploy mode", () => {
  const world = useRotationWorld();

  async function environmentNow(): Promise<Record<string, string>> {
    const { env } = await world.readCredentials();
    return resolved(
      runtimeEnvironment({
        mode: "predeploy",
        server: SERVER,
        secretName: SECRET_NAME,
        region: "us-east-1",
        credentials: env,
      }),
    );
  }

  it("moves the runtime to a new version with the same ARN, one update and no delete", async () => {
    const before = runtimeInputs(await environmentNow());
    const created = await providerCreate(before);
    await world.putSecret(ROTATED_VALUE);
    const after = runtimeInputs(await environmentNow());
    world.agentcore.reset();

    const diff = await agentRuntimeProvider.diff!(created.id, created.outs, after);
    assert.deepEqual(diff, { changes: true, replaces: [] });
    const updated = await providerUpdate(created.id, created.outs, after);

    assert.equal(updated.agentRuntimeArn, created.outs.agentRuntimeArn);
    assert.equal(created.outs.agentRuntimeVersion, "1");
    assert.equal(updated.agentRuntimeVersion, "2");
    assert.equal(updated.status, "READY");
    assert.equal(world.agentcore.calls.UpdateAgentRuntime, 1);
    assert.equal(world.agentcore.calls.DeleteAgentRuntime, 0);
    assert.equal(world.agentcore.calls.CreateAgentRuntime, 0);
    const live = world.agentcore.runtimes.get(created.id);
    const env = live?.config.environmentVariables as Record<string, string>;
    assert.equal(env.ZSCALER_CLIENT_SECRET, ROTATED_VALUE.ZSCALER_CLIENT_SECRET);
  });

  it("shows no change when the secret gets a new version with the same value", async () => {
    const before = runtimeInputs(await environmentNow());
    const created = await providerCreate(before);
    const { env } = await world.readCredentials();
    await world.putSecret(JSON.parse(JSON.stringify(env)));
    const after = runtimeInputs(await environmentNow());
    const diff = await agentRuntimeProvider.diff!(created.id, created.outs, after);
    assert.deepEqual(diff, { changes: false, replaces: [] });
  });
});
