/** Shared fixtures of the AgentCore provider tests: inputs, fast wait settings, log capture. */
import type * as pulumi from "@pulumi/pulumi";
import { log } from "@pulumi/pulumi";
import { agentRuntimeProvider } from "../../components/agentcore/provider";
import type { AgentRuntimeInputs, AgentRuntimeOutputs } from "../../components/agentcore/props";
import type { RuntimeLogger } from "../../components/agentcore/wait";
import {
  type AgentCoreSimulator,
  type AgentCoreSimulatorOptions,
  startAgentCoreSimulator,
  useSimulatorEnv,
} from "../support/agentcoreSimulator";

/** A value that must never show up anywhere but the runtime's own configuration. */
export const CANARY = "CANARY-zscaler-client-secret-7f3a91c2";

/** Wait settings that keep every test in milliseconds. */
export const FAST_WAIT = { waitTimeoutSeconds: 5, minPollDelayMs: 5, maxPollDelayMs: 20 };

/** The same, as lifecycle `WaitSettings`. */
export const FAST_LIFECYCLE_WAIT = { timeoutSeconds: 5, minPollDelayMs: 5, maxPollDelayMs: 20 };

/** Valid inputs for a runtime named `name`, with the canary as a credential. */
export function baseInputs(name = "zscaler_mcp_test"): AgentRuntimeInputs {
  return {
    agentRuntimeName: name,
    description: "Zscaler MCP server",
    containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1.2.3",
    roleArn: "arn:aws:iam::123456789012:role/zscaler-mcp-runtime",
    networkConfiguration: { networkMode: "PUBLIC" },
    protocolConfiguration: { serverProtocol: "MCP" },
    environmentVariables: {
      ZSCALER_CLIENT_ID: "client-id-1",
      ZSCALER_CLIENT_SECRET: CANARY,
      AWS_REGION: "us-east-1",
    },
    requestHeaderConfiguration: {
      requestHeaderAllowlist: ["Authorization", "X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant"],
    },
    tags: { project: "zscaler-mcp", stack: "test" },
    region: "us-east-1",
    ...FAST_WAIT,
  };
}

/** Collects everything the provider logs through `pulumi.log`, and restores the real functions. */
export function captureLogs(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const original = { info: log.info, warn: log.warn, error: log.error, debug: log.debug };
  const record = (msg: string) => {
    lines.push(msg);
    return Promise.resolve();
  };
  Object.assign(log, { info: record, warn: record, error: record, debug: record });
  return { lines, restore: () => Object.assign(log, original) };
}

/** A logger for lifecycle calls that records its lines. */
export function memoryLogger(): RuntimeLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => void lines.push(m), warn: (m) => void lines.push(m) };
}

/** Starts a simulator with short transitions and points the SDK at it. */
export async function startSim(
  options: AgentCoreSimulatorOptions = {},
): Promise<{ sim: AgentCoreSimulator; stop: () => Promise<void> }> {
  const sim = await startAgentCoreSimulator({
    createDelayMs: 30,
    updateDelayMs: 30,
    deleteDelayMs: 30,
    ...options,
  });
  const restore = useSimulatorEnv(sim);
  return {
    sim,
    stop: async () => {
      restore();
      await sim.close();
    },
  };
}

/** The simulator and captured provider logs of the current test. */
export interface SimulatorWorld {
  readonly sim: AgentCoreSimulator;
  readonly logs: { lines: string[]; restore: () => void };
  /** Replaces the current simulator with one started with `options`. */
  restart(options: AgentCoreSimulatorOptions): Promise<void>;
}

/**
 * Starts a simulator and captures the provider's log lines around each test of the enclosing
 * `describe`; read the current ones from the returned object.
 */
export function useSimulator(): SimulatorWorld {
  const world = {
    async restart(options: AgentCoreSimulatorOptions): Promise<void> {
      await world.stop();
      ({ sim: world.sim, stop: world.stop } = await startSim(options));
    },
  } as SimulatorWorld & {
    sim: AgentCoreSimulator;
    logs: SimulatorWorld["logs"];
    stop: () => Promise<void>;
  };
  beforeEach(async () => {
    ({ sim: world.sim, stop: world.stop } = await startSim());
    world.logs = captureLogs();
  });
  afterEach(async () => {
    world.logs.restore();
    await world.stop();
  });
  return world;
}

/** The provider with every optional method present, as the tests call them. */
export const provider = agentRuntimeProvider as Required<
  pulumi.dynamic.ResourceProvider<AgentRuntimeInputs, AgentRuntimeOutputs>
>;

/** Runs a promise that must reject and returns its error. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected the promise to reject, it resolved");
}

/** Outputs as plain JSON text, for "never contains" checks. */
export function text(value: AgentRuntimeOutputs | unknown): string {
  return JSON.stringify(value);
}
