/**
 * The simulator's runtime store: one record per runtime and a timer-driven state machine
 * (CREATING -> READY | CREATE_FAILED, UPDATING -> READY | UPDATE_FAILED, DELETING -> gone).
 */
import { createHash, randomBytes } from "node:crypto";

/** A request error the HTTP layer turns into an AWS-shaped error response. */
export class SimError extends Error {
  /** Builds the error with its HTTP status and AWS error type. */
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Transition delays of the state machine, in milliseconds. */
export interface TransitionDelays {
  /** CREATING -> READY (or CREATE_FAILED). */
  createMs: number;
  /** UPDATING -> READY (or UPDATE_FAILED). */
  updateMs: number;
  /** DELETING -> gone. */
  deleteMs: number;
}

/** One status change, with its wall-clock time (`Date.now()`). */
export interface SimEvent {
  /** The runtime that changed. */
  agentRuntimeId: string;
  /** Its new status; `GONE` when a deletion finished. */
  status: string;
  /** When, as `Date.now()`. */
  at: number;
}

/** A runtime as the simulator holds it. `config` is the request body minus name, token and tags. */
export interface SimRuntime {
  /** Id, `<name>-<10 random characters>`. */
  agentRuntimeId: string;
  /** `arn:aws:bedrock-agentcore:<region>:<account>:runtime/<id>`. */
  agentRuntimeArn: string;
  /** Name, unique among live runtimes. */
  agentRuntimeName: string;
  /** Version, 1 at create, plus one per update. */
  version: number;
  /** Current status. */
  status: string;
  /** Set when a transition was made to fail. */
  failureReason?: string;
  /** The configuration as last sent (request body minus name, token and tags); tests may edit it to fake drift. */
  config: Record<string, unknown>;
  /** Tags. */
  tags: Record<string, string>;
  /** Creation time. */
  createdAt: Date;
  /** Time of the last update. */
  lastUpdatedAt: Date;
  /** Workload identity ARN the service would create. */
  workloadIdentityArn: string;
}

const CONFIG_KEYS = [
  "description",
  "agentRuntimeArtifact",
  "roleArn",
  "networkConfiguration",
  "protocolConfiguration",
  "environmentVariables",
  "authorizerConfiguration",
  "lifecycleConfiguration",
  "requestHeaderConfiguration",
];

function configOf(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    CONFIG_KEYS.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]),
  );
}

function requireConfig(body: Record<string, unknown>): void {
  const artifact = body.agentRuntimeArtifact as
    { containerConfiguration?: { containerUri?: string } } | undefined;
  if (!artifact?.containerConfiguration?.containerUri) {
    throw new SimError(400, "ValidationException", "agentRuntimeArtifact is required");
  }
  if (typeof body.roleArn !== "string")
    throw new SimError(400, "ValidationException", "roleArn is required");
  const env = (body.environmentVariables ?? {}) as Record<string, string>;
  if (Object.keys(env).length > 50) {
    throw new SimError(
      400,
      "ValidationException",
      "environmentVariables must have at most 50 entries",
    );
  }
}

interface TokenEntry {
  agentRuntimeId: string;
  digest: string;
  first: SimRuntime;
}

/** The runtime records and their timers. */
export class RuntimeStore {
  readonly runtimes = new Map<string, SimRuntime>();
  readonly events: SimEvent[] = [];
  private readonly tokens = new Map<string, TokenEntry>();
  /** Keep answering a token whose runtime was deleted with that runtime's create response. */
  replayDeletedTokens = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly failures = {
    create: [] as string[],
    update: [] as string[],
    delete: [] as string[],
  };

  constructor(
    readonly delays: TransitionDelays,
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  /** Makes the next `count` transitions of the kind end in a failed state with this reason. */
  failNext(kind: "create" | "update" | "delete", reason: string, count = 1): void {
    for (let i = 0; i < count; i++) this.failures[kind].push(reason);
  }

  /** Finds a runtime by id or ARN, or throws the service's 404. */
  get(idOrArn: string): SimRuntime {
    const runtime =
      this.runtimes.get(idOrArn) ??
      [...this.runtimes.values()].find((r) => r.agentRuntimeArn === idOrArn);
    if (!runtime)
      throw new SimError(404, "ResourceNotFoundException", `Runtime ${idOrArn} not found`);
    return runtime;
  }

  private setStatus(runtime: SimRuntime, status: string): void {
    runtime.status = status;
    this.events.push({ agentRuntimeId: runtime.agentRuntimeId, status, at: Date.now() });
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  /** CreateAgentRuntime: name uniqueness, clientToken idempotency, CREATING then READY. */
  create(body: Record<string, unknown>): SimRuntime {
    const name = String(body.agentRuntimeName ?? "");
    if (!/^[a-zA-Z][a-zA-Z0-9_]{0,47}$/.test(name)) {
      throw new SimError(
        400,
        "ValidationException",
        "agentRuntimeName does not match [a-zA-Z][a-zA-Z0-9_]{0,47}",
      );
    }
    requireConfig(body);
    const token = typeof body.clientToken === "string" ? body.clientToken : undefined;
    const digest = createHash("sha256")
      .update(JSON.stringify({ ...body, clientToken: undefined }))
      .digest("hex");
    const known = token ? this.tokens.get(token) : undefined;
    if (known && (this.runtimes.has(known.agentRuntimeId) || this.replayDeletedTokens)) {
      if (known.digest !== digest) {
        throw new SimError(
          409,
          "ConflictException",
          "The clientToken was already used with different parameters",
        );
      }
      return this.runtimes.get(known.agentRuntimeId) ?? known.first;
    }
    if ([...this.runtimes.values()].some((r) => r.agentRuntimeName === name)) {
      throw new SimError(409, "ConflictException", `An agent runtime named ${name} already exists`);
    }
    const suffix = randomBytes(8)
      .toString("base64")
      .replace(/[^A-Za-z0-9]/g, "")
      .slice(0, 10)
      .padEnd(10, "x");
    const id = `${name}-${suffix}`;
    const now = new Date();
    const runtime: SimRuntime = {
      agentRuntimeId: id,
      agentRuntimeArn: `arn:aws:bedrock-agentcore:${this.region}:${this.accountId}:runtime/${id}`,
      agentRuntimeName: name,
      version: 1,
      status: "CREATING",
      config: configOf(body),
      tags: { ...((body.tags as Record<string, string>) ?? {}) },
      createdAt: now,
      lastUpdatedAt: now,
      workloadIdentityArn:
        `arn:aws:bedrock-agentcore:${this.region}:${this.accountId}:workload-identity-directory/default/` +
        `workload-identity/${id}`,
    };
    this.runtimes.set(id, runtime);
    if (token) this.tokens.set(token, { agentRuntimeId: id, digest, first: { ...runtime } });
    this.setStatus(runtime, "CREATING");
    const failure = this.failures.create.shift();
    this.later(this.delays.createMs, () => {
      if (failure !== undefined) runtime.failureReason = failure;
      this.setStatus(runtime, failure === undefined ? "READY" : "CREATE_FAILED");
    });
    return runtime;
  }

  private assertSettled(runtime: SimRuntime): void {
    if (["CREATING", "UPDATING", "DELETING"].includes(runtime.status)) {
      throw new SimError(
        409,
        "ConflictException",
        `Runtime ${runtime.agentRuntimeId} is ${runtime.status}`,
      );
    }
  }

  /** UpdateAgentRuntime: replaces the configuration, next version, UPDATING then READY. */
  update(id: string, body: Record<string, unknown>): SimRuntime {
    const runtime = this.get(id);
    this.assertSettled(runtime);
    if (runtime.status === "CREATE_FAILED") {
      throw new SimError(
        409,
        "ConflictException",
        `Runtime ${id} failed to create and cannot be updated`,
      );
    }
    requireConfig(body);
    runtime.config = configOf(body);
    runtime.version += 1;
    runtime.lastUpdatedAt = new Date();
    delete runtime.failureReason;
    this.setStatus(runtime, "UPDATING");
    const failure = this.failures.update.shift();
    this.later(this.delays.updateMs, () => {
      if (failure !== undefined) runtime.failureReason = failure;
      this.setStatus(runtime, failure === undefined ? "READY" : "UPDATE_FAILED");
    });
    return runtime;
  }

  /** DeleteAgentRuntime: DELETING, then gone (its tokens forgotten unless `replayDeletedTokens`). */
  delete(id: string): SimRuntime {
    const runtime = this.get(id);
    this.assertSettled(runtime);
    this.setStatus(runtime, "DELETING");
    const failure = this.failures.delete.shift();
    this.later(this.delays.deleteMs, () => {
      if (failure !== undefined) {
        runtime.failureReason = failure;
        this.setStatus(runtime, "DELETE_FAILED");
        return;
      }
      this.runtimes.delete(id);
      if (this.replayDeletedTokens) return;
      for (const [token, entry] of this.tokens) {
        if (entry.agentRuntimeId === id) this.tokens.delete(token);
      }
      this.events.push({ agentRuntimeId: id, status: "GONE", at: Date.now() });
    });
    return runtime;
  }

  /** Stops every pending transition. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
