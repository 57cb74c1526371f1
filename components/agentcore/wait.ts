import {
  type BedrockAgentCoreControlClient,
  GetAgentRuntimeCommand,
  type GetAgentRuntimeResponse,
} from "@aws-sdk/client-bedrock-agentcore-control";
import { RuntimeFailedError, RuntimeMissingError, WaitTimeoutError, isNotFound } from "./errors";

/** How long to wait for a runtime to settle and how often to look. */
export interface WaitSettings {
  /** Give up after this many seconds. */
  timeoutSeconds: number;
  /** Delay before the first status poll; later delays grow from here. */
  minPollDelayMs: number;
  /** Upper bound of the delay between two polls. */
  maxPollDelayMs: number;
}

/**
 * Production wait settings: give up after 20 minutes; first poll after 1 s, then growing (see
 * {@link pollDelayMs}) up to one poll every 12 s, so a 120 s transition costs 14 polls.
 */
export const DEFAULT_WAIT: WaitSettings = {
  timeoutSeconds: 1200,
  minPollDelayMs: 1000,
  maxPollDelayMs: 12000,
};

/** Where progress messages go: `pulumi.log` in the provider, the Lambda's logger in the deployer. */
export interface RuntimeLogger {
  /** Progress, e.g. a status change. */
  info(message: string): void;
  /** Something the operator should look at, e.g. a conflict being waited out. */
  warn(message: string): void;
}

/** Statuses during which the service refuses changes to the runtime with a 409. */
export const BUSY_STATUSES: readonly string[] = ["CREATING", "UPDATING", "DELETING"];

/** Options of every lifecycle operation. */
export interface LifecycleOptions {
  /** How long to wait for the runtime to settle, and how often to poll. */
  wait: WaitSettings;
  /** Where status changes and warnings go. */
  log: RuntimeLogger;
}

/** Consecutive "not found" polls after which a runtime that should be appearing is given up on. */
export const MISSING_POLLS = 4;

/** A logger that drops every message. */
export const SILENT_LOGGER: RuntimeLogger = { info: () => undefined, warn: () => undefined };

/** Resolves after the given number of milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The delay before poll number `attempt` (0-based): the minimum times the Fibonacci numbers
 * 1, 2, 3, 5, 8, 13, ... (growth about 1.6x a poll), capped at the maximum. A status change is
 * noticed at most one delay late, so the lag stays under about 60% of the time already waited
 * and never exceeds the maximum; with the defaults a 5 s, 30 s or 120 s transition is seen
 * about 1 s, 1 s or 7 s late after 3, 6 or 14 polls (see `npm run bench:provider`).
 */
export function pollDelayMs(attempt: number, wait: WaitSettings): number {
  const min = Math.max(1, wait.minPollDelayMs);
  const max = Math.max(min, wait.maxPollDelayMs);
  let [a, b] = [1, 1];
  for (let i = 0; i < attempt && min * b < max; i++) [a, b] = [b, a + b];
  return Math.min(max, min * b);
}

/** What a wait is for: the statuses that end it well, badly, or keep it going. */
export interface WaitGoal {
  /** Human-readable label of the runtime, e.g. its name. */
  label: string;
  /**
   * What ends the wait successfully: `READY`; `GONE` for a deletion; `SETTLED` for any status
   * other than CREATING, UPDATING and DELETING.
   */
  target: "READY" | "GONE" | "SETTLED";
  /** Statuses that end the wait with a {@link RuntimeFailedError}. */
  failed: readonly string[];
}

/**
 * Polls `GetAgentRuntime` with backoff until the runtime reaches the goal, logging each status
 * change once. Returns the last response (undefined for a completed deletion). A runtime that is
 * not found counts as gone when deleting and as still appearing otherwise (reads right after a
 * create can lag behind it).
 */
export async function waitForRuntime(
  client: BedrockAgentCoreControlClient,
  agentRuntimeId: string,
  goal: WaitGoal,
  wait: WaitSettings,
  log: RuntimeLogger,
  lastKnownStatus?: string,
): Promise<GetAgentRuntimeResponse | undefined> {
  const start = Date.now();
  const deadline = start + wait.timeoutSeconds * 1000;
  let seen = lastKnownStatus;
  let missing = 0;
  // Polls follow the schedule from the start of the wait, so slow answers do not push every
  // later poll back (which would add their latency to the detection lag).
  let plannedMs = 0;
  for (let attempt = 0; ; attempt++) {
    if (Date.now() >= deadline) {
      const last = seen ?? "UNKNOWN";
      throw new WaitTimeoutError(
        goal.label,
        agentRuntimeId,
        goal.target,
        last,
        wait.timeoutSeconds,
      );
    }
    plannedMs += pollDelayMs(attempt, wait);
    await sleep(Math.max(0, Math.min(start + plannedMs, deadline) - Date.now()));
    let live: GetAgentRuntimeResponse;
    try {
      live = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
      if (goal.target !== "READY") {
        const from = seen ?? "DELETING";
        log.info(`AgentCore runtime ${goal.label} (${agentRuntimeId}): ${from} -> deleted`);
        return undefined;
      }
      // Reads can lag a create by a moment; a runtime missing for longer is not coming.
      missing += 1;
      if (missing >= MISSING_POLLS)
        throw new RuntimeMissingError(goal.label, agentRuntimeId, missing);
      continue;
    }
    missing = 0;
    const status = live.status ?? "UNKNOWN";
    if (status !== seen) {
      log.info(`AgentCore runtime ${goal.label} (${agentRuntimeId}): ${seen ?? "?"} -> ${status}`);
      seen = status;
    }
    if (status === goal.target) return live;
    if (goal.target === "SETTLED" && !BUSY_STATUSES.includes(status)) return live;
    if (goal.failed.includes(status)) {
      const reason = live.failureReason;
      throw new RuntimeFailedError(goal.label, agentRuntimeId, goal.target, status, reason);
    }
  }
}
