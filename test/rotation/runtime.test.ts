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

const SERVER = { ...PLAIN_SERVER, redeployOnRotation: true };

describe("rotation in runtime mode", () => {
  const world = useRotationWorld();

  /** The runtime's environment as the program builds it; the version id only when forced. */
  async function environmentNow(forceNewVersion: boolean): Promise<Record<string, string>> {
    const { versionId } = await world.readCredentials();
    return resolved(
      runtimeEnvironment({
        mode: "runtime",
        server: { ...SERVER, redeployOnRotation: forceNewVersion },
        secretName: SECRET_NAME,
        region: "us-east-1",
        ...(forceNewVersion ? { secretVersionId: versionId } : {}),
      }),
    );
  }

  it("needs no deployment by default: the inputs carry no value and do not change", async () => {
    const before = runtimeInputs(await environmentNow(false));
    assert.equal(before.environmentVariables?.ZSCALER_SECRET_NAME, SECRET_NAME);
    assert.equal(before.environmentVariables?.ZSCALER_CLIENT_SECRET, undefined);
    const created = await providerCreate(before);
    await world.putSecret(ROTATED_VALUE);
    const after = runtimeInputs(await environmentNow(false));
    world.agentcore.reset();
    const diff = await agentRuntimeProvider.diff!(created.id, created.outs, after);
    assert.deepEqual(diff, { changes: false, replaces: [] });
    assert.equal(world.agentcore.totalCalls(), 0);
  });

  it("rolls a new version with the same ARN when the version id is forced into the environment", async () => {
    const before = runtimeInputs(await environmentNow(true));
    const created = await providerCreate(before);
    const newVersionId = await world.putSecret(ROTATED_VALUE);
    const after = runtimeInputs(await environmentNow(true));
    assert.equal(after.environmentVariables?.ZSCALER_SECRET_VERSION_ID, newVersionId);
    world.agentcore.reset();

    const diff = await agentRuntimeProvider.diff!(created.id, created.outs, after);
    assert.deepEqual(diff, { changes: true, replaces: [] });
    const updated = await providerUpdate(created.id, created.outs, after);

    assert.equal(updated.agentRuntimeArn, created.outs.agentRuntimeArn);
    assert.equal(updated.agentRuntimeVersion, "2");
    assert.equal(world.agentcore.calls.UpdateAgentRuntime, 1);
    assert.equal(world.agentcore.calls.DeleteAgentRuntime, 0);
    assert.equal(world.agentcore.calls.CreateAgentRuntime, 0);
  });
});
