/**
 * The typed, validated configuration of one stack. `loadSettings` builds it from `pulumi.Config`;
 * components take the parts they need and never read configuration themselves.
 */
import * as pulumi from "@pulumi/pulumi";

/** Who reads the Zscaler credentials out of Secrets Manager. */
export type CredentialMode = "predeploy" | "runtime" | "lambda";

/** The credential modes, in the order the README presents them. */
export const CREDENTIAL_MODES: readonly CredentialMode[] = ["predeploy", "runtime", "lambda"];

/** How the secret is encrypted at rest. */
export type SecretKmsSetting =
  | { readonly kind: "aws-managed" }
  | { readonly kind: "create" }
  | { readonly kind: "existing"; readonly keyArn: string };

/** The credential values to write into a secret this stack creates. */
export interface CredentialValues {
  readonly ZSCALER_CLIENT_ID: string;
  readonly ZSCALER_CLIENT_SECRET: string;
  readonly ZSCALER_VANITY_DOMAIN?: string;
  readonly ZSCALER_CUSTOMER_ID?: string;
  readonly ZSCALER_CLOUD?: string;
}

/** Settings of the credentials secret. */
export interface SecretSettings {
  /** True to create the secret; false to adopt `name` or `arn`. */
  readonly create: boolean;
  /** The secret's name (created, or adopted by name). */
  readonly name: string;
  /** The ARN of an adopted secret, when given. */
  readonly arn?: string;
  /** Values for a created secret; always a Pulumi secret. */
  readonly values?: pulumi.Output<CredentialValues>;
  readonly kms: SecretKmsSetting;
  /** Rotation, when a rotation function is named. */
  readonly rotation?: { readonly lambdaArn: string; readonly schedule: string };
  /** Further principals allowed to read the value. */
  readonly readerArns: readonly string[];
  /** Administrators who keep read access. */
  readonly administratorArns: readonly string[];
  /** The deploying principal, when given explicitly; otherwise resolved from the caller. */
  readonly deployerPrincipalArn?: string;
  readonly recoveryWindowDays: number;
}

/** Settings of the AgentCore runtime. */
export interface RuntimeSettings {
  readonly name: string;
  readonly containerUri: string;
  readonly description: string;
  readonly network:
    | { readonly mode: "PUBLIC" }
    | {
        readonly mode: "VPC";
        readonly subnetIds: readonly string[];
        readonly securityGroupIds: readonly string[];
      };
  readonly serverProtocol: "MCP" | "HTTP" | "A2A";
  readonly authorizer?: {
    readonly discoveryUrl: string;
    readonly allowedAudiences: readonly string[];
    readonly allowedClients: readonly string[];
  };
  readonly idleTimeoutSeconds: number;
  readonly maxLifetimeSeconds: number;
  readonly waitTimeoutSeconds: number;
  /** Adopt an existing runtime of the same name on create. */
  readonly adoptExisting: boolean;
}

/** Settings of the MCP server process itself. */
export interface ServerSettings {
  readonly writeEnabled: boolean;
  readonly writeTools: readonly string[];
  readonly extraEnvironment: Readonly<Record<string, string>>;
  readonly redeployOnRotation: boolean;
}

/** Settings of the audit trail. */
export type AuditSettings =
  | {
      readonly kind: "create";
      readonly kmsEncryption: boolean;
      readonly retentionDays: number;
    }
  | { readonly kind: "existing"; readonly trailArn: string };

/** Everything the program needs, validated. */
export interface StackSettings {
  readonly stack: string;
  readonly environment: string;
  readonly isProd: boolean;
  readonly credentialMode: CredentialMode;
  readonly secret: SecretSettings;
  readonly runtime: RuntimeSettings;
  readonly server: ServerSettings;
  readonly audit: AuditSettings;
  readonly tags: Readonly<Record<string, string>>;
  readonly deployer: {
    readonly createManagedPolicy: boolean;
    /** Permissions boundary of every role the stack creates. */
    readonly permissionsBoundaryArn?: string;
    readonly schedule?: string;
    readonly logRetentionDays: number;
  };
  readonly smokeCheck: { readonly enabled: boolean; readonly timeoutSeconds: number };
}
