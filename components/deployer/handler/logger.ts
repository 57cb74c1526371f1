/**
 * The deployer Lambda's logger: one JSON line per message on stdout, which Lambda ships to the
 * function's log group. Every line (and every error the handler lets out) passes through a
 * redactor that knows the credential values of the current invocation, so a value that slipped
 * into a message from anywhere (an SDK error, a service failure reason) is masked, not logged.
 */
import { MIN_MASKED_LENGTH, maskValues } from "../../agentcore/errors";
import type { RuntimeLogger } from "../../agentcore/lifecycle";

/** What replaces a credential value found in a message. */
export const REDACTED = "[redacted]";

/** A {@link RuntimeLogger} that also masks known secret values. */
export interface RedactingLogger extends RuntimeLogger {
  /** Adds values to mask from now on (the credentials just read from the secret). */
  redact(values: Iterable<string>): void;
  /** Returns the text with every known value masked. */
  scrub(text: string): string;
  /** Logs a failure; the message is scrubbed like every other line. */
  error(message: string): void;
}

/** Creates a logger that writes JSON lines through `write` (stdout in Lambda). */
export function createLambdaLogger(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): RedactingLogger {
  const secrets = new Set<string>();
  const scrub = (text: string): string => maskValues(text, secrets, REDACTED);
  const emit = (level: "INFO" | "WARN" | "ERROR", message: string): void => {
    write(JSON.stringify({ level, logger: "zscaler-mcp-deployer", message: scrub(message) }));
  };
  return {
    info: (message) => emit("INFO", message),
    warn: (message) => emit("WARN", message),
    error: (message) => emit("ERROR", message),
    redact(values) {
      for (const value of values) if (value.length >= MIN_MASKED_LENGTH) secrets.add(value);
    },
    scrub,
  };
}
