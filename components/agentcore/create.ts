/** Creating a runtime: idempotent, waits for READY, and never loses track of what it made. */
import {
  type BedrockAgentCoreControlClient,
  CreateAgentRuntimeCommand,
} from "@aws-sdk/client-bedrock-agentcore-control";
import { createHash } from "node:crypto";
import { RuntimeMissingError, errorMessage, isConflict } from "./errors";
import { findRuntimeByName, getRuntime } from "./read";
import { type RuntimeSpec, createClientToken, toCreateRequest } from "./spec";
import { type RuntimeState, stateFromLive } from "./state";
import { type LifecycleOptions, waitForRuntime } from "./wait";

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

async function sendCreate(
  client: BedrockAgentCoreControlClient,
  spec: RuntimeSpec,
  token: string,
): Promise<RuntimeState> {
  const name = spec.agentRuntimeName;
  try {
    const out = await client.send(new CreateAgentRuntimeCommand(toCreateRequest(spec, token)));
    return stateFromLive(out);
  } catch (err) {
    if (!isConflict(err)) throw err;
    const existing = await findRuntimeByName(client, name).catch(() => undefined);
    if (!existing) throw err;
    throw new Error(
      `\`agentRuntimeName\` "${name}" is already used by runtime \`${existing.agentRuntimeId}\` ` +
        "in this account and region, and runtime names must be unique; choose another name, or " +
        "adopt that runtime by setting `adoptExisting: true` on the resource " +
        "(`pulumi config set adoptExistingRuntime true` in this project) for one `pulumi up`.",
      { cause: err },
    );
  }
}

/**
 * Creates a runtime with an idempotency token and waits until it is READY. Throws
 * {@link RuntimeNotReadyError} (carrying the runtime) when it was created but failed or timed
 * out, and a plain error saying how to adopt the runtime when the name is taken.
 *
 * If the service answers the token with a runtime that no longer exists (a token reused after
 * the runtime it made was deleted, as a destroy and a new deployment of the same spec do), the
 * create is sent once more with a token derived from the stale runtime's id: still
 * deterministic, so a retry of this second create is idempotent too.
 */
export async function createRuntime(
  client: BedrockAgentCoreControlClient,
  spec: RuntimeSpec,
  opts: LifecycleOptions & { clientToken?: string },
): Promise<RuntimeState> {
  const name = spec.agentRuntimeName;
  let token = opts.clientToken ?? createClientToken(spec);
  for (let attempt = 0; ; attempt++) {
    const created = await sendCreate(client, spec, token);
    opts.log.info(
      `AgentCore runtime ${name} (${created.agentRuntimeId}): created, ${created.status}`,
    );
    try {
      const goal = { label: name, target: "READY", failed: ["CREATE_FAILED"] } as const;
      const ready = await waitForRuntime(
        client,
        created.agentRuntimeId,
        goal,
        opts.wait,
        opts.log,
        created.status,
      );
      return stateFromLive(ready ?? {});
    } catch (err) {
      if (err instanceof RuntimeMissingError && attempt === 0) {
        opts.log.warn(
          `AgentCore runtime ${name}: the create returned ${created.agentRuntimeId}, which no longer ` +
            "exists (its idempotency token outlived it); creating again with a new token.",
        );
        token = createHash("sha256").update(`${token}\n${created.agentRuntimeId}`).digest("hex");
        continue;
      }
      const last = await getRuntime(client, created.agentRuntimeId).catch(() => undefined);
      throw new RuntimeNotReadyError(last ? stateFromLive(last) : created, err);
    }
  }
}
