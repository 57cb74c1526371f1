/**
 * A loopback simulator of the Amazon Bedrock AgentCore control plane (runtimes and tags), for
 * driving the real `@aws-sdk/client-bedrock-agentcore-control` client in tests and benchmarks.
 *
 * It listens on 127.0.0.1 on a random port and speaks the REST-JSON routes the SDK sends
 * (see `route` below). Point the SDK at it with `AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL =
 * sim.endpoint` plus any static credentials; `useSimulatorEnv(sim)` does both.
 *
 * Behaviour: per-runtime state machine with configurable delays, name uniqueness, clientToken
 * idempotency (same token and body: the same runtime; same token, other body: 409), 409 on
 * Update or Delete while CREATING/UPDATING/DELETING, failed transitions with a `failureReason`,
 * server-filled defaults (lifecycle 900/28800, protocol HTTP) and lists returned in a different
 * order than sent (to catch spurious diffs), paginated ListAgentRuntimes, per-operation fault
 * injection (throttles, 5xx, 409, any error, slow answers, dropped connections) and call counts.
 */
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultQueues, SIM_OPERATIONS, type SimFault, type SimOperation } from "./agentcore/faults";
import {
  RuntimeStore,
  SimError,
  type SimEvent,
  type SimRuntime,
  type TransitionDelays,
} from "./agentcore/store";

export type { SimFault, SimOperation } from "./agentcore/faults";
export type { SimEvent, SimRuntime, TransitionDelays } from "./agentcore/store";

/** Options of {@link startAgentCoreSimulator}; every field is optional. */
export interface AgentCoreSimulatorOptions {
  /** Milliseconds from CREATING to READY. Default 50. */
  createDelayMs?: number;
  /** Milliseconds from UPDATING to READY. Default 50. */
  updateDelayMs?: number;
  /** Milliseconds from DELETING to gone. Default 50. */
  deleteDelayMs?: number;
  /** Region written into ARNs. Default `us-east-1`. */
  region?: string;
  /** Account id written into ARNs. Default `123456789012`. */
  accountId?: string;
  /** Largest ListAgentRuntimes page, whatever `maxResults` asks; small values exercise paging. Default 100. */
  pageSize?: number;
  /** Return lists and maps in another order than sent, as a real service may. Default true. */
  reorder?: boolean;
  /**
   * Keep honouring a clientToken after its runtime is deleted, answering it with the deleted
   * runtime's create response (as an idempotency cache that outlives the resource would).
   * Default false: deleting a runtime forgets its tokens.
   */
  replayDeletedTokens?: boolean;
}

/** A running simulator. */
export interface AgentCoreSimulator {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** The port it listens on. */
  readonly port: number;
  /** Requests received per operation, faulted ones included. */
  readonly calls: Record<SimOperation, number>;
  /** The body of the last request per operation (parsed JSON, query merged in), for assertions. */
  readonly lastRequest: Partial<Record<SimOperation, Record<string, unknown>>>;
  /** Every status change, with `Date.now()` times; deletions end with status `GONE`. */
  readonly events: SimEvent[];
  /** The live runtimes by id. */
  readonly runtimes: Map<string, SimRuntime>;
  /** The transition delays; change them between steps of a test. */
  readonly delays: TransitionDelays;
  /** Queues a fault for the next request(s) of an operation. */
  setFault(operation: SimOperation, fault: SimFault): void;
  /** Makes the next `count` create, update or delete end in CREATE_FAILED, UPDATE_FAILED or DELETE_FAILED. */
  failNext(kind: "create" | "update" | "delete", reason: string, count?: number): void;
  /** Total requests across operations. */
  totalCalls(): number;
  /** Zeroes the counters and drops queued faults (runtimes stay). */
  reset(): void;
  /** Stops the server and every pending transition. */
  close(): Promise<void>;
}

const CODE_BY_TYPE: Record<number, string> = {
  429: "ThrottlingException",
  500: "InternalServerException",
  503: "ServiceUnavailableException",
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sendJson(res: ServerResponse, status: number, body?: unknown, errorType?: string): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-amzn-requestid": "sim",
  };
  if (errorType) headers["x-amzn-errortype"] = errorType;
  res.writeHead(status, headers);
  res.end(text);
}

/** Resolves which operation a request is, and its path parameter (runtime id or resource ARN). */
function route(method: string, path: string): { op: SimOperation; param?: string } | undefined {
  if (path === "/runtimes/" && method === "PUT") return { op: "CreateAgentRuntime" };
  if (path === "/runtimes/" && method === "POST") return { op: "ListAgentRuntimes" };
  const runtime = /^\/runtimes\/([^/]+)\/$/.exec(path);
  if (runtime) {
    const param = decodeURIComponent(runtime[1]);
    if (method === "GET") return { op: "GetAgentRuntime", param };
    if (method === "PUT") return { op: "UpdateAgentRuntime", param };
    if (method === "DELETE") return { op: "DeleteAgentRuntime", param };
  }
  const tags = /^\/tags\/(.+)$/.exec(path);
  if (tags) {
    const param = decodeURIComponent(tags[1]);
    if (method === "POST") return { op: "TagResource", param };
    if (method === "DELETE") return { op: "UntagResource", param };
    if (method === "GET") return { op: "ListTagsForResource", param };
  }
  return undefined;
}

function reorderDeep(value: unknown): unknown {
  if (Array.isArray(value)) return [...value].reverse().map(reorderDeep);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reorderDeep(v)]),
    );
  }
  return value;
}

function describe(runtime: SimRuntime, reorder: boolean): Record<string, unknown> {
  const config = reorder
    ? (reorderDeep(runtime.config) as Record<string, unknown>)
    : runtime.config;
  const lifecycle = (config.lifecycleConfiguration ?? {}) as Record<string, number>;
  return {
    ...config,
    agentRuntimeArn: runtime.agentRuntimeArn,
    agentRuntimeId: runtime.agentRuntimeId,
    agentRuntimeName: runtime.agentRuntimeName,
    agentRuntimeVersion: String(runtime.version),
    status: runtime.status,
    createdAt: runtime.createdAt.toISOString(),
    lastUpdatedAt: runtime.lastUpdatedAt.toISOString(),
    workloadIdentityDetails: { workloadIdentityArn: runtime.workloadIdentityArn },
    protocolConfiguration: config.protocolConfiguration ?? { serverProtocol: "HTTP" },
    lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800, ...lifecycle },
    ...(runtime.failureReason ? { failureReason: runtime.failureReason } : {}),
  };
}

function summary(runtime: SimRuntime): Record<string, unknown> {
  return {
    agentRuntimeArn: runtime.agentRuntimeArn,
    agentRuntimeId: runtime.agentRuntimeId,
    agentRuntimeName: runtime.agentRuntimeName,
    agentRuntimeVersion: String(runtime.version),
    description: (runtime.config.description as string | undefined) ?? "",
    lastUpdatedAt: runtime.lastUpdatedAt.toISOString(),
    status: runtime.status,
  };
}

/** Starts a simulator on 127.0.0.1 with a random port. */
export async function startAgentCoreSimulator(
  options: AgentCoreSimulatorOptions = {},
): Promise<AgentCoreSimulator> {
  const delays: TransitionDelays = {
    createMs: options.createDelayMs ?? 50,
    updateMs: options.updateDelayMs ?? 50,
    deleteMs: options.deleteDelayMs ?? 50,
  };
  const store = new RuntimeStore(
    delays,
    options.region ?? "us-east-1",
    options.accountId ?? "123456789012",
  );
  store.replayDeletedTokens = options.replayDeletedTokens ?? false;
  const faults = new FaultQueues();
  const reorder = options.reorder ?? true;
  const pageSize = options.pageSize ?? 100;
  const calls = Object.fromEntries(SIM_OPERATIONS.map((op) => [op, 0])) as Record<
    SimOperation,
    number
  >;
  const lastRequest: AgentCoreSimulator["lastRequest"] = {};

  function apply(
    op: SimOperation,
    param: string | undefined,
    body: Record<string, unknown>,
    url: URL,
  ) {
    switch (op) {
      case "CreateAgentRuntime": {
        const r = store.create(body);
        return {
          status: 202,
          body: {
            ...summary(r),
            createdAt: r.createdAt.toISOString(),
            workloadIdentityDetails: { workloadIdentityArn: r.workloadIdentityArn },
          },
        };
      }
      case "GetAgentRuntime":
        return { status: 200, body: describe(store.get(param ?? ""), reorder) };
      case "UpdateAgentRuntime": {
        const r = store.update(param ?? "", body);
        return {
          status: 202,
          body: {
            ...summary(r),
            createdAt: r.createdAt.toISOString(),
            workloadIdentityDetails: { workloadIdentityArn: r.workloadIdentityArn },
          },
        };
      }
      case "DeleteAgentRuntime": {
        const r = store.delete(param ?? "");
        return {
          status: 202,
          body: {
            status: r.status,
            agentRuntimeId: r.agentRuntimeId,
            agentRuntimeVersion: String(r.version),
          },
        };
      }
      case "ListAgentRuntimes": {
        const all = [...store.runtimes.values()].sort(
          (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
        );
        const start = Number(url.searchParams.get("nextToken") ?? "0") || 0;
        const size = Math.min(
          pageSize,
          Number(url.searchParams.get("maxResults") ?? pageSize) || pageSize,
        );
        const page = all.slice(start, start + size);
        const next = start + size < all.length ? String(start + size) : undefined;
        return {
          status: 200,
          body: { agentRuntimes: page.map(summary), ...(next ? { nextToken: next } : {}) },
        };
      }
      case "TagResource":
        Object.assign(store.get(param ?? "").tags, (body.tags as Record<string, string>) ?? {});
        return { status: 204 };
      case "UntagResource": {
        const runtime = store.get(param ?? "");
        for (const key of url.searchParams.getAll("tagKeys")) delete runtime.tags[key];
        return { status: 204 };
      }
      case "ListTagsForResource":
        return {
          status: 200,
          body: {
            tags: reorder ? reorderDeep(store.get(param ?? "").tags) : store.get(param ?? "").tags,
          },
        };
      default: {
        const never: never = op;
        throw new Error(`unrouted operation ${String(never)}`);
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const text = await readBody(req);
    const hit = route(req.method ?? "GET", url.pathname);
    if (!hit)
      return sendJson(
        res,
        404,
        { message: `No route for ${req.method} ${url.pathname}` },
        "UnknownOperationException",
      );
    calls[hit.op] += 1;
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    lastRequest[hit.op] = { ...Object.fromEntries(url.searchParams), ...body };
    const fault = faults.take(hit.op);
    if (fault?.kind === "slow") await sleep(fault.delayMs);
    if (fault?.kind === "drop" && fault.phase !== "after") return void req.socket.destroy();
    if (fault?.kind === "throttle")
      return sendJson(res, 429, { message: "Rate exceeded" }, CODE_BY_TYPE[429]);
    if (fault?.kind === "serverError") {
      const status = fault.status ?? 500;
      return sendJson(res, status, { message: "Simulated server error" }, CODE_BY_TYPE[status]);
    }
    if (fault?.kind === "conflict") {
      return sendJson(
        res,
        409,
        { message: fault.message ?? "Simulated conflict" },
        "ConflictException",
      );
    }
    if (fault?.kind === "error")
      return sendJson(res, fault.status, { message: fault.message }, fault.type);
    try {
      const result = apply(hit.op, hit.param, body, url);
      if (fault?.kind === "drop") return void req.socket.destroy();
      sendJson(res, result.status, result.body);
    } catch (err) {
      if (err instanceof SimError)
        return sendJson(res, err.status, { message: err.message }, err.type);
      sendJson(res, 500, { message: String(err) }, "InternalServerException");
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) =>
      sendJson(res, 500, { message: String(err) }, "InternalServerException"),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    calls,
    lastRequest,
    events: store.events,
    runtimes: store.runtimes,
    delays,
    setFault: (operation, fault) => faults.add(operation, fault),
    failNext: (kind, reason, count) => store.failNext(kind, reason, count),
    totalCalls: () => Object.values(calls).reduce((a, b) => a + b, 0),
    reset: () => {
      for (const op of SIM_OPERATIONS) calls[op] = 0;
      faults.clear();
    },
    close: async () => {
      store.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Points the AWS SDK at the simulator through the standard environment settings (endpoint,
 * region, static test credentials) and returns a function that restores the previous values.
 */
export function useSimulatorEnv(sim: AgentCoreSimulator, region = "us-east-1"): () => void {
  const settings: Record<string, string> = {
    AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: sim.endpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: "AKIASIMULATOR0000000",
    AWS_SECRET_ACCESS_KEY: "simulator-secret-access-key",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  const previous = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  Object.assign(process.env, settings);
  return () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
