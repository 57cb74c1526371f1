/**
 * Error helpers shared by the provider and the deployer. Messages built here name the runtime and
 * the states involved, never a configuration value: environment variables may hold credentials.
 */

/** The name of an SDK service exception (`ConflictException`, ...), or undefined for other errors. */
export function awsErrorName(err: unknown): string | undefined {
  if (typeof err === "object" && err !== null && "name" in err) {
    const name = (err as { name: unknown }).name;
    return typeof name === "string" ? name : undefined;
  }
  return undefined;
}

/** True when the error is the service saying the runtime does not exist. */
export function isNotFound(err: unknown): boolean {
  return awsErrorName(err) === "ResourceNotFoundException";
}

/** True when the error is a 409 from the service (busy runtime, duplicate name, token reuse). */
export function isConflict(err: unknown): boolean {
  return awsErrorName(err) === "ConflictException";
}

/** The service's message of an SDK error, or the error's own message, as one line. */
export function errorMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, " ").trim();
}

/** A runtime reached a failed state (`CREATE_FAILED`, `UPDATE_FAILED`, `DELETE_FAILED`). */
export class RuntimeFailedError extends Error {
  /** The runtime's id. */
  readonly agentRuntimeId: string;
  /** The failed status the runtime reached. */
  readonly status: string;
  /** The service's `failureReason`, when it gave one. */
  readonly failureReason?: string;

  /** Builds the error; the message says which state was expected and which was found. */
  constructor(
    label: string,
    agentRuntimeId: string,
    expected: string,
    status: string,
    failureReason?: string,
  ) {
    super(
      `AgentCore runtime ${label} (\`${agentRuntimeId}\`): expected ${expected}, found ${status}: ` +
        `${failureReason ?? "the service gave no failure reason"}; fix the cause and run the deployment again.`,
    );
    this.name = "RuntimeFailedError";
    this.agentRuntimeId = agentRuntimeId;
    this.status = status;
    this.failureReason = failureReason;
  }
}

/** Waiting for a runtime to settle took longer than the configured timeout. */
export class WaitTimeoutError extends Error {
  /** The runtime's id. */
  readonly agentRuntimeId: string;
  /** The last status seen before giving up. */
  readonly lastStatus: string;

  /** Builds the error; the message names the timeout setting and how to continue. */
  constructor(
    label: string,
    agentRuntimeId: string,
    expected: string,
    lastStatus: string,
    timeoutSeconds: number,
  ) {
    super(
      `AgentCore runtime ${label} (\`${agentRuntimeId}\`): expected ${expected} within ` +
        `\`waitTimeoutSeconds\` = ${timeoutSeconds}, still ${lastStatus}; raise \`waitTimeoutSeconds\` ` +
        "or run the deployment again to keep waiting (the runtime is kept, not recreated).",
    );
    this.name = "WaitTimeoutError";
    this.agentRuntimeId = agentRuntimeId;
    this.lastStatus = lastStatus;
  }
}

/**
 * Returns a fresh error whose message (and stack) has every given value replaced by `***`.
 * Service validation messages can quote request values, and environment variables may be
 * credentials. Values shorter than 4 characters are left alone (they would mangle ordinary words).
 */
export function redactError(err: unknown, values: readonly string[]): Error {
  const message = maskValues(errorMessage(err), values, "***");
  const safe = new Error(message);
  safe.name = awsErrorName(err) ?? "Error";
  safe.stack = `${safe.name}: ${message}`;
  return safe;
}

/** Values shorter than this are not masked: they would mask ordinary words and prove nothing. */
export const MIN_MASKED_LENGTH = 4;

/**
 * Replaces every occurrence of each value in `text` with `mask`: the value as it is and as it
 * appears inside a JSON string (quotes and backslashes escaped), since service messages often
 * quote request bodies. Longest first, so a value that contains another is masked whole.
 */
export function maskValues(text: string, values: Iterable<string>, mask: string): string {
  const forms = new Set<string>();
  for (const value of values) {
    if (value.length < MIN_MASKED_LENGTH) continue;
    forms.add(value);
    forms.add(JSON.stringify(value).slice(1, -1));
  }
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length))
    out = out.split(form).join(mask);
  return out;
}

/** A runtime that should be appearing (right after its create) is still not found. */
export class RuntimeMissingError extends Error {
  /** The runtime's id. */
  readonly agentRuntimeId: string;

  /** Builds the error; the message says what was expected and what to do. */
  constructor(label: string, agentRuntimeId: string, polls: number) {
    super(
      `AgentCore runtime ${label} (\`${agentRuntimeId}\`): expected it to appear after its create, ` +
        `still not found after ${polls} polls; check for a deletion in CloudTrail and deploy again.`,
    );
    this.name = "RuntimeMissingError";
    this.agentRuntimeId = agentRuntimeId;
  }
}
