import type { GetAgentRuntimeResponse } from "@aws-sdk/client-bedrock-agentcore-control";

/** The identity and status of a runtime as the control plane reports it. */
export interface RuntimeState {
  /** Runtime id, e.g. `mcp_server-AbCdEf1234`. */
  agentRuntimeId: string;
  /** Runtime ARN. */
  agentRuntimeArn: string;
  /** Current version; each update adds one. */
  agentRuntimeVersion: string;
  /** Current status, e.g. `READY`. */
  status: string;
  /** ARN of the workload identity the service made for the runtime. */
  workloadIdentityArn?: string;
  /** Creation time, RFC 3339. */
  createdAt?: string;
  /** Last update time, RFC 3339. */
  lastUpdatedAt?: string;
}

function isoTime(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Extracts the {@link RuntimeState} from a `GetAgentRuntime` (or create/update) response. */
export function stateFromLive(live: Partial<GetAgentRuntimeResponse>): RuntimeState {
  const state: RuntimeState = {
    agentRuntimeId: live.agentRuntimeId ?? "",
    agentRuntimeArn: live.agentRuntimeArn ?? "",
    agentRuntimeVersion: live.agentRuntimeVersion ?? "",
    status: live.status ?? "UNKNOWN",
  };
  const workload = live.workloadIdentityDetails?.workloadIdentityArn;
  if (workload) state.workloadIdentityArn = workload;
  const created = isoTime(live.createdAt);
  if (created) state.createdAt = created;
  const updated = isoTime(live.lastUpdatedAt);
  if (updated) state.lastUpdatedAt = updated;
  return state;
}

/**
 * The URL MCP clients call to reach the runtime's DEFAULT endpoint: the data-plane host of the
 * region, the URL-encoded runtime ARN, and `qualifier=DEFAULT`.
 */
export function invocationUrl(region: string, agentRuntimeArn: string): string {
  return (
    `https://bedrock-agentcore.${region}.amazonaws.com/runtimes/` +
    `${encodeURIComponent(agentRuntimeArn)}/invocations?qualifier=DEFAULT`
  );
}

/** The region part of an ARN (`arn:aws:bedrock-agentcore:<region>:...`), or undefined. */
export function regionOfArn(arn: string): string | undefined {
  const region = arn.split(":")[3];
  return region ? region : undefined;
}
