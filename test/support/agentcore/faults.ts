/**
 * Fault injection for the AgentCore control-plane simulator: per-operation queues of faults that
 * the next matching requests consume, in order.
 */

/** The control-plane operations the simulator serves. */
export type SimOperation =
  | "CreateAgentRuntime"
  | "GetAgentRuntime"
  | "UpdateAgentRuntime"
  | "DeleteAgentRuntime"
  | "ListAgentRuntimes"
  | "TagResource"
  | "UntagResource"
  | "ListTagsForResource";

/** Every operation, in a stable order (for tables and zeroed counters). */
export const SIM_OPERATIONS: readonly SimOperation[] = [
  "CreateAgentRuntime",
  "GetAgentRuntime",
  "UpdateAgentRuntime",
  "DeleteAgentRuntime",
  "ListAgentRuntimes",
  "TagResource",
  "UntagResource",
  "ListTagsForResource",
];

/**
 * One injected fault. `count` (default 1) is how many consecutive requests of the operation it
 * hits before the next queued fault, or normal service, takes over.
 * - `throttle`: 429 `ThrottlingException` (the SDK retries it).
 * - `serverError`: 500 `InternalServerException`, or 503 `ServiceUnavailableException` with
 *   `status: 503` (the SDK retries both).
 * - `conflict`: 409 `ConflictException`, as while the runtime is busy (the SDK does not retry).
 * - `error`: any status, error type and message, e.g. a 400 `ValidationException` that quotes a value.
 * - `slow`: answers normally after `delayMs`.
 * - `drop`: destroys the connection without an answer; with `phase: "after"` the request is
 *   applied first (the create happened, its response was lost).
 */
export type SimFault =
  | { kind: "throttle"; count?: number }
  | { kind: "serverError"; count?: number; status?: 500 | 503 }
  | { kind: "conflict"; count?: number; message?: string }
  | { kind: "error"; count?: number; status: number; type: string; message: string }
  | { kind: "slow"; count?: number; delayMs: number }
  | { kind: "drop"; count?: number; phase?: "before" | "after" };

interface Queued {
  fault: SimFault;
  left: number;
}

/** Per-operation fault queues. */
export class FaultQueues {
  private readonly queues = new Map<SimOperation, Queued[]>();

  /** Appends a fault to the operation's queue. */
  add(operation: SimOperation, fault: SimFault): void {
    const queue = this.queues.get(operation) ?? [];
    queue.push({ fault, left: Math.max(1, fault.count ?? 1) });
    this.queues.set(operation, queue);
  }

  /** Takes the fault for the next request of the operation, if any is queued. */
  take(operation: SimOperation): SimFault | undefined {
    const queue = this.queues.get(operation);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.left -= 1;
    if (head.left <= 0) queue.shift();
    return head.fault;
  }

  /** How many injected faults of the operation are still waiting. */
  pending(operation: SimOperation): number {
    return (this.queues.get(operation) ?? []).reduce((sum, q) => sum + q.left, 0);
  }

  /** Drops every queued fault. */
  clear(): void {
    this.queues.clear();
  }
}
