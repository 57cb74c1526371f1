/**
 * The Zscaler MCP server on AgentCore: the runtime itself (a dynamic resource over the AgentCore
 * control API), the commands an operator pastes to inspect it, and the optional smoke check.
 */
import * as pulumi from "@pulumi/pulumi";
import { AgentRuntime } from "./agentcore/agentRuntime";
import { RuntimeSettings } from "./config/settings";
import { configuredRuntimeSpec } from "./runtimeSpec";
import { SmokeCheck } from "./smokeCheck";

/** Arguments of {@link McpRuntime}. */
export interface McpRuntimeArgs {
  /** The validated runtime settings. */
  readonly settings: RuntimeSettings;
  /** The execution role's ARN. */
  readonly roleArn: pulumi.Input<string>;
  /** The container's environment (a Pulumi secret when it carries credentials). */
  readonly environment: pulumi.Input<Record<string, string>>;
  /** The region of the runtime. */
  readonly region: pulumi.Input<string>;
  /** Tags of the runtime. */
  readonly tags: pulumi.Input<Record<string, string>>;
  /** Run the MCP `tools/list` smoke check after each new version, with this timeout. */
  readonly smokeCheck?: { readonly timeoutSeconds: number };
  /** Resources the runtime must wait for (its role's policies, for one). */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** The MCP server runtime. */
export class McpRuntime extends pulumi.ComponentResource {
  /** The runtime's ARN. */
  public readonly runtimeArn: pulumi.Output<string>;
  /** The runtime's id. */
  public readonly runtimeId: pulumi.Output<string>;
  /** The runtime's current version. */
  public readonly runtimeVersion: pulumi.Output<string>;
  /** The runtime's status after the last deployment. */
  public readonly status: pulumi.Output<string>;
  /** The MCP invocation URL of the DEFAULT endpoint. */
  public readonly invocationUrl: pulumi.Output<string>;
  /** The CloudWatch log group of the DEFAULT endpoint. */
  public readonly logGroupName: pulumi.Output<string>;
  /** `aws logs tail` command for the server's logs. */
  public readonly logsCommand: pulumi.Output<string>;
  /** `aws bedrock-agentcore-control get-agent-runtime` command for the runtime. */
  public readonly describeCommand: pulumi.Output<string>;
  /** What the smoke check printed, when it runs. */
  public readonly smokeCheckReport: pulumi.Output<string | undefined>;

  constructor(name: string, args: McpRuntimeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("zscaler-mcp:runtime:McpRuntime", name, {}, opts);
    const settings = args.settings;
    const runtime = new AgentRuntime(
      `${name}-runtime`,
      {
        ...configuredRuntimeSpec(settings),
        roleArn: args.roleArn,
        environmentVariables: args.environment,
        tags: args.tags,
        region: args.region,
        waitTimeoutSeconds: settings.waitTimeoutSeconds,
        adoptExisting: settings.adoptExisting,
      },
      { parent: this, dependsOn: args.dependsOn },
    );

    this.runtimeArn = runtime.agentRuntimeArn;
    this.runtimeId = runtime.agentRuntimeId;
    this.runtimeVersion = runtime.agentRuntimeVersion;
    this.status = runtime.status;
    this.invocationUrl = runtime.invocationUrl;
    const commands = operatorCommands(runtime.agentRuntimeId, args.region);
    this.logGroupName = commands.logGroupName;
    this.logsCommand = commands.logsCommand;
    this.describeCommand = commands.describeCommand;

    if (args.smokeCheck) {
      const check = new SmokeCheck(
        `${name}-smoke-check`,
        {
          runtimeArn: runtime.agentRuntimeArn,
          runtimeVersion: runtime.agentRuntimeVersion,
          region: args.region,
          timeoutSeconds: args.smokeCheck.timeoutSeconds,
        },
        { parent: this, dependsOn: [runtime] },
      );
      this.smokeCheckReport = check.report;
    } else {
      this.smokeCheckReport = pulumi.output(undefined);
    }

    this.registerOutputs({
      runtimeArn: this.runtimeArn,
      runtimeId: this.runtimeId,
      runtimeVersion: this.runtimeVersion,
      status: this.status,
      invocationUrl: this.invocationUrl,
      logGroupName: this.logGroupName,
      logsCommand: this.logsCommand,
      describeCommand: this.describeCommand,
      smokeCheckReport: this.smokeCheckReport,
    });
  }
}

/** The log group and ready-to-paste commands for a runtime id, shared by every credential mode. */
export function operatorCommands(runtimeId: pulumi.Input<string>, region: pulumi.Input<string>) {
  const logGroupName = pulumi.interpolate`/aws/bedrock-agentcore/runtimes/${runtimeId}-DEFAULT`;
  return {
    logGroupName,
    logsCommand: pulumi.interpolate`aws logs tail ${logGroupName} --region ${region} --follow`,
    describeCommand: pulumi
      .all([runtimeId, region])
      .apply(
        ([id, where]) =>
          `aws bedrock-agentcore-control get-agent-runtime --region ${where} --agent-runtime-id ${id}`,
      ),
  };
}
