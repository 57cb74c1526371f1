/**
 * The runtime's environment variables in each credential mode. This is where the modes differ
 * for the container: `predeploy` hands it the credentials, `runtime` only tells it where to read
 * them, and `lambda` leaves the credentials to the deployer function.
 */
import * as pulumi from "@pulumi/pulumi";
import { CredentialMode, ServerSettings } from "./config/settings";

/** AgentCore's limit on environment variables per runtime. */
export const MAX_ENVIRONMENT_VARIABLES = 50;

/** The server settings every mode passes, none of them a credential. */
export function serverEnvironment(server: ServerSettings): Record<string, string> {
  const env: Record<string, string> = { ZSCALER_MCP_WRITE_ENABLED: String(server.writeEnabled) };
  if (server.writeTools.length > 0) env.ZSCALER_MCP_WRITE_TOOLS = server.writeTools.join(",");
  return { ...server.extraEnvironment, ...env };
}

/**
 * Where the container finds its credentials in `runtime` mode, in both dialects: the upstream
 * image reads `ZSCALER_SECRET_NAME` (and `AWS_REGION`); images built from the Secrets Manager
 * integration guide read `USE_SECRETS_MANAGER`, `SECRET_NAME` and `AWS_REGION`.
 */
export function secretReferenceEnvironment(
  secretName: string,
  region: string,
): Record<string, string> {
  return {
    ZSCALER_SECRET_NAME: secretName,
    USE_SECRETS_MANAGER: "true",
    SECRET_NAME: secretName,
    AWS_REGION: region,
  };
}

/** What {@link runtimeEnvironment} needs from the stack. */
export interface RuntimeEnvironmentInputs {
  readonly mode: CredentialMode;
  readonly server: ServerSettings;
  /** The secret's name, for `runtime` mode. */
  readonly secretName: pulumi.Input<string>;
  /** The region the container reads the secret in. */
  readonly region: pulumi.Input<string>;
  /** `predeploy` mode: the credentials read at deploy time (a Pulumi secret). */
  readonly credentials?: pulumi.Input<Record<string, string>>;
  /**
   * `runtime` mode with `redeployOnRotation`: the secret's current version id. A new value rolls
   * a new runtime version, so new sessions start with the rotated credential at once.
   */
  readonly secretVersionId?: pulumi.Input<string>;
}

/**
 * The environment of the runtime for `mode`. In `predeploy` mode the result is a Pulumi secret,
 * because it carries the credentials.
 */
export function runtimeEnvironment(
  inputs: RuntimeEnvironmentInputs,
): pulumi.Output<Record<string, string>> {
  const base = serverEnvironment(inputs.server);
  switch (inputs.mode) {
    case "predeploy": {
      if (inputs.credentials === undefined) {
        throw new Error("predeploy mode needs the credentials read at deploy time.");
      }
      return pulumi.secret(
        pulumi
          .output(inputs.credentials)
          .apply((credentials) => checked({ ...base, ...credentials })),
      );
    }
    case "runtime":
      return pulumi
        .all([inputs.secretName, inputs.region, inputs.secretVersionId])
        .apply(([secretName, region, versionId]) => {
          const env = { ...base, ...secretReferenceEnvironment(secretName, region) };
          if (versionId !== undefined) env.ZSCALER_SECRET_VERSION_ID = versionId;
          return checked(env);
        });
    case "lambda":
      return pulumi.output(checked(base));
    default: {
      const unreachable: never = inputs.mode;
      throw new Error(`Unknown credential mode ${String(unreachable)}.`);
    }
  }
}

function checked(env: Record<string, string>): Record<string, string> {
  const count = Object.keys(env).length;
  if (count > MAX_ENVIRONMENT_VARIABLES) {
    throw new pulumi.RunError(
      `The runtime would get ${count} environment variables, more than AgentCore's ` +
        `${MAX_ENVIRONMENT_VARIABLES}; remove entries from \`zscaler-mcp:extraEnvironment\`.`,
    );
  }
  return env;
}
