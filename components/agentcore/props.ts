/**
 * The plain property bags the dynamic provider receives and returns, and their conversions to
 * the lifecycle's spec and wait settings.
 */
import type { RuntimeSpec } from "./spec";
import { type RuntimeState, invocationUrl, regionOfArn } from "./state";
import { DEFAULT_WAIT, type WaitSettings } from "./wait";

/** Resolved inputs of an AgentRuntime: the spec plus region and wait settings. */
export interface AgentRuntimeInputs extends RuntimeSpec {
  /** Region of the runtime; the SDK's default region when absent. */
  region?: string;
  /** Seconds to wait for the runtime to settle. */
  waitTimeoutSeconds?: number;
  /** First poll delay in milliseconds. */
  minPollDelayMs?: number;
  /** Longest poll delay in milliseconds. */
  maxPollDelayMs?: number;
  /**
   * On create, take over a runtime that already has this name (updating it in place to these
   * inputs) instead of failing. Dynamic resources cannot be imported, so this is how an existing
   * runtime comes under management. It never changes an existing resource's plan.
   */
  adoptExisting?: boolean;
}

/** Outputs of an AgentRuntime: its inputs echoed, its identity and status, and its MCP URL. */
export interface AgentRuntimeOutputs extends AgentRuntimeInputs, RuntimeState {
  /** URL MCP clients call to reach the runtime's DEFAULT endpoint. */
  invocationUrl: string;
}

/** Picks the spec out of the resource inputs (or outputs). */
export function specOf(props: AgentRuntimeInputs): RuntimeSpec {
  const spec: RuntimeSpec = {
    agentRuntimeName: props.agentRuntimeName,
    containerUri: props.containerUri,
    roleArn: props.roleArn,
    networkConfiguration: props.networkConfiguration,
  };
  if (props.description !== undefined) spec.description = props.description;
  if (props.protocolConfiguration !== undefined)
    spec.protocolConfiguration = props.protocolConfiguration;
  if (props.environmentVariables !== undefined)
    spec.environmentVariables = props.environmentVariables;
  if (props.authorizerConfiguration !== undefined)
    spec.authorizerConfiguration = props.authorizerConfiguration;
  if (props.lifecycleConfiguration !== undefined)
    spec.lifecycleConfiguration = props.lifecycleConfiguration;
  if (props.requestHeaderConfiguration !== undefined) {
    spec.requestHeaderConfiguration = props.requestHeaderConfiguration;
  }
  if (props.tags !== undefined) spec.tags = props.tags;
  return spec;
}

/** The wait settings of the inputs, falling back to {@link DEFAULT_WAIT} per field. */
export function waitOf(props: AgentRuntimeInputs): WaitSettings {
  return {
    timeoutSeconds: props.waitTimeoutSeconds ?? DEFAULT_WAIT.timeoutSeconds,
    minPollDelayMs: props.minPollDelayMs ?? DEFAULT_WAIT.minPollDelayMs,
    maxPollDelayMs: props.maxPollDelayMs ?? DEFAULT_WAIT.maxPollDelayMs,
  };
}

/** Builds the outputs from the inputs and the runtime's state. */
export function outputsOf(inputs: AgentRuntimeInputs, state: RuntimeState): AgentRuntimeOutputs {
  const region = inputs.region ?? regionOfArn(state.agentRuntimeArn) ?? "";
  return { ...inputs, ...state, invocationUrl: invocationUrl(region, state.agentRuntimeArn) };
}
