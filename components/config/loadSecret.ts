/**
 * Reads and validates the credentials-secret settings.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigReader, configError } from "./reader";
import {
  KMS_KEY_ARN_PATTERN,
  LAMBDA_ARN_PATTERN,
  SCHEDULE_PATTERN,
  SECRET_ARN_PATTERN,
  SECRET_NAME_PATTERN,
  checkPrincipalArn,
} from "./rules";
import { CredentialValues, SecretKmsSetting, SecretSettings } from "./settings";

/** Keys that carry credential values into a created secret. */
const VALUE_KEYS = ["zscalerClientId", "zscalerClientSecret"] as const;

/** Reads the secret settings for `environment`. */
export function loadSecretSettings(
  config: ConfigReader,
  environment: string,
  isProd: boolean,
): SecretSettings {
  const create = config.boolean("createSecret") ?? true;
  const arn = config.string("secretArn");
  const name = config.string("secretName") ?? `zscaler/mcp/credentials/${environment}`;

  if (arn !== undefined && create) {
    throw configError(
      "secretArn",
      "adopts an existing secret, which conflicts with `createSecret: true`",
      "set `pulumi config set createSecret false` to adopt it, or remove `secretArn` to create one",
    );
  }
  if (arn !== undefined && !SECRET_ARN_PATTERN.test(arn)) {
    throw configError(
      "secretArn",
      `must be a full Secrets Manager secret ARN ending in the six-character suffix: got "${arn}"`,
      "copy the ARN from `aws secretsmanager describe-secret --secret-id <name>`",
    );
  }
  if (arn !== undefined && config.has("secretName")) {
    throw configError(
      "secretName",
      "and `secretArn` both name the secret to adopt",
      "keep only one of them",
    );
  }
  if (!SECRET_NAME_PATTERN.test(name)) {
    throw configError(
      "secretName",
      `must be 1 to 512 letters, digits or /_+=.@- characters: got "${name}"`,
      "choose a name such as zscaler/mcp/credentials/dev",
    );
  }

  const values = create ? readValues(config) : undefined;
  if (!create) {
    for (const key of VALUE_KEYS) {
      if (config.has(key)) {
        throw configError(
          key,
          "is set, but this stack adopts an existing secret and would ignore it",
          `remove it with \`pulumi config rm ${key}\`, or set \`createSecret: true\``,
        );
      }
    }
  }

  return {
    create,
    name,
    arn,
    values,
    kms: readKms(config, isProd),
    rotation: readRotation(config),
    readerArns: readPrincipals(config, "secretReaders"),
    administratorArns: readPrincipals(config, "secretAdministrators"),
    deployerPrincipalArn: readDeployerPrincipal(config),
    recoveryWindowDays: readRecoveryWindow(config),
  };
}

function readValues(config: ConfigReader): pulumi.Output<CredentialValues> {
  const clientId = config.secret("zscalerClientId");
  const clientSecret = config.secret("zscalerClientSecret");
  for (const [key, value] of [
    ["zscalerClientId", clientId],
    ["zscalerClientSecret", clientSecret],
  ] as const) {
    if (value === undefined) {
      throw configError(
        key,
        "is required when this stack creates the credentials secret",
        `set it with \`pulumi config set --secret ${key}\`, or adopt an existing secret with ` +
          "`createSecret: false`",
      );
    }
  }
  const plain = {
    ZSCALER_VANITY_DOMAIN: config.string("zscalerVanityDomain"),
    ZSCALER_CUSTOMER_ID: config.string("zscalerCustomerId"),
    ZSCALER_CLOUD: config.string("zscalerCloud") ?? "production",
  };
  return pulumi.secret(
    pulumi.all([clientId!, clientSecret!]).apply(([id, secret]) => {
      const values: Record<string, string> = {
        ZSCALER_CLIENT_ID: id,
        ZSCALER_CLIENT_SECRET: secret,
      };
      for (const [key, value] of Object.entries(plain))
        if (value !== undefined) values[key] = value;
      return values as unknown as CredentialValues;
    }),
  );
}

function readKms(config: ConfigReader, isProd: boolean): SecretKmsSetting {
  const value = config.string("secretKmsKey") ?? (isProd ? "create" : "aws-managed");
  if (value === "aws-managed" || value === "create") return { kind: value };
  if (KMS_KEY_ARN_PATTERN.test(value)) return { kind: "existing", keyArn: value };
  throw configError(
    "secretKmsKey",
    `must be \`aws-managed\`, \`create\` or a KMS key ARN: got "${value}"`,
    "run `pulumi config set secretKmsKey create` for a customer-managed key",
  );
}

function readRotation(config: ConfigReader): SecretSettings["rotation"] {
  const lambdaArn = config.string("rotationLambdaArn");
  const schedule = config.string("rotationSchedule") ?? "rate(30 days)";
  if (!SCHEDULE_PATTERN.test(schedule)) {
    throw configError(
      "rotationSchedule",
      `must be a schedule expression such as rate(30 days) or cron(0 4 1 * ? *): got "${schedule}"`,
      "run `pulumi config set rotationSchedule 'rate(30 days)'`",
    );
  }
  if (lambdaArn === undefined) return undefined;
  if (!LAMBDA_ARN_PATTERN.test(lambdaArn)) {
    throw configError(
      "rotationLambdaArn",
      `must be a Lambda function ARN: got "${lambdaArn}"`,
      "copy it from `aws lambda get-function --function-name <name>`",
    );
  }
  return { lambdaArn, schedule };
}

function readPrincipals(config: ConfigReader, key: string): string[] {
  const values = config.list(key);
  for (const value of values) {
    const problem = checkPrincipalArn(value);
    if (problem) throw configError(key, `entries ${problem}`, "list IAM role or user ARNs only");
  }
  return values;
}

function readDeployerPrincipal(config: ConfigReader): string | undefined {
  const value = config.string("deployerPrincipalArn");
  if (value === undefined) return undefined;
  const problem = checkPrincipalArn(value);
  if (problem) {
    throw configError(
      "deployerPrincipalArn",
      problem,
      "or remove the key to use the caller's own role",
    );
  }
  return value;
}

function readRecoveryWindow(config: ConfigReader): number {
  const days = config.integer("secretRecoveryWindowDays") ?? 30;
  if (days === 0 || (days >= 7 && days <= 30)) return days;
  throw configError(
    "secretRecoveryWindowDays",
    `must be 0 or between 7 and 30: got ${days}`,
    "run `pulumi config set secretRecoveryWindowDays 30`",
  );
}
