/**
 * Shape rules for configuration values. Each returns nothing when the value is fine, or the
 * middle of an error sentence ("must ...: got ...") that the loader completes with the key and
 * the fix. None of them echoes a value that could be a credential.
 */

import { CONTAINER_URI, RUNTIME_LIMITS } from "../agentcore/validate";

/** AgentCore's own rules, shared with the provider's input checks. */
export { DISCOVERY_URL, SECURITY_GROUP, SUBNET } from "../agentcore/validate";

/** An IAM role or user ARN (not an STS session). */
export const IAM_PRINCIPAL_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@\/-]+$/;

/** An STS assumed-role session ARN, which a policy cannot match reliably. */
export const STS_SESSION_ARN_PATTERN =
  /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/([\w+=,.@-]+)\/.+$/;

/** A Secrets Manager secret ARN, with AWS's six-character suffix. */
export const SECRET_ARN_PATTERN =
  /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w\/+=.@-]+-[A-Za-z0-9]{6}$/;

/** A KMS key ARN (key or alias). */
export const KMS_KEY_ARN_PATTERN =
  /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[\w-]+|alias\/[\w\/-]+)$/;

/** A Lambda function ARN. */
export const LAMBDA_ARN_PATTERN =
  /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/;

/** A CloudTrail trail ARN. */
export const TRAIL_ARN_PATTERN = /^arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:trail\/[\w.-]+$/;

/** Secrets Manager secret names. */
export const SECRET_NAME_PATTERN = /^[\w\/+=.@-]{1,512}$/;

/** Environment variable names the runtime accepts. */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/** An EventBridge or Secrets Manager schedule expression. */
export const SCHEDULE_PATTERN = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(.+\))$/;

/**
 * Environment variable names that carry credentials. The program never lets plain configuration
 * set them; the credential modes decide who does.
 */
export const CREDENTIAL_ENV_NAMES: readonly string[] = [
  "ZSCALER_CLIENT_ID",
  "ZSCALER_CLIENT_SECRET",
  "ZSCALER_PRIVATE_KEY",
  "ZSCALER_CUSTOMER_ID",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
];

/** Checks a runtime name against AgentCore's rule. */
export function checkRuntimeName(value: string): string | undefined {
  if (RUNTIME_LIMITS.namePattern.test(value)) return undefined;
  return (
    "must start with a letter and hold only letters, digits and underscores, 48 characters " +
    `at most: got "${value}"`
  );
}

/** Checks that an image URI names a private ECR repository with a tag or digest. */
export function checkContainerUri(value: string): string | undefined {
  if (CONTAINER_URI.test(value)) return undefined;
  return (
    "must be a private ECR image with a tag or digest, " +
    `<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>: got "${value}"`
  );
}

/** Checks an IAM principal ARN, with a specific hint for STS session ARNs. */
export function checkPrincipalArn(value: string): string | undefined {
  if (IAM_PRINCIPAL_ARN_PATTERN.test(value)) return undefined;
  const session = STS_SESSION_ARN_PATTERN.exec(value);
  if (session) {
    return (
      "must be an IAM role or user ARN, not an STS session ARN " +
      `(use arn:aws:iam::<account>:role/${session[1]})`
    );
  }
  return `must be an IAM role or user ARN (arn:aws:iam::<account>:role/<name>): got "${value}"`;
}

/** Splits `NAME=value` strings into a map, reporting the first malformed entry. */
export function parsePairs(
  entries: readonly string[],
  namePattern: RegExp,
): { pairs: Record<string, string> } | { error: string } {
  const pairs: Record<string, string> = {};
  for (const [index, entry] of entries.entries()) {
    const at = entry.indexOf("=");
    const name = at > 0 ? entry.slice(0, at) : "";
    if (!namePattern.test(name)) {
      return { error: `entry ${index + 1} must have the form NAME=value with a valid NAME` };
    }
    if (name in pairs) return { error: `entry ${index + 1} repeats the name ${name}` };
    pairs[name] = entry.slice(at + 1);
  }
  return { pairs };
}

/** The repository an ECR image URI (already checked by {@link checkContainerUri}) names. */
export function ecrRepositoryOf(containerUri: string): {
  account: string;
  region: string;
  repository: string;
} {
  const [host, ...path] = containerUri.split("/");
  const [account, , , region] = host.split(".");
  const repository = path.join("/").replace(/(@sha256:[a-f0-9]+|:[^/:]+)$/, "");
  return { account, region, repository };
}
