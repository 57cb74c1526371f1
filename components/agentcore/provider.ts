/**
 * The Pulumi dynamic provider for AgentCore runtimes. Every method creates its own SDK client:
 * this object is serialized into the state, so it must capture no client and no credential.
 */
import type * as pulumi from "@pulumi/pulumi";
import { log } from "@pulumi/pulumi";
import { createControlClient } from "./client";
import { redactError } from "./errors";
import {
  createRuntime,
  deleteRuntime,
  ensureRuntime,
  getRuntime,
  getRuntimeTags,
  reconcileRuntime,
} from "./lifecycle";
import {
  type AgentRuntimeInputs,
  type AgentRuntimeOutputs,
  outputsOf,
  specOf,
  waitOf,
} from "./props";
import { changedConfigFields, specFromLive, tagsDiffer } from "./spec";
import { type RuntimeState, stateFromLive } from "./state";
import { validateSpec } from "./validate";
import type { RuntimeLogger } from "./wait";

/** Inputs that only tune waiting; they change nothing in AWS. */
const WAIT_KEYS = ["waitTimeoutSeconds", "minPollDelayMs", "maxPollDelayMs"] as const;

/** Inputs that are not part of the runtime's configuration, carried over by a read. */
const WAIT_AND_REGION = ["region", ...WAIT_KEYS] as const;

function pulumiLogger(): RuntimeLogger {
  return {
    info: (message) => void log.info(message),
    warn: (message) => void log.warn(message),
  };
}

/** Every environment variable value, so errors can be scrubbed of them before they leave. */
function secretValues(props: Partial<AgentRuntimeInputs> | undefined): string[] {
  return Object.values(props?.environmentVariables ?? {}).filter(
    (v): v is string => typeof v === "string",
  );
}

/**
 * The engine's placeholder for a value not known yet (during preview, e.g. a role ARN that the
 * same deployment creates). The dynamic provider receives it as this plain string.
 */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when the value at the property path, or any value above it, is unknown. */
function unknownAt(root: unknown, path: string): boolean {
  let node: unknown = root;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "")) {
    if (node === UNKNOWN) return true;
    if (node === null || typeof node !== "object") return false;
    node = (node as Record<string, unknown>)[part];
  }
  return node === UNKNOWN;
}

function checkWait(news: AgentRuntimeInputs): pulumi.dynamic.CheckFailure[] {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  for (const key of WAIT_KEYS) {
    const value = news[key];
    if (
      value !== undefined &&
      (typeof value !== "number" || !Number.isFinite(value) || value <= 0)
    ) {
      failures.push({
        property: key,
        reason: `\`${key}\` must be a positive number; set it or leave it out for the default.`,
      });
    }
  }
  const wait = waitOf(news);
  if (wait.minPollDelayMs > wait.maxPollDelayMs) {
    failures.push({
      property: "minPollDelayMs",
      reason:
        "`minPollDelayMs` must not exceed `maxPollDelayMs`; lower it or raise `maxPollDelayMs`.",
    });
  }
  return failures;
}

/** The names of the inputs whose change the update would apply, in a stable order. */
function changedInputs(olds: AgentRuntimeOutputs, news: AgentRuntimeInputs): string[] {
  const changed: string[] = [...changedConfigFields(specOf(olds), specOf(news))];
  if (tagsDiffer(specOf(olds), specOf(news))) changed.push("tags");
  return changed;
}

/**
 * The AgentCore runtime provider: check validates inputs, diff replaces only on a name or
 * region change, create/update wait for READY, delete waits until the runtime is gone, and read
 * refreshes from `GetAgentRuntime` (so `pulumi refresh` shows drift). Dynamic resources cannot
 * be imported; `adoptExisting` takes over a runtime of the same name at create instead.
 */
export const agentRuntimeProvider: pulumi.dynamic.ResourceProvider<
  AgentRuntimeInputs,
  AgentRuntimeOutputs
> = {
  async check(_olds, news) {
    const failures = [...validateSpec(specOf(news)), ...checkWait(news)];
    // Values unknown until apply cannot be judged now; they are checked again when known.
    return { inputs: news, failures: failures.filter((f) => !unknownAt(news, f.property)) };
  },

  async diff(_id, olds, news) {
    const replaces: string[] = [];
    if (olds.agentRuntimeName !== news.agentRuntimeName) replaces.push("agentRuntimeName");
    if ((olds.region ?? "") !== (news.region ?? "")) replaces.push("region");
    // A runtime that failed to create cannot be updated; it has to go before its name is reused.
    // The engine shows it as a replacement caused by `status`, which is the honest reason.
    if (olds.status === "CREATE_FAILED" && replaces.length === 0) {
      log.info(`AgentCore runtime ${olds.agentRuntimeName}: replace, it ended CREATE_FAILED`);
      return { changes: true, replaces: ["status"], deleteBeforeReplace: true };
    }
    const changed = changedInputs(olds, news);
    const unsettled = olds.status !== "READY";
    // The Node dynamic DiffResult has no per-property diff, so the changed names are logged.
    if (replaces.length > 0) {
      log.info(
        `AgentCore runtime ${olds.agentRuntimeName}: replace, changed ${replaces.join(", ")}`,
      );
    } else if (changed.length > 0 || unsettled) {
      const what = [...changed, ...(unsettled ? [`status ${olds.status}`] : [])].join(", ");
      log.info(`AgentCore runtime ${olds.agentRuntimeName}: update in place, changed ${what}`);
    }
    return { changes: replaces.length > 0 || changed.length > 0 || unsettled, replaces };
  },

  async create(inputs) {
    const client = createControlClient(inputs.region);
    try {
      const options = { wait: waitOf(inputs), log: pulumiLogger() };
      const state = inputs.adoptExisting
        ? (await ensureRuntime(client, specOf(inputs), options)).runtime
        : await createRuntime(client, specOf(inputs), options);
      return { id: state.agentRuntimeId, outs: outputsOf(inputs, state) };
    } catch (err) {
      const runtime = (err as { runtime?: RuntimeState }).runtime;
      const safe = redactError(err, secretValues(inputs));
      if (!runtime?.agentRuntimeId) throw safe;
      // Created but not READY: report a partial create so the engine keeps the runtime in the
      // state (no orphan) and the next `pulumi up` resumes through update. Environment values are
      // left out of this partial state; the update puts the full inputs back.
      const rest: AgentRuntimeInputs = { ...inputs };
      delete rest.environmentVariables;
      const raw = inputs as unknown as Record<string, unknown>;
      const properties = { ...outputsOf(rest, runtime), __provider: raw["__provider"] };
      throw Object.assign(safe, {
        id: runtime.agentRuntimeId,
        properties,
        reasons: [safe.message],
      });
    } finally {
      client.destroy();
    }
  },

  async read(id, props) {
    const client = createControlClient(props?.region);
    try {
      const live = await getRuntime(client, id);
      if (!live) return {};
      const tags = await getRuntimeTags(client, live.agentRuntimeArn ?? "");
      const spec = specFromLive(live, tags);
      const inputs: AgentRuntimeInputs = { ...spec };
      for (const key of WAIT_AND_REGION) {
        if (props?.[key] !== undefined) Object.assign(inputs, { [key]: props[key] });
      }
      const outs = outputsOf(inputs, stateFromLive(live));
      // A refresh keeps the recorded inputs (they hold the env vars as secrets; drift shows
      // because diff compares the refreshed outputs). A read with no recorded inputs would be an
      // import: the engine does not offer that to dynamic resources today (the runtime is
      // adopted by name instead), but should it, the live runtime supplies the inputs.
      if (props?.agentRuntimeName !== undefined) return { id, props: outs };
      return { id, props: outs, inputs: inputs as AgentRuntimeOutputs };
    } catch (err) {
      throw redactError(err, secretValues(props));
    } finally {
      client.destroy();
    }
  },

  async update(id, olds, news) {
    const client = createControlClient(news.region);
    try {
      const result = await reconcileRuntime(client, id, specOf(news), {
        wait: waitOf(news),
        log: pulumiLogger(),
      });
      return { outs: outputsOf(news, result.runtime) };
    } catch (err) {
      throw redactError(err, [...secretValues(olds), ...secretValues(news)]);
    } finally {
      client.destroy();
    }
  },

  async delete(id, props) {
    const client = createControlClient(props.region);
    try {
      await deleteRuntime(client, id, props.agentRuntimeName, {
        wait: waitOf(props),
        log: pulumiLogger(),
      });
    } catch (err) {
      throw redactError(err, secretValues(props));
    } finally {
      client.destroy();
    }
  },
};
