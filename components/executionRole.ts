/**
 * The IAM role AgentCore assumes to run the MCP server.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  ImageRepository,
  executionRuntimePolicy,
  executionSecretPolicy,
  executionTrustPolicy,
} from "./executionRolePolicies";
import { AccountContext, PolicyDocument, policyJson, resolveAccount } from "./policyDocument";

/** Arguments of {@link ExecutionRole}. */
export interface ExecutionRoleArgs {
  /** Where the stack deploys. */
  readonly account: AccountContext;
  /** The ECR repository of the server image; the role can pull from it alone. */
  readonly image: ImageRepository;
  /** The runtime's name; scopes the workload-identity permissions. */
  readonly runtimeName: string;
  /** Prefix of the role's name (at most 38 characters), e.g. `zscaler-mcp-dev-`. */
  readonly namePrefix: string;
  /**
   * Secret access for `runtime` mode: the secret the container reads at start, and the
   * customer-managed key that encrypts it (if any). Omit in the other modes.
   */
  readonly secretAccess?: {
    readonly secretArn: pulumi.Input<string>;
    readonly kmsKeyArn?: pulumi.Input<string | undefined>;
  };
  /** A permissions boundary for the role (required when the deployer's policy demands one). */
  readonly permissionsBoundaryArn?: string;
  /** Tags for the role. */
  readonly tags: pulumi.Input<Record<string, string>>;
}

/** The AgentCore execution role with its inline policies. */
export class ExecutionRole extends pulumi.ComponentResource {
  /** The role's ARN, passed to AgentCore. */
  public readonly roleArn: pulumi.Output<string>;
  /** The role's name. */
  public readonly roleName: pulumi.Output<string>;
  /** The inline permissions the runtime needs to start. */
  public readonly runtimePolicy: pulumi.Output<PolicyDocument>;
  /** The secret-read permissions (`runtime` mode), or undefined. */
  public readonly secretPolicy: pulumi.Output<PolicyDocument | undefined>;

  constructor(name: string, args: ExecutionRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("zscaler-mcp:iam:ExecutionRole", name, {}, opts);
    const account = resolveAccount(args.account);

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        namePrefix: args.namePrefix,
        description: `Execution role of the AgentCore runtime ${args.runtimeName}`,
        assumeRolePolicy: policyJson(account.apply(executionTrustPolicy)),
        maxSessionDuration: 3600,
        permissionsBoundary: args.permissionsBoundaryArn,
        tags: args.tags,
      },
      { parent: this },
    );

    this.runtimePolicy = account.apply((resolved) =>
      executionRuntimePolicy(resolved, args.image, args.runtimeName),
    );
    new aws.iam.RolePolicy(
      `${name}-runtime`,
      { role: role.name, name: "agentcore-runtime", policy: policyJson(this.runtimePolicy) },
      { parent: this },
    );

    const access = args.secretAccess;
    if (access !== undefined) {
      const secretPolicy = pulumi
        .all([account, access.secretArn, access.kmsKeyArn])
        .apply(([resolved, secretArn, kmsKeyArn]) =>
          executionSecretPolicy(resolved, secretArn, kmsKeyArn),
        );
      new aws.iam.RolePolicy(
        `${name}-secret-read`,
        { role: role.name, name: "read-credentials-secret", policy: policyJson(secretPolicy) },
        { parent: this },
      );
      this.secretPolicy = secretPolicy;
    } else {
      this.secretPolicy = pulumi.output(undefined);
    }

    this.roleArn = role.arn;
    this.roleName = role.name;
    this.registerOutputs({
      roleArn: this.roleArn,
      roleName: this.roleName,
      runtimePolicy: this.runtimePolicy,
      secretPolicy: this.secretPolicy,
    });
  }
}
