import * as pulumi from "@pulumi/pulumi";
import { agentRuntimeProvider } from "./provider";

/** Arguments of an {@link AgentRuntime}; names follow the `CreateAgentRuntime` API. */
export interface AgentRuntimeArgs {
  /**
   * Runtime name, unique per account and region: a letter, then up to 47 letters, digits or
   * underscores. Changing it replaces the runtime (a new ARN).
   */
  readonly agentRuntimeName: pulumi.Input<string>;
  /** Free-text description, at most 4096 characters. */
  readonly description?: pulumi.Input<string>;
  /** ECR image URI with a tag or digest, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1.2.3`. */
  readonly containerUri: pulumi.Input<string>;
  /** ARN of the execution role the runtime assumes. */
  readonly roleArn: pulumi.Input<string>;
  /** `PUBLIC`, or `VPC` with 1 to 16 subnets and security groups. */
  readonly networkConfiguration: pulumi.Input<{
    networkMode: pulumi.Input<"PUBLIC" | "VPC">;
    networkModeConfig?: pulumi.Input<{
      subnets: pulumi.Input<pulumi.Input<string>[]>;
      securityGroups: pulumi.Input<pulumi.Input<string>[]>;
    }>;
  }>;
  /** Protocol the container speaks; the service defaults to `HTTP`, the Zscaler server needs `MCP`. */
  readonly protocolConfiguration?: pulumi.Input<{
    serverProtocol: pulumi.Input<"MCP" | "HTTP" | "A2A">;
  }>;
  /**
   * Container environment: at most 50 variables, names up to 100 characters, values up to 2048.
   * Values may be Pulumi secrets; the whole map is kept secret in the outputs and the state.
   */
  readonly environmentVariables?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Inbound JWT authorizer; `discoveryUrl` must end in `/.well-known/openid-configuration`. Default: IAM (SigV4). */
  readonly authorizerConfiguration?: pulumi.Input<{
    customJWTAuthorizer: pulumi.Input<{
      discoveryUrl: pulumi.Input<string>;
      allowedAudience?: pulumi.Input<pulumi.Input<string>[]>;
      allowedClients?: pulumi.Input<pulumi.Input<string>[]>;
    }>;
  }>;
  /** Session idle timeout and maximum lifetime in seconds, 60 to 28800; defaults 900 and 28800. */
  readonly lifecycleConfiguration?: pulumi.Input<{
    idleRuntimeSessionTimeout?: pulumi.Input<number>;
    maxLifetime?: pulumi.Input<number>;
  }>;
  /**
   * Up to 20 request headers passed to the container: `Authorization` or
   * `X-Amzn-Bedrock-AgentCore-Runtime-Custom-*`.
   */
  readonly requestHeaderConfiguration?: pulumi.Input<{
    requestHeaderAllowlist?: pulumi.Input<pulumi.Input<string>[]>;
  }>;
  /** Tags of the runtime, at most 50; changed in place through TagResource and UntagResource. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Region of the runtime; defaults to the SDK's region (`AWS_REGION`, profile). Changing it replaces the runtime. */
  readonly region?: pulumi.Input<string>;
  /** Seconds to wait for the runtime to become READY or gone; default 1200. */
  readonly waitTimeoutSeconds?: pulumi.Input<number>;
  /** Delay before the first status poll in milliseconds; later polls wait longer (about 1.6x each); default 1000. */
  readonly minPollDelayMs?: pulumi.Input<number>;
  /** Longest delay between status polls in milliseconds; default 12000. */
  readonly maxPollDelayMs?: pulumi.Input<number>;
  /**
   * When creating, adopt a runtime that already has this name (updated in place to these
   * arguments) instead of failing; the way to bring an existing runtime under management, since
   * dynamic resources cannot be imported. Default false.
   */
  readonly adoptExisting?: pulumi.Input<boolean>;
}

/**
 * An Amazon Bedrock AgentCore runtime, managed through the control API by a dynamic provider.
 * Configuration changes, credential rotation included, update the runtime in place (same ARN,
 * next version); only a new name or region replaces it.
 */
export class AgentRuntime extends pulumi.dynamic.Resource {
  /** Runtime id; also the resource id, and what `pulumi import` takes. */
  declare readonly agentRuntimeId: pulumi.Output<string>;
  /** Runtime ARN. */
  declare readonly agentRuntimeArn: pulumi.Output<string>;
  /** Current version; each in-place update adds one. */
  declare readonly agentRuntimeVersion: pulumi.Output<string>;
  /** Status after the last operation, `READY` when it succeeded. */
  declare readonly status: pulumi.Output<string>;
  /** ARN of the workload identity the service created for the runtime. */
  declare readonly workloadIdentityArn: pulumi.Output<string | undefined>;
  /** Creation time, RFC 3339. */
  declare readonly createdAt: pulumi.Output<string | undefined>;
  /** Last update time, RFC 3339. */
  declare readonly lastUpdatedAt: pulumi.Output<string | undefined>;
  /** MCP invocation URL of the DEFAULT endpoint. */
  declare readonly invocationUrl: pulumi.Output<string>;
  /** The runtime name. */
  declare readonly agentRuntimeName: pulumi.Output<string>;
  /** The description. */
  declare readonly description: pulumi.Output<string | undefined>;
  /** The container image URI. */
  declare readonly containerUri: pulumi.Output<string>;
  /** The execution role ARN. */
  declare readonly roleArn: pulumi.Output<string>;
  /** The network settings. */
  declare readonly networkConfiguration: pulumi.Output<{
    networkMode: "PUBLIC" | "VPC";
    networkModeConfig?: { subnets: string[]; securityGroups: string[] };
  }>;
  /** The protocol settings. */
  declare readonly protocolConfiguration: pulumi.Output<
    { serverProtocol: "MCP" | "HTTP" | "A2A" } | undefined
  >;
  /** The container environment; always a secret. */
  declare readonly environmentVariables: pulumi.Output<Record<string, string> | undefined>;
  /** The JWT authorizer settings. */
  declare readonly authorizerConfiguration: pulumi.Output<
    | {
        customJWTAuthorizer: {
          discoveryUrl: string;
          allowedAudience?: string[];
          allowedClients?: string[];
        };
      }
    | undefined
  >;
  /** The session lifecycle settings. */
  declare readonly lifecycleConfiguration: pulumi.Output<
    { idleRuntimeSessionTimeout?: number; maxLifetime?: number } | undefined
  >;
  /** The request header allowlist. */
  declare readonly requestHeaderConfiguration: pulumi.Output<
    { requestHeaderAllowlist?: string[] } | undefined
  >;
  /** The tags. */
  declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
  /** The region given, if any. */
  declare readonly region: pulumi.Output<string | undefined>;

  /**
   * Declares the runtime.
   * @param name Pulumi resource name (not the runtime name).
   * @param args Runtime configuration.
   * @param opts Resource options; `environmentVariables` is always added to `additionalSecretOutputs`.
   */
  constructor(name: string, args: AgentRuntimeArgs, opts?: pulumi.CustomResourceOptions) {
    const secretOutputs = [...(opts?.additionalSecretOutputs ?? []), "environmentVariables"];
    const props: Record<string, unknown> = {
      ...args,
      agentRuntimeId: undefined,
      agentRuntimeArn: undefined,
      agentRuntimeVersion: undefined,
      status: undefined,
      workloadIdentityArn: undefined,
      createdAt: undefined,
      lastUpdatedAt: undefined,
      invocationUrl: undefined,
    };
    super(
      agentRuntimeProvider,
      name,
      props,
      { ...opts, additionalSecretOutputs: secretOutputs },
      "agentcore",
      "AgentRuntime",
    );
  }
}
