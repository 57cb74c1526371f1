/**
 * The post-deploy smoke check: asks the deployed MCP server for `tools/list` through AgentCore's
 * InvokeAgentRuntime, retrying while the runtime warms up, and explains a failure in terms of
 * what most likely went wrong (the server could not start with its credentials).
 */
import { randomUUID } from "node:crypto";
import {
  BedrockAgentCoreClient,
  InvokeAgentRuntimeCommand,
  InvokeAgentRuntimeCommandOutput,
} from "@aws-sdk/client-bedrock-agentcore";
import { parseMcpResponse } from "./mcpResponse";

/** Settings of one smoke check. */
export interface SmokeCheckOptions {
  /** The runtime to call. */
  readonly runtimeArn: string;
  /** The runtime's region. */
  readonly region: string;
  /** Give up after this many seconds. */
  readonly timeoutSeconds: number;
  /** The endpoint qualifier (default `DEFAULT`). */
  readonly qualifier?: string;
  /** Wait between attempts, in milliseconds (default 3000). */
  readonly retryDelayMs?: number;
}

/** What a passing smoke check found. */
export interface SmokeCheckResult {
  /** Names of the tools the server lists. */
  readonly tools: string[];
  /** How many invocations it took. */
  readonly attempts: number;
}

/** A failed smoke check; the message says what to look at next. */
export class SmokeCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SmokeCheckError";
  }
}

const LOG_HINT = (runtimeArn: string, region: string) => {
  const runtimeId = runtimeArn.split("/").pop() ?? runtimeArn;
  return `aws logs tail /aws/bedrock-agentcore/runtimes/${runtimeId}-DEFAULT --region ${region} --since 15m`;
};

/** Errors worth another attempt while the first session of a new version starts. */
function isTransient(error: unknown): boolean {
  const name = (error as { name?: string }).name ?? "";
  const status =
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  return (
    status >= 500 ||
    [
      "ThrottlingException",
      "ServiceUnavailableException",
      "InternalServerException",
      "RuntimeClientError",
    ].includes(name)
  );
}

async function invoke(
  client: BedrockAgentCoreClient,
  options: SmokeCheckOptions,
  sessionId: string,
  body: object,
  signal: AbortSignal,
): Promise<InvokeAgentRuntimeCommandOutput> {
  return client.send(
    new InvokeAgentRuntimeCommand({
      agentRuntimeArn: options.runtimeArn,
      qualifier: options.qualifier ?? "DEFAULT",
      runtimeSessionId: sessionId,
      contentType: "application/json",
      accept: "application/json, text/event-stream",
      payload: new TextEncoder().encode(JSON.stringify(body)),
    }),
    { abortSignal: signal },
  );
}

/**
 * Runs the check. Resolves with the listed tools; rejects with a {@link SmokeCheckError} whose
 * message names the runtime, what happened, and the command that shows its logs.
 */
export async function runSmokeCheck(options: SmokeCheckOptions): Promise<SmokeCheckResult> {
  const client = new BedrockAgentCoreClient({ region: options.region, maxAttempts: 3 });
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutSeconds * 1000);
  // A session id of at least 33 characters, as AgentCore requires.
  const sessionId = `smoke-check-${randomUUID()}`;
  let attempts = 0;
  let lastProblem = "no answer";
  try {
    while (Date.now() < deadline) {
      attempts += 1;
      try {
        const response = await invoke(
          client,
          options,
          sessionId,
          { jsonrpc: "2.0", id: attempts, method: "tools/list", params: {} },
          controller.signal,
        );
        const text = response.response ? await response.response.transformToString() : "";
        const parsed = parseMcpResponse(text, response.contentType);
        if (parsed.kind === "tools") return { tools: parsed.tools, attempts };
        throw new SmokeCheckError(
          `The MCP server of ${options.runtimeArn} answered tools/list with ${parsed.description}; ` +
            "it most likely did not start with its Zscaler credentials: " +
            `check ${LOG_HINT(options.runtimeArn, options.region)}.`,
        );
      } catch (error) {
        if (error instanceof SmokeCheckError) throw error;
        if (controller.signal.aborted) break;
        if (!isTransient(error)) {
          const name = (error as { name?: string }).name ?? "Error";
          throw new SmokeCheckError(
            `InvokeAgentRuntime on ${options.runtimeArn} failed with ${name}: ${(error as Error).message}; ` +
              "check that the deploying principal may call bedrock-agentcore:InvokeAgentRuntime on it.",
          );
        }
        lastProblem = (error as { name?: string }).name ?? "a transient error";
      }
      const wait = Math.min(options.retryDelayMs ?? 3000, Math.max(0, deadline - Date.now()));
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  } finally {
    clearTimeout(timer);
    client.destroy();
  }
  throw new SmokeCheckError(
    `The MCP server of ${options.runtimeArn} did not answer tools/list within ${options.timeoutSeconds} s ` +
      `(${attempts} attempts, last: ${lastProblem}); it most likely failed to start: ` +
      `check ${LOG_HINT(options.runtimeArn, options.region)}.`,
  );
}
