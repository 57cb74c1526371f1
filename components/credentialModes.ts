/**
 * What differs between the credential modes: how the runtime is deployed and who may read the
 * secret's value.
 *
 * | mode        | runtime deployed by         | runtime env carries            | reads the secret      |
 * |-------------|-----------------------------|--------------------------------|-----------------------|
 * | `predeploy` | Pulumi (dynamic resource)   | the credentials (Pulumi secret)| the deploying principal |
 * | `runtime`   | Pulumi (dynamic resource)   | the secret's name and region   | the execution role    |
 * | `lambda`    | the deployer function       | credentials, set by the function | the deployer's role |
 */
import * as pulumi from "@pulumi/pulumi";
import { StackSettings } from "./config/settings";
import { CredentialsSecret } from "./credentialsSecret";
import { RuntimeDeployer } from "./deployer/runtimeDeployer";
import { ExecutionRole } from "./executionRole";
import { McpRuntime, operatorCommands } from "./mcpRuntime";
import { AccountContext } from "./policyDocument";
import { runtimeEnvironment, serverEnvironment } from "./runtimeEnvironment";
import { configuredRuntimeSpec } from "./runtimeSpec";

/** What {@link deployRuntime} needs. */
export interface DeployRuntimeInputs {
  readonly settings: StackSettings;
  /** Prefix of every resource name, e.g. `zscaler-mcp-dev`. */
  readonly prefix: string;
  readonly account: AccountContext;
  readonly secret: CredentialsSecret;
  readonly executionRole: ExecutionRole;
  readonly tags: Record<string, string>;
}

/** The deployed runtime, whichever way it was deployed. */
export interface DeployedRuntime {
  readonly runtimeArn: pulumi.Output<string>;
  readonly runtimeId: pulumi.Output<string>;
  readonly runtimeVersion: pulumi.Output<string>;
  readonly status: pulumi.Output<string>;
  readonly invocationUrl: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly logsCommand: pulumi.Output<string>;
  readonly describeCommand: pulumi.Output<string>;
  /** The principal that reads the secret's value besides the deployer (mode-specific), if any. */
  readonly secretReaderArn: pulumi.Output<string> | undefined;
  /** `lambda` mode: the deployer function's name. */
  readonly deployerFunctionName?: pulumi.Output<string>;
}

/** Deploys the runtime the way the stack's credential mode prescribes. */
export function deployRuntime(inputs: DeployRuntimeInputs): DeployedRuntime {
  const { settings, prefix, account, secret, executionRole, tags } = inputs;
  const mode = settings.credentialMode;
  switch (mode) {
    case "predeploy":
    case "runtime": {
      const environment = runtimeEnvironment({
        mode,
        server: settings.server,
        secretName: secret.secretName,
        region: account.region,
        credentials: mode === "predeploy" ? secret.readEnvironment() : undefined,
        secretVersionId: settings.server.redeployOnRotation ? secret.currentVersionId() : undefined,
      });
      const runtime = new McpRuntime(`${prefix}-mcp`, {
        settings: settings.runtime,
        roleArn: executionRole.roleArn,
        environment,
        region: account.region,
        tags,
        smokeCheck: settings.smokeCheck.enabled
          ? { timeoutSeconds: settings.smokeCheck.timeoutSeconds }
          : undefined,
        dependsOn: [executionRole, ...secret.valueReady],
      });
      return {
        runtimeArn: runtime.runtimeArn,
        runtimeId: runtime.runtimeId,
        runtimeVersion: runtime.runtimeVersion,
        status: runtime.status,
        invocationUrl: runtime.invocationUrl,
        logGroupName: runtime.logGroupName,
        logsCommand: runtime.logsCommand,
        describeCommand: runtime.describeCommand,
        secretReaderArn: mode === "runtime" ? executionRole.roleArn : undefined,
      };
    }
    case "lambda": {
      const deployer = new RuntimeDeployer(
        `${prefix}-deployer`,
        {
          account,
          secretArn: secret.arn,
          secretKmsKeyArn: secret.kmsKeyArn,
          executionRoleArn: executionRole.roleArn,
          runtime: {
            ...configuredRuntimeSpec(settings.runtime),
            environmentVariables: serverEnvironment(settings.server),
            tags,
          },
          secretVersionId: secret.currentVersionId(),
          rotationSchedule: settings.deployer.schedule,
          logRetentionDays: settings.deployer.logRetentionDays,
          waitTimeoutSeconds: Math.min(settings.runtime.waitTimeoutSeconds, 840),
          namePrefix: `${prefix}-`,
          permissionsBoundaryArn: settings.deployer.permissionsBoundaryArn,
          tags,
        },
        { dependsOn: [executionRole, ...secret.valueReady] },
      );
      const commands = operatorCommands(deployer.agentRuntimeId, account.region);
      return {
        runtimeArn: deployer.agentRuntimeArn,
        runtimeId: deployer.agentRuntimeId,
        runtimeVersion: deployer.agentRuntimeVersion,
        status: deployer.status,
        invocationUrl: deployer.invocationUrl,
        ...commands,
        secretReaderArn: deployer.roleArn,
        deployerFunctionName: deployer.functionName,
      };
    }
    default: {
      const unreachable: never = mode;
      throw new Error(`Unknown credential mode ${String(unreachable)}.`);
    }
  }
}

/**
 * Everyone the secret's resource policy lets read the value: the deploying principal (so nobody
 * locks themselves out), the stack's own readers (the mode's reader, the rotation function's
 * role), the administrators and any listed readers.
 */
export function accessPrincipals(
  settings: StackSettings,
  deployerArn: pulumi.Input<string>,
  stackReaders: (pulumi.Input<string> | undefined)[],
): pulumi.Input<string>[] {
  return [
    deployerArn,
    ...stackReaders.filter((reader): reader is pulumi.Input<string> => reader !== undefined),
    ...settings.secret.administratorArns,
    ...settings.secret.readerArns,
  ];
}
