/**
 * Create-or-update-and-wait logic for AgentCore runtimes, shared by the Pulumi dynamic provider
 * and the deployer Lambda. Plain SDK code: it must not import `@pulumi/pulumi`, because the
 * deployer bundles it into a Lambda.
 */
import {
  type BedrockAgentCoreControlClient,
  CreateAgentRuntimeCommand,
  DeleteAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  type GetAgentRuntimeResponse,
  ListAgentRuntimesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAgentRuntimeCommand,
} from "@aws-sdk/client-bedrock-agentcore-control";
import { errorMessage, isConflict, isNotFound } from "./errors";
import {
  type RuntimeSpec,
  canonicalSpec,
  changedConfigFields,
  createClientToken,
  specFromLive,
  tagsDiffer,
  toCreateRequest,
  toUpdateRequest,
} from "./spec";
import { type RuntimeState, stateFromLive } from "./state";
import {
  BUSY_STATUSES,
  type RuntimeLogger,
  type WaitSettings,
  pollDelayMs,
  sleep,
  waitForRuntime,
} from "./wait";

export type { RuntimeSpec } from "./spec";
export type { RuntimeState } from "./state";
export type { RuntimeLogger, WaitSettings } from "./wait";
export { DEFAULT_WAIT } from "./wait";

/** Options of every lifecycle operation. */
export interface LifecycleOptions {
  /** How long to wait for the runtime to settle, and how often to poll. */
  wait: WaitSettings;
  /** Where status changes and warnings go. */
  log: RuntimeLogger;
}

/** The runtime was created (it has an id) but did not become READY; the cause says why. */
export class RuntimeNotReadyError extends Error {
  /** The runtime as last seen, so the caller can record it instead of orphaning it. */
  readonly runtime: RuntimeState;

  /** Wraps the wait failure, keeping its message. */
  constructor(runtime: RuntimeState, cause: unknown) {
    super(errorMessage(cause), { cause });
    this.name = "RuntimeNotReadyError";
    this.runtime = runtime;
  }
}

/** Finds a runtime by exact name, following `ListAgentRuntimes` pages; undefined when none. */
export async function findRuntimeByName(
  client: BedrockAgentCoreControlClient,
  agentRuntimeName: string,
): Promise<RuntimeState | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListAgentRuntimesCommand({ maxResults: 100, nextToken }));
    const hit = page.agentRuntimes?.find((r) => r.agentRuntimeName === agentRuntimeName);
    if (hit) return stateFromLive(hit);
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

/** Reads a runtime; undefined when the service says it does not exist. */
export async function getRuntime(
  client: BedrockAgentCoreControlClient,
  agentRuntimeId: string,
): Promise<GetAgentRuntimeResponse | undefined> {
  try {
    return await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Reads a runtime's tags, leaving out the `aws:` ones that nobody can set or remove. */
export async function getRuntimeTags(
  client: BedrockAgentCoreControlClient,
  agentRuntimeArn: string,
): Promise<Record<string, string>> {
  const out = await client.send(new ListTagsForResourceCommand({ resourceArn: agentRuntimeArn }));
  return Object.fromEntries(
    Object.entries(out.tags ?? {}).filter(([key]) => !key.startsWith("aws:")),
  );
}

/** Makes the runtime's tags equal to `desired`: TagResource for new or changed, UntagResource for removed. */
export async function syncTags(
  client: BedrockAgentCoreControlClient,
  agentRuntimeArn: string,
  desired: Record<string, string> | undefined,
  current: Record<string, string>,
): Promise<void> {
  const want = desired ?? {};
  const changed = Object.fromEntries(
    Object.entries(want).filter(([key, value]) => current[key] !== value),
  );
  const removed = Object.keys(current).filter((key) => !(key in want) && !key.startsWith("aws:"));
  if (Object.keys(changed).length > 0) {
    await client.send(new TagResourceCommand({ resourceArn: agentRuntimeArn, tags: changed }));
  }
  if (removed.length > 0) {
    await client.send(new UntagResourceCommand({ resourceArn: agentRuntimeArn, tagKeys: removed }));
  }
}

/**
 * Runs a call against a runtime, waiting out the 409 the service returns while the runtime is
 * CREATING, UPDATING or DELETING. A 409 from a settled runtime is raised on the second time.
 */
export async function whenSettled<T>(
  client: BedrockAgentCoreControlClient,
  agentRuntimeId: string,
  label: string,
  opts: LifecycleOptions,
  call: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + opts.wait.timeoutSeconds * 1000;
  let settledConflicts = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!isConflict(err) || Date.now() >= deadline) throw err;
      const live = await getRuntime(client, agentRuntimeId);
      const status = live?.status ?? "GONE";
      if (BUSY_STATUSES.includes(status)) {
        opts.log.warn(
          `AgentCore runtime ${label} (${agentRuntimeId}) is ${status}; waiting for it to settle.`,
        );
        const remaining = Math.max(1, Math.ceil((deadline - Date.now()) / 1000));
        await waitForRuntime(
          client,
          agentRuntimeId,
          { label, target: "SETTLED", failed: [] },
          {
            ...opts.wait,
            timeoutSeconds: remaining,
          },
          opts.log,
          status,
        );
      } else if (++settledConflicts >= 2) {
        throw err;
      } else {
        await sleep(pollDelayMs(attempt, opts.wait));
      }
    }
  }
}

/**
 * Creates a runtime with an idempotency token and waits until it is READY. Throws
 * {@link RuntimeNotReadyError} (carrying the runtime) when it was created but failed or timed
 * out, and a plain error naming the import command when the name is taken.
 */
export async function createRuntime(
  client: BedrockAgentCoreControlClient,
  spec: RuntimeSpec,
  opts: LifecycleOptions & { clientToken?: string },
): Promise<RuntimeState> {
  const token = opts.clientToken ?? createClientToken(spec);
  const name = spec.agentRuntimeName;
  let created: RuntimeState;
  try {
    created = stateFromLive(
      await client.send(new CreateAgentRuntimeCommand(toCreateRequest(spec, token))),
    );
  } catch (err) {
    if (!isConflict(err)) throw err;
    const existing = await findRuntimeByName(client, name).catch(() => undefined);
    if (!existing) throw err;
    throw new Error(
      `\`agentRuntimeName\` "${name}" is already used by runtime \`${existing.agentRuntimeId}\` in this ` +
        "account and region, and runtime names must be unique; choose another name, or adopt it with " +
        `\`pulumi import pulumi-nodejs:dynamic/agentcore:AgentRuntime <resource name> ${existing.agentRuntimeId}\`.`,
      { cause: err },
    );
  }
  opts.log.info(
    `AgentCore runtime ${name} (${created.agentRuntimeId}): created, ${created.status}`,
  );
  try {
    const ready = await waitForRuntime(
      client,
      created.agentRuntimeId,
      { label: name, target: "READY", failed: ["CREATE_FAILED"] },
      opts.wait,
      opts.log,
      created.status,
    );
    return stateFromLive(ready ?? {});
  } catch (err) {
    const last = await getRuntime(client, created.agentRuntimeId).catch(() => undefined);
    throw new RuntimeNotReadyError(last ? stateFromLive(last) : created, err);
  }
}

/**
 * Brings an existing runtime to the spec: waits until it is not busy, compares its live
 * configuration and tags with the spec, calls `UpdateAgentRuntime` only when the configuration
 * differs and TagResource/UntagResource only when tags differ, then waits until READY.
 */
export async function reconcileRuntime(
  client: BedrockAgentCoreControlClient,
  agentRuntimeId: string,
  spec: RuntimeSpec,
  opts: LifecycleOptions,
): Promise<{ action: "updated" | "unchanged"; runtime: RuntimeState }> {
  const label = spec.agentRuntimeName;
  const goal = { label, target: "READY", failed: ["UPDATE_FAILED", "CREATE_FAILED"] } as const;
  let live = await readSettled(client, agentRuntimeId, label, opts);
  if (live.status === "CREATE_FAILED") {
    throw new Error(
      `AgentCore runtime ${label} (\`${agentRuntimeId}\`): expected READY, found CREATE_FAILED: ` +
        `${live.failureReason ?? "no reason given"}; a runtime that failed to create cannot be updated, ` +
        "delete it (or replace the resource) and deploy again.",
    );
  }
  const arn = live.agentRuntimeArn ?? "";
  const tags = await getRuntimeTags(client, arn);
  const current = specFromLive(live, tags);
  const configChanged =
    changedConfigFields(current, spec).length > 0 || live.status === "UPDATE_FAILED";
  const tagChanged = tagsDiffer(current, spec);
  if (!configChanged && !tagChanged) return { action: "unchanged", runtime: stateFromLive(live) };
  if (configChanged) {
    const request = toUpdateRequest(agentRuntimeId, spec);
    const out = await whenSettled(client, agentRuntimeId, label, opts, () =>
      client.send(new UpdateAgentRuntimeCommand(request)),
    );
    opts.log.info(
      `AgentCore runtime ${label} (${agentRuntimeId}): update to version ${out.agentRuntimeVersion} accepted`,
    );
  }
  if (tagChanged) {
    await whenSettled(client, agentRuntimeId, label, opts, () =>
      syncTags(client, arn, canonicalSpec(spec).tags, tags),
    );
  }
  if (configChanged) {
    live =
      (await waitForRuntime(client, agentRuntimeId, goal, opts.wait, opts.log, "UPDATING")) ?? live;
  } else {
    live = (await getRuntime(client, agentRuntimeId)) ?? live;
  }
  return { action: "updated", runtime: stateFromLive(live) };
}

async function readSettled(
  client: BedrockAgentCoreControlClient,
  agentRuntimeId: string,
  label: string,
  opts: LifecycleOptions,
): Promise<GetAgentRuntimeResponse> {
  let live = await getRuntime(client, agentRuntimeId);
  if (live && BUSY_STATUSES.includes(live.status ?? "")) {
    const goal = { label, target: "SETTLED", failed: [] } as const;
    live = await waitForRuntime(client, agentRuntimeId, goal, opts.wait, opts.log, live.status);
  }
  if (!live) {
    throw new Error(
      `AgentCore runtime ${label} (\`${agentRuntimeId}\`): expected it to exist, found none; ` +
        "run `pulumi refresh` to drop it from the state, then deploy again to create it.",
    );
  }
  return live;
}

/**
 * Deletes a runtime and waits until it is gone. A runtime that is already gone is success; a
 * runtime that is busy is waited out first.
 */
export async function deleteRuntime(
  client: BedrockAgentCoreControlClient,
  agentRuntimeId: string,
  label: string,
  opts: LifecycleOptions & { clientToken?: string },
): Promise<void> {
  try {
    await whenSettled(client, agentRuntimeId, label, opts, () =>
      client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId, clientToken: opts.clientToken })),
    );
  } catch (err) {
    if (isNotFound(err)) {
      opts.log.info(`AgentCore runtime ${label} (${agentRuntimeId}): already deleted`);
      return;
    }
    throw err;
  }
  const goal = { label, target: "GONE", failed: ["DELETE_FAILED"] } as const;
  await waitForRuntime(client, agentRuntimeId, goal, opts.wait, opts.log, "DELETING");
}

/**
 * Makes the runtime named in the spec exist with the spec's configuration: creates it when no
 * runtime has that name (with a deterministic idempotency token), otherwise updates it in place
 * when its live configuration or tags differ. Waits for READY, never deletes. Calling it twice
 * with the same spec creates one runtime and updates nothing the second time.
 */
export async function ensureRuntime(
  client: BedrockAgentCoreControlClient,
  spec: RuntimeSpec,
  opts: LifecycleOptions & { clientToken?: string },
): Promise<{ action: "created" | "updated" | "unchanged"; runtime: RuntimeState }> {
  const existing = await findRuntimeByName(client, spec.agentRuntimeName);
  if (!existing) return { action: "created", runtime: await createRuntime(client, spec, opts) };
  return reconcileRuntime(client, existing.agentRuntimeId, spec, opts);
}
