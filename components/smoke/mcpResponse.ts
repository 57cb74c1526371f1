/**
 * Reads an MCP JSON-RPC answer to `tools/list`, delivered either as plain JSON or as a
 * server-sent event stream (streamable HTTP transport).
 */

/** The outcome of reading one answer. */
export type McpToolsAnswer =
  | { readonly kind: "tools"; readonly tools: string[] }
  | { readonly kind: "problem"; readonly description: string };

/** Longest server error message repeated in our own errors. */
const MAX_MESSAGE = 200;

/** Extracts the JSON-RPC message from a body that may be an SSE stream. */
function jsonRpcMessages(body: string, contentType: string | undefined): unknown[] {
  if (
    (contentType ?? "").includes("text/event-stream") ||
    body.startsWith("event:") ||
    body.startsWith("data:")
  ) {
    return body
      .split(/\r?\n/)
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(5).trim())
      .filter((data) => data !== "")
      .map((data) => JSON.parse(data) as unknown);
  }
  return body.trim() === "" ? [] : [JSON.parse(body) as unknown];
}

/** Interprets the body of an InvokeAgentRuntime answer to `tools/list`. */
export function parseMcpResponse(body: string, contentType: string | undefined): McpToolsAnswer {
  let messages: unknown[];
  try {
    messages = jsonRpcMessages(body, contentType);
  } catch {
    return { kind: "problem", description: "a body that is not JSON-RPC" };
  }
  for (const message of messages) {
    const record = message as {
      result?: { tools?: unknown };
      error?: { code?: unknown; message?: unknown };
    };
    if (record.error !== undefined) {
      const text = String(record.error.message ?? "").slice(0, MAX_MESSAGE);
      return {
        kind: "problem",
        description: `JSON-RPC error ${String(record.error.code)} "${text}"`,
      };
    }
    if (Array.isArray(record.result?.tools)) {
      const tools = (record.result.tools as { name?: unknown }[]).map((tool) => String(tool.name));
      if (tools.length === 0) return { kind: "problem", description: "an empty tool list" };
      return { kind: "tools", tools };
    }
  }
  return { kind: "problem", description: "no tools/list result" };
}
