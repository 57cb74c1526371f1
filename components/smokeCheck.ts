/**
 * Runs the MCP smoke check on the deploying machine after each new runtime version is READY, so
 * that a server that cannot start with its credentials fails `pulumi up` instead of the first user.
 */
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";

/** Arguments of {@link SmokeCheck}. */
export interface SmokeCheckArgs {
  /** The runtime to call. */
  readonly runtimeArn: pulumi.Input<string>;
  /** The runtime's version; a new version runs the check again. */
  readonly runtimeVersion: pulumi.Input<string>;
  /** The runtime's region. */
  readonly region: pulumi.Input<string>;
  /** How long to wait for the server's answer, in seconds. */
  readonly timeoutSeconds: number;
}

/** The smoke check, as a local command that fails the update when the server does not answer. */
export class SmokeCheck extends pulumi.ComponentResource {
  /** What the check printed (the number and names of the tools listed). */
  public readonly report: pulumi.Output<string>;

  constructor(name: string, args: SmokeCheckArgs, opts?: pulumi.ComponentResourceOptions) {
    super("zscaler-mcp:runtime:SmokeCheck", name, {}, opts);
    // Pulumi runs the program, and so this command, in the project directory.
    const check = new command.local.Command(
      `${name}-tools-list`,
      {
        create: "node --import tsx tools/smokeCheck.ts",
        environment: {
          SMOKE_RUNTIME_ARN: args.runtimeArn,
          SMOKE_REGION: args.region,
          SMOKE_TIMEOUT_SECONDS: String(args.timeoutSeconds),
        },
        triggers: [args.runtimeArn, args.runtimeVersion],
        logging: "stdoutAndStderr",
      },
      { parent: this },
    );
    this.report = check.stdout;
    this.registerOutputs({ report: this.report });
  }
}
