import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bundleDeployerHandler } from "../../components/deployer/bundle";
import {
  DEPLOYER_CONFIG_ENV,
  PULUMI_EVENT_SOURCE,
  serializeDeployerConfig,
} from "../../components/deployer/deployerConfig";
import {
  type AgentCoreSimulator,
  startAgentCoreSimulator,
  useSimulatorEnv,
} from "../support/agentcoreSimulator";
import {
  type SecretsManagerSimulator,
  startSecretsManagerSimulator,
} from "../support/secretsManagerSimulator";

describe("deployer bundle", () => {
  let dir: string;
  let agentcore: AgentCoreSimulator;
  let secrets: SecretsManagerSimulator;
  let restoreEnv: () => void;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "deployer-bundle-"));
    fs.writeFileSync(path.join(dir, "index.js"), bundleDeployerHandler().code);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    agentcore = await startAgentCoreSimulator({ createDelayMs: 20, updateDelayMs: 20 });
    secrets = await startSecretsManagerSimulator({
      secrets: [
        {
          name: "zscaler/mcp/dev",
          secretString: JSON.stringify({
            ZSCALER_CLIENT_ID: "id",
            ZSCALER_CLIENT_SECRET: "s3cr3t-v",
          }),
        },
      ],
    });
    restoreEnv = useSimulatorEnv(agentcore);
  });

  afterEach(async () => {
    restoreEnv();
    delete process.env[DEPLOYER_CONFIG_ENV];
    delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
    await agentcore.close();
    await secrets.close();
  });

  it("is one self-contained CommonJS file with the SDK clients and no Pulumi", () => {
    const { code, sha256 } = bundleDeployerHandler();
    assert.match(sha256, /^[0-9a-f]{64}$/);
    assert.equal(bundleDeployerHandler().code, code);
    const external = new Set(
      [...code.matchAll(/require\("([^"]+)"\)/g)]
        .map((m) => m[1])
        .filter((id) => !id.startsWith("node:")),
    );
    // The CRT signer is an optional dependency the SDK loads only for SigV4a, inside a try.
    assert.deepEqual([...external], ["@aws-sdk/signature-v4-crt"]);
    assert.ok(code.includes("CreateAgentRuntime"));
    assert.ok(code.includes("GetSecretValue"));
  });

  it("runs as Lambda would load it and deploys the runtime", async () => {
    process.env[DEPLOYER_CONFIG_ENV] = serializeDeployerConfig({
      secretArn: secrets.arnOf("zscaler/mcp/dev"),
      executionRoleArn: "arn:aws:iam::123456789012:role/exec",
      region: "us-east-1",
      runtime: {
        agentRuntimeName: "zscaler_mcp_bundle",
        containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1",
        networkConfiguration: { networkMode: "PUBLIC" },
        protocolConfiguration: { serverProtocol: "MCP" },
      },
      wait: { timeoutSeconds: 5, minPollDelayMs: 10, maxPollDelayMs: 40 },
    });
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secrets.endpoint;
    const lines: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    let result: Record<string, unknown>;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundled = require(path.join(dir, "index.js")) as {
        handler: (event: unknown) => Promise<Record<string, unknown>>;
      };
      result = await bundled.handler({ source: PULUMI_EVENT_SOURCE, detail: {} });
    } finally {
      process.stdout.write = write;
    }
    assert.equal(result.action, "created");
    assert.equal(result.status, "READY");
    assert.equal(agentcore.runtimes.size, 1);
    assert.ok(lines.length >= 3);
    assert.ok(lines.every((line) => !line.includes("s3cr3t-v")));
  });
});
