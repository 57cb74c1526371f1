/**
 * The post-deploy smoke check against a loopback stand-in for AgentCore's InvokeAgentRuntime:
 * a server that lists its tools, one that answers with an error, one that never answers.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { SmokeCheckError, runSmokeCheck } from "../../components/smoke/toolsList";
import { DataPlaneStandIn, startDataPlane } from "../support/dataPlaneStandIn";

const RUNTIME_ARN =
  "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/zscalermcp_dev-a1b2c3d4e5";
const TOOLS = {
  jsonrpc: "2.0",
  id: 1,
  result: { tools: [{ name: "zia_list_locations" }, { name: "zpa_list_segments" }] },
};
const LOGS =
  "aws logs tail /aws/bedrock-agentcore/runtimes/zscalermcp_dev-a1b2c3d4e5-DEFAULT --region us-east-1 --since 15m";

describe("Smoke check (tools/list through InvokeAgentRuntime)", () => {
  let standIn: DataPlaneStandIn | undefined;
  const saved = { ...process.env };

  function pointAt(endpoint: string): void {
    process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE = endpoint;
    process.env.AWS_ACCESS_KEY_ID = "AKIAOFFLINETEST00000";
    process.env.AWS_SECRET_ACCESS_KEY = "offline-test-secret-key";
  }

  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
    process.env = { ...saved };
  });

  it("passes and lists the tools when the server answers with JSON", async () => {
    standIn = await startDataPlane([{ kind: "json", body: TOOLS }]);
    pointAt(standIn.endpoint);
    const result = await runSmokeCheck({
      runtimeArn: RUNTIME_ARN,
      region: "us-east-1",
      timeoutSeconds: 10,
    });
    assert.deepEqual(result, { tools: ["zia_list_locations", "zpa_list_segments"], attempts: 1 });
    assert.equal(standIn.received.length, 1);
    assert.equal(standIn.received[0].path, `/runtimes/${RUNTIME_ARN}/invocations`);
    assert.equal(standIn.received[0].qualifier, "DEFAULT");
    assert.deepEqual(standIn.received[0].body, {
      jsonrpc: "2.0",
      id: 1,
      method: "tools/list",
      params: {},
    });
    assert.ok(
      (standIn.received[0].sessionId ?? "").length >= 33,
      "AgentCore needs a session id of 33+ characters",
    );
  });

  it("passes when the server answers as an event stream", async () => {
    standIn = await startDataPlane([{ kind: "sse", body: TOOLS }]);
    pointAt(standIn.endpoint);
    const result = await runSmokeCheck({
      runtimeArn: RUNTIME_ARN,
      region: "us-east-1",
      timeoutSeconds: 10,
    });
    assert.deepEqual(result.tools, ["zia_list_locations", "zpa_list_segments"]);
  });

  it("retries while the first session starts, then passes", async () => {
    standIn = await startDataPlane([
      { kind: "error", status: 503, type: "ServiceUnavailableException", message: "starting" },
      { kind: "json", body: TOOLS },
    ]);
    pointAt(standIn.endpoint);
    const result = await runSmokeCheck({
      runtimeArn: RUNTIME_ARN,
      region: "us-east-1",
      timeoutSeconds: 20,
      retryDelayMs: 10,
    });
    assert.equal(result.tools.length, 2);
    assert.ok(standIn.received.length >= 2);
  });

  it("fails with the server's error and where to look when tools/list returns an error", async () => {
    standIn = await startDataPlane([
      {
        kind: "json",
        body: {
          jsonrpc: "2.0",
          id: 1,
          error: { code: -32603, message: "Zscaler authentication failed" },
        },
      },
    ]);
    pointAt(standIn.endpoint);
    await assert.rejects(
      runSmokeCheck({ runtimeArn: RUNTIME_ARN, region: "us-east-1", timeoutSeconds: 10 }),
      (error: Error) => {
        assert.ok(error instanceof SmokeCheckError);
        assert.equal(
          error.message,
          `The MCP server of ${RUNTIME_ARN} answered tools/list with JSON-RPC error -32603 ` +
            '"Zscaler authentication failed"; it most likely did not start with its Zscaler credentials: ' +
            `check ${LOGS}.`,
        );
        return true;
      },
    );
  });

  it("fails naming the permission when the caller may not invoke the runtime", async () => {
    standIn = await startDataPlane([
      { kind: "error", status: 403, type: "AccessDeniedException", message: "not authorized" },
    ]);
    pointAt(standIn.endpoint);
    await assert.rejects(
      runSmokeCheck({ runtimeArn: RUNTIME_ARN, region: "us-east-1", timeoutSeconds: 10 }),
      (error: Error) => {
        assert.equal(
          error.message,
          `InvokeAgentRuntime on ${RUNTIME_ARN} failed with AccessDeniedException: not authorized; ` +
            "check that the deploying principal may call bedrock-agentcore:InvokeAgentRuntime on it.",
        );
        return true;
      },
    );
  });

  it("gives up at the timeout when the server never answers", async () => {
    standIn = await startDataPlane([{ kind: "hang" }]);
    pointAt(standIn.endpoint);
    const started = Date.now();
    await assert.rejects(
      runSmokeCheck({ runtimeArn: RUNTIME_ARN, region: "us-east-1", timeoutSeconds: 1 }),
      (error: Error) => {
        assert.equal(
          error.message,
          `The MCP server of ${RUNTIME_ARN} did not answer tools/list within 1 s (1 attempts, last: no answer); ` +
            `it most likely failed to start: check ${LOGS}.`,
        );
        return true;
      },
    );
    assert.ok(Date.now() - started < 5000, "the check must stop at its own timeout");
  });

  it("exits non-zero from the command line with the reason on stderr", async () => {
    standIn = await startDataPlane([
      { kind: "json", body: { jsonrpc: "2.0", id: 1, result: { tools: [] } } },
    ]);
    // Asynchronously: the stand-in answers from this very process.
    const result = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ["--import", "tsx", path.join("tools", "smokeCheck.ts")],
        {
          cwd: path.resolve(__dirname, "..", ".."),
          encoding: "utf8",
          env: {
            ...process.env,
            AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: standIn?.endpoint,
            AWS_ACCESS_KEY_ID: "AKIAOFFLINETEST00000",
            AWS_SECRET_ACCESS_KEY: "offline-test-secret-key",
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
            SMOKE_RUNTIME_ARN: RUNTIME_ARN,
            SMOKE_REGION: "us-east-1",
            SMOKE_TIMEOUT_SECONDS: "10",
          },
        },
        (_error, _stdout, stderr) => resolve({ status: child.exitCode, stderr }),
      );
    });
    assert.equal(result.status, 1);
    assert.equal(
      result.stderr.trim(),
      `The MCP server of ${RUNTIME_ARN} answered tools/list with an empty tool list; ` +
        `it most likely did not start with its Zscaler credentials: check ${LOGS}.`,
    );
  });
});
