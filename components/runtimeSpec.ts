/**
 * Maps the validated runtime settings onto the AgentCore API's configuration shape, once, for both
 * callers: the dynamic resource (`predeploy`, `runtime`) and the deployer function (`lambda`).
 */
import type { RuntimeSpec } from "./agentcore/spec";
import { RuntimeSettings } from "./config/settings";

/** The part of a runtime spec that comes from configuration alone (no role, env or tags). */
export type ConfiguredRuntimeSpec = Omit<RuntimeSpec, "roleArn" | "environmentVariables" | "tags">;

/** The runtime spec fields for `settings`. */
export function configuredRuntimeSpec(settings: RuntimeSettings): ConfiguredRuntimeSpec {
  const spec: ConfiguredRuntimeSpec = {
    agentRuntimeName: settings.name,
    description: settings.description,
    containerUri: settings.containerUri,
    networkConfiguration:
      settings.network.mode === "VPC"
        ? {
            networkMode: "VPC",
            networkModeConfig: {
              subnets: [...settings.network.subnetIds],
              securityGroups: [...settings.network.securityGroupIds],
            },
          }
        : { networkMode: "PUBLIC" },
    protocolConfiguration: { serverProtocol: settings.serverProtocol },
    lifecycleConfiguration: {
      idleRuntimeSessionTimeout: settings.idleTimeoutSeconds,
      maxLifetime: settings.maxLifetimeSeconds,
    },
  };
  if (settings.authorizer) {
    spec.authorizerConfiguration = {
      customJWTAuthorizer: {
        discoveryUrl: settings.authorizer.discoveryUrl,
        allowedAudience: [...settings.authorizer.allowedAudiences],
        allowedClients: [...settings.authorizer.allowedClients],
      },
    };
  }
  return spec;
}
