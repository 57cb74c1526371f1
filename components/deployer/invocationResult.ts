/**
 * Reads the deployer's answer to the deploy-time invocation (`aws.lambda.Invocation.result`) into
 * typed fields for the component's outputs.
 */

/** The runtime fields the component exports. */
export interface InvocationResult {
  /** `created`, `updated` or `unchanged`. */
  readonly action: string;
  /** The runtime's ARN. */
  readonly agentRuntimeArn: string;
  /** The runtime's id. */
  readonly agentRuntimeId: string;
  /** The runtime's version. */
  readonly agentRuntimeVersion: string;
  /** The runtime's status. */
  readonly status: string;
  /** The URL MCP clients call. */
  readonly invocationUrl: string;
  /** The secret version the runtime holds. */
  readonly secretVersionId: string;
}

const FIELDS = [
  "action",
  "agentRuntimeArn",
  "agentRuntimeId",
  "agentRuntimeVersion",
  "status",
  "invocationUrl",
  "secretVersionId",
] as const;

/**
 * Parses the invocation result. Throws one sentence naming what is missing when the function
 * answered with something other than a deployed runtime (an old handler, or an ignored event).
 */
export function parseInvocationResult(result: string): InvocationResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(result);
  } catch {
    throw new Error(
      "The deployer's answer is not JSON: check the function's log group for the failure, then run `pulumi up` again.",
    );
  }
  const record = (parsed ?? {}) as Record<string, unknown>;
  const missing = FIELDS.filter((key) => typeof record[key] !== "string");
  if (missing.length > 0 || !["created", "updated", "unchanged"].includes(String(record.action))) {
    const lacking =
      missing.length > 0 ? missing.map((k) => `\`${k}\``).join(", ") : "a deployed `action`";
    throw new Error(
      `The deployer's answer lacks ${lacking}: ` +
        "check the function's log group, then run `pulumi up` again.",
    );
  }
  return Object.fromEntries(FIELDS.map((key) => [key, record[key]])) as unknown as InvocationResult;
}
