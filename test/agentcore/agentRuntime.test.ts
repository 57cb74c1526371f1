import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { AgentRuntime } from "../../components/agentcore/agentRuntime";
import { CANARY } from "./fixtures";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  secretOutputs: string[];
}

function unwrap<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

function restoreEnv(key: string, value: string | undefined): void {
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
}

describe("AgentRuntime", () => {
  const registered: Registered[] = [];

  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push({
            type: args.type,
            name: args.name,
            inputs: args.inputs,
            secretOutputs: [],
          });
          const id = `${args.inputs.agentRuntimeName}-Sim0000001`;
          return { id, state: { ...args.inputs, agentRuntimeId: id, status: "READY" } };
        },
        call: (args) => {
          throw new Error(`unexpected call ${args.token}`);
        },
      },
      "zscaler-mcp",
      "test",
      false,
    );
    // The mock monitor drops additionalSecretOutputs; record them from the raw request instead.
    const monitor = pulumi.runtime.getMonitor() as unknown as {
      registerResource: (req: { getAdditionalsecretoutputsList(): string[] }, cb: unknown) => void;
    };
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
      const secretOutputs = req.getAdditionalsecretoutputsList();
      original(req, cb);
      queueMicrotask(() => registered.at(-1)?.secretOutputs.push(...secretOutputs));
    };
  });
  beforeEach(() => {
    registered.length = 0;
  });

  function declare(): AgentRuntime {
    return new AgentRuntime(
      "runtime",
      {
        agentRuntimeName: "zscaler_mcp_dev",
        containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1.2.3",
        roleArn: "arn:aws:iam::123456789012:role/zscaler-mcp-runtime",
        networkConfiguration: { networkMode: "PUBLIC" },
        protocolConfiguration: { serverProtocol: "MCP" },
        environmentVariables: {
          ZSCALER_CLIENT_ID: "client-id",
          ZSCALER_CLIENT_SECRET: pulumi.secret(CANARY),
        },
        region: "us-east-1",
      },
      { additionalSecretOutputs: ["description"] },
    );
  }

  it("registers the dynamic type token with the serialized provider", async () => {
    const runtime = declare();
    await unwrap(runtime.agentRuntimeId);
    assert.equal(registered.length, 1);
    assert.equal(registered[0].type, "pulumi-nodejs:dynamic/agentcore:AgentRuntime");
    assert.equal(registered[0].name, "runtime");
    assert.equal(typeof registered[0].inputs.__provider, "string");
    assert.match(String(registered[0].inputs.__provider), /exports\.handler = /);
    assert.equal(registered[0].inputs.agentRuntimeName, "zscaler_mcp_dev");
  });

  it("keeps the env var map secret by adding it to the caller's additionalSecretOutputs", async () => {
    const runtime = declare();
    await unwrap(runtime.agentRuntimeId);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(registered[0].secretOutputs, ["description", "environmentVariables"]);
    assert.equal(await pulumi.isSecret(runtime.environmentVariables), true);
  });

  it("keeps the canary and every credential out of the serialized provider", async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, key: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = "AKIACANARY0000000000";
    process.env.AWS_SECRET_ACCESS_KEY = "canary-secret-access-key";
    const runtime = declare();
    restoreEnv("AWS_ACCESS_KEY_ID", saved.id);
    restoreEnv("AWS_SECRET_ACCESS_KEY", saved.key);
    await unwrap(runtime.agentRuntimeId);
    const source = String(registered[0].inputs.__provider);
    assert.equal(source.includes(CANARY), false);
    for (const marker of ["AWS_SECRET_ACCESS_KEY", "AKIA", "simulator-secret-access-key"]) {
      assert.equal(source.includes(marker), false, `serialized provider contains ${marker}`);
    }
  });

  it("exposes the declared outputs from the provider's state", async () => {
    const runtime = declare();
    assert.equal(await unwrap(runtime.agentRuntimeId), "zscaler_mcp_dev-Sim0000001");
    assert.equal(await unwrap(runtime.status), "READY");
    assert.equal(
      await unwrap(runtime.containerUri),
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1.2.3",
    );
  });
});
