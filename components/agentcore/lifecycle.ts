/**
 * Create-or-update-and-wait logic for AgentCore runtimes, shared by the Pulumi dynamic provider
 * and the deployer Lambda. Plain SDK code: it must not import `@pulumi/pulumi`, because the
 * deployer bundles it into a Lambda.
 */
import {
  type BedrockAgentCoreControlClient,
  DeleteAgentRuntimeCommand,
  type GetAgentRuntimeResponse,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAgentRuntimeCommand,
} from "@aws-sdk/client-bedrock-agentcore-control";
import { createRuntime } from "./create";
import { isConflict, isNotFound } from "./errors";
import { findRuntimeByName, getRuntime, getRuntimeTags } from "./read";
import {
  type RuntimeSpec,
  canonicalSpec,
  changedConfigFields,
  specFromLive,
  tagsDiffer,
  toUpdateRequest,
} from "./spec";
import { type RuntimeState, stateFromLive } from "./state";
import { BUSY_STATUSES, type LifecycleOptions, pollDelayMs, sleep, waitForRuntime } from "./wait";

export type { RuntimeSpec } from "./spec";
export type { RuntimeState } from "./state";
export type { LifecycleOptions, RuntimeLogger, WaitSettings } from "./wait";
export { DEFAULT_WAIT } from "./wait";
export { RuntimeNotReadyError, createRuntime } from "./create";
export { findRuntimeByName, getRuntime, getRuntimeTags } from "./read";

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

/** True when the runtime is READY with the spec's configuration. */
async function alreadyApplied(
  client: BedrockAgentCoreControlClient,
  agentRuntimeId: string,
  spec: RuntimeSpec,
  tags: Record<string, string>,
): Promise<boolean> {
  const live = await getRuntime(client, agentRuntimeId);
  return (
    live?.status === "READY" && changedConfigFields(specFromLive(live, tags), spec).length === 0
  );
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
    let attempts = 0;
    const out = await whenSettled(client, agentRuntimeId, label, opts, async () => {
      // After a conflict, another deployment may have applied this very change while this one
      // waited: compare again rather than roll one more version.
      if (attempts++ > 0 && (await alreadyApplied(client, agentRuntimeId, spec, tags)))
        return undefined;
      return client.send(new UpdateAgentRuntimeCommand(request));
    });
    opts.log.info(
      out
        ? `AgentCore runtime ${label} (${agentRuntimeId}): update to version ${out.agentRuntimeVersion} accepted`
        : `AgentCore runtime ${label} (${agentRuntimeId}): already up to date after a concurrent update`,
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
 * when its live configuration or tags differ. Waits for READY, never deletes (a runtime that
 * someone else is deleting is waited out, then created again). Calling it twice with the same
 * spec creates one runtime and updates nothing the second time.
 */
export async function ensureRuntime(
  client: BedrockAgentCoreControlClient,
  spec: RuntimeSpec,
  opts: LifecycleOptions & { clientToken?: string },
): Promise<{ action: "created" | "updated" | "unchanged"; runtime: RuntimeState }> {
  const label = spec.agentRuntimeName;
  const existing = await findRuntimeByName(client, label);
  if (existing?.status === "DELETING") {
    // Someone is deleting it; the name is free again once it is gone.
    const goal = { label, target: "GONE", failed: ["DELETE_FAILED"] } as const;
    await waitForRuntime(client, existing.agentRuntimeId, goal, opts.wait, opts.log, "DELETING");
  } else if (existing) {
    return reconcileRuntime(client, existing.agentRuntimeId, spec, opts);
  }
  return { action: "created", runtime: await createRuntime(client, spec, opts) };
}
