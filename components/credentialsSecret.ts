/**
 * The Secrets Manager secret that holds the Zscaler API credentials: created by this stack or
 * adopted, optionally encrypted with a customer-managed key and rotated by a given function.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CredentialValues, SecretKmsSetting } from "./config/settings";
import { AccountContext, policyJson, resolveAccount } from "./policyDocument";
import { secretKeyPolicy, secretReadPolicy } from "./secretPolicies";
import {
  CredentialPayload,
  CredentialPayloadError,
  credentialEnvironment,
  parseCredentialPayload,
} from "./secretPayload";

/** Arguments of {@link CredentialsSecret}. */
export interface CredentialsSecretArgs {
  /** Where the stack deploys. */
  readonly account: AccountContext;
  /** True to create the secret; false to adopt the one named by `name` or `arn`. */
  readonly create: boolean;
  /** The secret's name. */
  readonly name: string;
  /** The ARN of a secret to adopt (wins over `name`). */
  readonly arn?: string;
  /** Values for a created secret (a Pulumi secret); required when `create` is true. */
  readonly values?: pulumi.Input<CredentialValues>;
  /** How a created secret is encrypted. Ignored for adopted secrets, whose key is read back. */
  readonly kms: SecretKmsSetting;
  /** Rotation by a given Secrets Manager rotation function. */
  readonly rotation?: { readonly lambdaArn: string; readonly schedule: string };
  /** Days a deleted secret can be restored (0 deletes at once). */
  readonly recoveryWindowDays: number;
  /** The deploying principal, which manages a created customer-managed key. */
  readonly deployerArn: pulumi.Input<string>;
  /** Tags for every resource. */
  readonly tags: pulumi.Input<Record<string, string>>;
}

/** The alias of the customer-managed key created for the secret named `secretName`. */
export function secretKeyAlias(secretName: string): string {
  return `alias/${secretName.replace(/[^A-Za-z0-9/_-]/g, "-")}`;
}

/** The credentials secret. */
export class CredentialsSecret extends pulumi.ComponentResource {
  /** The secret's full ARN. */
  public readonly arn: pulumi.Output<string>;
  /** The secret's name. */
  public readonly secretName: pulumi.Output<string>;
  /** The customer-managed key that encrypts it, or undefined for the AWS-managed key. */
  public readonly kmsKeyArn: pulumi.Output<string | undefined>;
  /** Resources a reader of the value must wait for (the first version of a created secret). */
  public readonly valueReady: pulumi.Resource[];
  private readonly childPrefix: string;

  constructor(name: string, args: CredentialsSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    super("zscaler-mcp:secrets:CredentialsSecret", name, {}, opts);
    this.childPrefix = name;
    if (args.create) {
      const created = this.createSecret(name, args);
      this.arn = created.secret.arn;
      this.secretName = created.secret.name;
      this.kmsKeyArn = created.kmsKeyArn;
      this.valueReady = [created.version];
    } else {
      const found = aws.secretsmanager.getSecretOutput(
        args.arn !== undefined ? { arn: args.arn } : { name: args.name },
        { parent: this },
      );
      this.arn = found.arn;
      this.secretName = found.name;
      this.kmsKeyArn = found.kmsKeyId.apply((keyId) => this.customerKeyArn(keyId));
      this.valueReady = [];
    }
    this.registerOutputs({ arn: this.arn, secretName: this.secretName, kmsKeyArn: this.kmsKeyArn });
  }

  /**
   * The ARN of the customer-managed key behind an adopted secret's `kmsKeyId` (which may be a key
   * id, an alias or a key ARN), or undefined for the AWS-managed key, which needs no grant.
   */
  private customerKeyArn(keyId: string | undefined): pulumi.Output<string | undefined> {
    if (!keyId) return pulumi.output(undefined);
    const key = aws.kms.getKeyOutput({ keyId }, { parent: this });
    return key.apply((found) => (found.keyManager === "CUSTOMER" ? found.arn : undefined));
  }

  private createSecret(name: string, args: CredentialsSecretArgs) {
    if (args.values === undefined) {
      throw new pulumi.ResourceError(
        "CredentialsSecret needs `values` when `create` is true: set `zscalerClientId` and " +
          "`zscalerClientSecret` with `pulumi config set --secret`, or adopt a secret with `createSecret: false`.",
        this,
      );
    }
    let kmsKeyArn: pulumi.Output<string | undefined> = pulumi.output(undefined);
    if (args.kms.kind === "create") {
      const key = new aws.kms.Key(
        `${name}-key`,
        {
          description: `Encrypts the Zscaler MCP credentials secret ${args.name}`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          policy: policyJson(
            pulumi
              .all([resolveAccount(args.account), args.deployerArn])
              .apply(([account, deployerArn]) => secretKeyPolicy(account, deployerArn)),
          ),
          tags: args.tags,
        },
        { parent: this },
      );
      new aws.kms.Alias(
        `${name}-key-alias`,
        { name: secretKeyAlias(args.name), targetKeyId: key.keyId },
        { parent: this },
      );
      kmsKeyArn = key.arn;
    } else if (args.kms.kind === "existing") {
      kmsKeyArn = pulumi.output(args.kms.keyArn);
    }

    const secret = new aws.secretsmanager.Secret(
      `${name}-secret`,
      {
        name: args.name,
        description: "Zscaler API credentials of the Zscaler MCP server",
        kmsKeyId: kmsKeyArn,
        recoveryWindowInDays: args.recoveryWindowDays,
        tags: args.tags,
      },
      { parent: this },
    );
    const version = new aws.secretsmanager.SecretVersion(
      `${name}-value`,
      {
        secretId: secret.id,
        secretString: pulumi.secret(pulumi.jsonStringify(pulumi.output(args.values))),
      },
      {
        parent: this,
        // With rotation on, the rotation function owns the value after the first version; the
        // stack must not write the configured value back over a rotated one.
        ignoreChanges: args.rotation ? ["secretString"] : [],
      },
    );
    if (args.rotation) {
      new aws.secretsmanager.SecretRotation(
        `${name}-rotation`,
        {
          secretId: secret.id,
          rotationLambdaArn: args.rotation.lambdaArn,
          rotationRules: { scheduleExpression: args.rotation.schedule },
        },
        { parent: this, dependsOn: [version] },
      );
    }
    return { secret, version, kmsKeyArn };
  }

  /**
   * Reads the current value at deploy time and returns the validated credentials as a Pulumi
   * secret. A value that is not a JSON object, or lacks a required key, fails the deployment with
   * a message naming the keys, never the values.
   */
  readCredentials(): pulumi.Output<CredentialPayload> {
    const current = aws.secretsmanager.getSecretVersionOutput(
      { secretId: this.arn },
      { parent: this, dependsOn: this.valueReady },
    );
    return pulumi.secret(
      pulumi.all([current.secretString, this.secretName]).apply(([value, label]) => {
        try {
          return parseCredentialPayload(value, label);
        } catch (error) {
          // Re-raised as a ResourceError so the CLI names this component and prints no stack.
          if (error instanceof CredentialPayloadError)
            throw new pulumi.ResourceError(error.message, this);
          throw error;
        }
      }),
    );
  }

  /** The current value's environment variables for the container (a Pulumi secret). */
  readEnvironment(): pulumi.Output<Record<string, string>> {
    return pulumi.secret(this.readCredentials().apply(credentialEnvironment));
  }

  /**
   * Attaches the resource policy that denies reading the value to every principal but
   * `allowedPrincipals`, on a secret this stack created (an adopted secret keeps its owner's
   * policy). Returns the policy document either way, so it can be published as an output.
   */
  restrictReads(allowedPrincipals: pulumi.Input<string>[]): pulumi.Output<string> {
    const document = policyJson(
      pulumi
        .all([this.arn, pulumi.all(allowedPrincipals)])
        .apply(([arn, allowed]) => secretReadPolicy(arn, allowed)),
    );
    if (this.valueReady.length > 0) {
      new aws.secretsmanager.SecretPolicy(
        `${this.childPrefix}-policy`,
        { secretArn: this.arn, policy: document, blockPublicPolicy: true },
        { parent: this },
      );
    }
    return document;
  }

  /**
   * The id of the secret's current version, read without reading the value; changes whenever the
   * secret is rotated or written.
   */
  currentVersionId(): pulumi.Output<string> {
    const versions = aws.secretsmanager.getSecretVersionsOutput(
      { secretId: this.arn },
      { parent: this, dependsOn: this.valueReady },
    );
    return versions.versions.apply((list) => {
      const current = list.find((version) => version.versionStages.includes("AWSCURRENT"));
      if (current === undefined) {
        throw new pulumi.ResourceError(
          "The credentials secret has no AWSCURRENT version; write a value to it first.",
          this,
        );
      }
      return current.versionId;
    });
  }
}
