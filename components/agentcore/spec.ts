import { createHash } from "node:crypto";
import type {
  CreateAgentRuntimeRequest,
  GetAgentRuntimeResponse,
  UpdateAgentRuntimeRequest,
} from "@aws-sdk/client-bedrock-agentcore-control";

/** Network settings of a runtime: public, or inside the given VPC subnets and security groups. */
export interface RuntimeNetwork {
  /** `PUBLIC` or `VPC`. */
  networkMode: "PUBLIC" | "VPC";
  /** Subnets and security groups; required for, and only allowed with, `VPC`. */
  networkModeConfig?: { subnets: string[]; securityGroups: string[] };
}

/**
 * The desired configuration of one AgentCore runtime, as plain values. Field names follow
 * `CreateAgentRuntime`; the container image is flattened to `containerUri`.
 */
export interface RuntimeSpec {
  /** Runtime name, unique per account and region. */
  agentRuntimeName: string;
  /** Free-text description. */
  description?: string;
  /** ECR image URI the runtime runs. */
  containerUri: string;
  /** Execution role the runtime assumes. */
  roleArn: string;
  /** Network settings. */
  networkConfiguration: RuntimeNetwork;
  /** Protocol the container speaks. */
  protocolConfiguration?: { serverProtocol: "MCP" | "HTTP" | "A2A" };
  /** Environment variables of the container; values may be credentials. */
  environmentVariables?: Record<string, string>;
  /** Inbound JWT authorizer. */
  authorizerConfiguration?: {
    customJWTAuthorizer: {
      discoveryUrl: string;
      allowedAudience?: string[];
      allowedClients?: string[];
    };
  };
  /** Session idle timeout and maximum lifetime, in seconds. */
  lifecycleConfiguration?: { idleRuntimeSessionTimeout?: number; maxLifetime?: number };
  /** Request headers passed through to the container. */
  requestHeaderConfiguration?: { requestHeaderAllowlist?: string[] };
  /** Tags of the runtime. */
  tags?: Record<string, string>;
}

/** The service's lifecycle defaults, applied when the spec leaves them out. */
export const LIFECYCLE_DEFAULTS = { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 };

/** The configuration fields that `UpdateAgentRuntime` replaces (everything but the name and tags). */
export const CONFIG_FIELDS = [
  "description",
  "containerUri",
  "roleArn",
  "networkConfiguration",
  "protocolConfiguration",
  "environmentVariables",
  "authorizerConfiguration",
  "lifecycleConfiguration",
  "requestHeaderConfiguration",
] as const;

/** One of {@link CONFIG_FIELDS}. */
export type ConfigField = (typeof CONFIG_FIELDS)[number];

function sortedStrings(list: readonly string[] | undefined): string[] | undefined {
  return list && list.length > 0 ? [...list].sort() : undefined;
}

function nonEmptyMap(map: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!map || Object.keys(map).length === 0) return undefined;
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Returns the spec in canonical form: empty maps and lists dropped, unordered lists sorted,
 * service defaults filled in. Two specs that the service treats alike canonicalize alike, which
 * is what keeps diffs quiet after a create or a refresh.
 */
export function canonicalSpec(spec: RuntimeSpec): RuntimeSpec {
  const net = spec.networkConfiguration;
  const vpc = net.networkModeConfig;
  const jwt = spec.authorizerConfiguration?.customJWTAuthorizer;
  const headers = sortedStrings(spec.requestHeaderConfiguration?.requestHeaderAllowlist);
  const out: RuntimeSpec = {
    agentRuntimeName: spec.agentRuntimeName,
    containerUri: spec.containerUri,
    roleArn: spec.roleArn,
    networkConfiguration: {
      networkMode: net.networkMode,
      ...(vpc && net.networkMode === "VPC"
        ? {
            networkModeConfig: {
              subnets: [...vpc.subnets].sort(),
              securityGroups: [...vpc.securityGroups].sort(),
            },
          }
        : {}),
    },
    protocolConfiguration: { serverProtocol: spec.protocolConfiguration?.serverProtocol ?? "HTTP" },
    lifecycleConfiguration: {
      idleRuntimeSessionTimeout:
        spec.lifecycleConfiguration?.idleRuntimeSessionTimeout ??
        LIFECYCLE_DEFAULTS.idleRuntimeSessionTimeout,
      maxLifetime: spec.lifecycleConfiguration?.maxLifetime ?? LIFECYCLE_DEFAULTS.maxLifetime,
    },
  };
  if (spec.description) out.description = spec.description;
  const env = nonEmptyMap(spec.environmentVariables);
  if (env) out.environmentVariables = env;
  if (jwt) {
    const audience = sortedStrings(jwt.allowedAudience);
    const clients = sortedStrings(jwt.allowedClients);
    out.authorizerConfiguration = {
      customJWTAuthorizer: {
        discoveryUrl: jwt.discoveryUrl,
        ...(audience ? { allowedAudience: audience } : {}),
        ...(clients ? { allowedClients: clients } : {}),
      },
    };
  }
  if (headers) out.requestHeaderConfiguration = { requestHeaderAllowlist: headers };
  const tags = nonEmptyMap(spec.tags);
  if (tags) out.tags = tags;
  return out;
}

function stableJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/**
 * Lists the configuration fields whose canonical values differ between two specs, in
 * {@link CONFIG_FIELDS} order. Tags and the name are compared by the callers that need them.
 */
export function changedConfigFields(a: RuntimeSpec, b: RuntimeSpec): ConfigField[] {
  const ca = canonicalSpec(a);
  const cb = canonicalSpec(b);
  return CONFIG_FIELDS.filter((field) => stableJson(ca[field]) !== stableJson(cb[field]));
}

/** True when the canonical tag maps of two specs differ. */
export function tagsDiffer(a: RuntimeSpec, b: RuntimeSpec): boolean {
  return stableJson(canonicalSpec(a).tags) !== stableJson(canonicalSpec(b).tags);
}

/**
 * Derives the idempotency token of a `CreateAgentRuntime` call from the runtime name and the
 * non-secret parts of the spec, so a retried create (same process or a later `pulumi up`) gets
 * the runtime the first attempt made instead of a second one. Environment variable values are
 * left out on purpose: they may be credentials, and no digest of a credential leaves the process.
 */
export function createClientToken(spec: RuntimeSpec): string {
  const canonical = canonicalSpec(spec);
  const envKeys = Object.keys(canonical.environmentVariables ?? {});
  const material = stableJson({ ...canonical, environmentVariables: envKeys });
  return createHash("sha256").update(`agentcore-runtime-create\n${material}`).digest("hex");
}

function configRequest(spec: RuntimeSpec): Omit<UpdateAgentRuntimeRequest, "agentRuntimeId"> {
  const c = canonicalSpec(spec);
  return {
    agentRuntimeArtifact: { containerConfiguration: { containerUri: c.containerUri } },
    roleArn: c.roleArn,
    networkConfiguration: c.networkConfiguration,
    protocolConfiguration: c.protocolConfiguration,
    lifecycleConfiguration: c.lifecycleConfiguration,
    ...(c.description ? { description: c.description } : {}),
    ...(c.environmentVariables ? { environmentVariables: c.environmentVariables } : {}),
    ...(c.authorizerConfiguration ? { authorizerConfiguration: c.authorizerConfiguration } : {}),
    ...(c.requestHeaderConfiguration?.requestHeaderAllowlist
      ? {
          requestHeaderConfiguration: {
            requestHeaderAllowlist: c.requestHeaderConfiguration.requestHeaderAllowlist,
          },
        }
      : {}),
  };
}

/** Builds the `CreateAgentRuntime` request for a spec, with its idempotency token. */
export function toCreateRequest(spec: RuntimeSpec, clientToken: string): CreateAgentRuntimeRequest {
  const tags = canonicalSpec(spec).tags;
  return {
    agentRuntimeName: spec.agentRuntimeName,
    ...configRequest(spec),
    ...(tags ? { tags } : {}),
    clientToken,
  };
}

/** Builds the `UpdateAgentRuntime` request that replaces a runtime's whole configuration. */
export function toUpdateRequest(
  agentRuntimeId: string,
  spec: RuntimeSpec,
): UpdateAgentRuntimeRequest {
  return { agentRuntimeId, ...configRequest(spec) };
}

/**
 * Reads the live configuration of a runtime back into a spec, so it can be compared with the
 * desired one. Tags are not part of `GetAgentRuntime`; pass them in from `ListTagsForResource`.
 */
export function specFromLive(
  live: GetAgentRuntimeResponse,
  tags?: Record<string, string>,
): RuntimeSpec {
  const net = live.networkConfiguration;
  const vpc = net?.networkModeConfig;
  const jwt = live.authorizerConfiguration?.customJWTAuthorizer;
  const protocol = live.protocolConfiguration?.serverProtocol;
  const spec: RuntimeSpec = {
    agentRuntimeName: live.agentRuntimeName ?? "",
    containerUri: live.agentRuntimeArtifact?.containerConfiguration?.containerUri ?? "",
    roleArn: live.roleArn ?? "",
    networkConfiguration: {
      networkMode: net?.networkMode === "VPC" ? "VPC" : "PUBLIC",
      ...(vpc
        ? {
            networkModeConfig: {
              subnets: vpc.subnets ?? [],
              securityGroups: vpc.securityGroups ?? [],
            },
          }
        : {}),
    },
  };
  if (live.description) spec.description = live.description;
  if (protocol === "MCP" || protocol === "HTTP" || protocol === "A2A") {
    spec.protocolConfiguration = { serverProtocol: protocol };
  }
  if (live.environmentVariables) spec.environmentVariables = { ...live.environmentVariables };
  if (jwt?.discoveryUrl) {
    spec.authorizerConfiguration = {
      customJWTAuthorizer: {
        discoveryUrl: jwt.discoveryUrl,
        ...(jwt.allowedAudience ? { allowedAudience: jwt.allowedAudience } : {}),
        ...(jwt.allowedClients ? { allowedClients: jwt.allowedClients } : {}),
      },
    };
  }
  if (live.lifecycleConfiguration) spec.lifecycleConfiguration = { ...live.lifecycleConfiguration };
  const headers = live.requestHeaderConfiguration?.requestHeaderAllowlist;
  if (headers) spec.requestHeaderConfiguration = { requestHeaderAllowlist: headers };
  if (tags) spec.tags = { ...tags };
  return canonicalSpec(spec);
}

/** Picks the spec out of resource inputs; defined beside the input types, re-exported here. */
export { specOf } from "./props";
