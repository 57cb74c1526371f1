import * as assert from "node:assert/strict";
import { createControlClient } from "../../components/agentcore/client";
import { type DeployerConfig, PULUMI_EVENT_SOURCE } from "../../components/deployer/deployerConfig";
import { type DeployResult, deployRuntime } from "../../components/deployer/handler/deploy";
import { createLambdaLogger } from "../../components/deployer/handler/logger";
import {
  secretRotationPattern,
  secretValueChangePattern,
} from "../../components/deployer/rotationRules";
import { matchesPattern } from "../deployer/eventPatternMatch";
import {
  FIRST_VALUE,
  ROTATED_VALUE,
  type RotationWorld,
  SECRET_NAME,
  startRotationWorld,
} from "./rotationWorld";

describe("rotation in lambda mode", () => {
  let world: RotationWorld;
  let config: DeployerConfig;

  beforeEach(async () => {
    world = await startRotationWorld();
    config = {
      secretArn: world.secretArn,
      executionRoleArn: "arn:aws:iam::123456789012:role/zscaler-mcp-rotation-exec",
      region: "us-east-1",
      runtime: {
        agentRuntimeName: "zscaler_mcp_rotation",
        containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1.2.3",
        networkConfiguration: { networkMode: "PUBLIC" },
        protocolConfiguration: { serverProtocol: "MCP" },
        environmentVariables: { ZSCALER_MCP_WRITE_ENABLED: "false" },
      },
      wait: { timeoutSeconds: 5, minPollDelayMs: 5, maxPollDelayMs: 20 },
    };
  });

  afterEach(() => world.stop());

  /** Runs the handler the way EventBridge or Pulumi would, for one event. */
  async function invoke(event: unknown): Promise<DeployResult & { agentRuntimeArn?: string }> {
    const control = createControlClient("us-east-1");
    try {
      const log = createLambdaLogger(() => undefined);
      return await deployRuntime({ config, secrets: world.client, control, log }, event);
    } finally {
      control.destroy();
    }
  }

  /** The events the rules would deliver: those that match either pattern of this secret. */
  function delivered(): unknown[] {
    const patterns = [
      secretValueChangePattern(world.secretArn),
      secretRotationPattern(world.secretArn),
    ];
    return world.secrets.events.filter((e) => patterns.some((p) => matchesPattern(p, e)));
  }

  function secretInRuntime(): string | undefined {
    const [runtime] = [...world.agentcore.runtimes.values()];
    return (runtime?.config.environmentVariables as Record<string, string>).ZSCALER_CLIENT_SECRET;
  }

  it("updates in place when EventBridge delivers the PutSecretValue", async () => {
    const first = await invoke({ source: PULUMI_EVENT_SOURCE, detail: {} });
    assert.equal(first.action, "created");
    await world.putSecret(ROTATED_VALUE);
    const events = delivered();
    assert.equal(events.length, 1);
    world.agentcore.reset();

    const second = await invoke(events[0]);

    assert.equal(second.action, "updated");
    assert.equal(second.agentRuntimeArn, first.agentRuntimeArn);
    assert.equal(world.agentcore.calls.UpdateAgentRuntime, 1);
    assert.equal(world.agentcore.calls.DeleteAgentRuntime, 0);
    assert.equal(world.agentcore.calls.CreateAgentRuntime, 0);
    assert.equal(world.agentcore.runtimes.size, 1);
    assert.equal(secretInRuntime(), ROTATED_VALUE.ZSCALER_CLIENT_SECRET);
  });

  it("updates once across the two events of a managed rotation, with the same ARN", async () => {
    const first = await invoke({ source: PULUMI_EVENT_SOURCE, detail: {} });
    world.secrets.rotate(SECRET_NAME, JSON.stringify(ROTATED_VALUE));
    const [pending, succeeded] = delivered();
    world.agentcore.reset();

    // Delivered after promotion here; in AWS it may arrive earlier and then find nothing to do.
    const onPending = await invoke(pending);
    const onSucceeded = await invoke(succeeded);

    assert.deepEqual([onPending.action, onSucceeded.action].sort(), ["unchanged", "updated"]);
    assert.equal(onSucceeded.agentRuntimeArn, first.agentRuntimeArn);
    assert.equal(world.agentcore.calls.UpdateAgentRuntime, 1);
    assert.equal(world.agentcore.calls.DeleteAgentRuntime, 0);
    assert.equal(secretInRuntime(), ROTATED_VALUE.ZSCALER_CLIENT_SECRET);
  });

  it("leaves the runtime alone when the pending value has not been promoted yet", async () => {
    await invoke({ source: PULUMI_EVENT_SOURCE, detail: {} });
    world.agentcore.reset();
    const event = {
      source: "aws.secretsmanager",
      "detail-type": "AWS API Call via CloudTrail",
      detail: { eventName: "PutSecretValue", responseElements: { arn: world.secretArn } },
    };
    const result = await invoke(event);
    assert.equal(result.action, "unchanged");
    assert.equal(world.agentcore.calls.UpdateAgentRuntime, 0);
    assert.equal(secretInRuntime(), FIRST_VALUE.ZSCALER_CLIENT_SECRET);
  });
});
