/**
 * Builds the validated {@link StackSettings} of the current stack from `pulumi.Config`. Every
 * problem is reported before any resource is registered, as one sentence naming the key and the fix.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadRuntimeSettings, loadServerSettings } from "./loadRuntime";
import { loadSecretSettings } from "./loadSecret";
import { ConfigReader, configError } from "./reader";
import { SCHEDULE_PATTERN, TRAIL_ARN_PATTERN, parsePairs } from "./rules";
import { AuditSettings, CREDENTIAL_MODES, CredentialMode, StackSettings } from "./settings";

/** Reads the current stack's configuration; throws a `ConfigError` on the first problem. */
export function loadSettings(): StackSettings {
  const config = new ConfigReader();
  const stack = pulumi.getStack();
  const environment = config.string("environment") ?? stack;
  // It names roles (`zscaler-mcp-<environment>-exec-`, at most 38 characters as a prefix) and the
  // deployer function, so it stays short.
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(environment)) {
    throw configError(
      "environment",
      "must be 1 to 16 lower-case letters, digits or hyphens, starting with a letter: " +
        `got "${environment}"`,
      "run `pulumi config set environment dev`",
    );
  }
  const isProd = environment === "prod";
  const credentialMode = readMode(config, isProd);

  const server = loadServerSettings(config);
  if (server.redeployOnRotation && credentialMode !== "runtime") {
    throw configError(
      "redeployOnRotation",
      `only applies in \`runtime\` credential mode, and this stack uses \`${credentialMode}\``,
      "remove it, since the other modes already roll a new runtime version when the secret changes",
    );
  }

  const schedule = config.string("deployerSchedule");
  if (schedule !== undefined && credentialMode !== "lambda") {
    throw configError(
      "deployerSchedule",
      "only applies in `lambda` credential mode",
      "remove it, or run `pulumi config set credentialMode lambda`",
    );
  }
  if (schedule !== undefined && !SCHEDULE_PATTERN.test(schedule)) {
    throw configError(
      "deployerSchedule",
      `must be a schedule expression such as rate(1 day): got "${schedule}"`,
      "fix the expression",
    );
  }
  const logRetentionDays = config.integer("deployerLogRetentionDays") ?? 30;
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) {
    throw configError(
      "deployerLogRetentionDays",
      `must be one of CloudWatch's retention periods (${LOG_RETENTION_DAYS.join(", ")}): got ${logRetentionDays}`,
      "run `pulumi config set deployerLogRetentionDays 30`",
    );
  }

  const boundary = config.string("permissionsBoundaryArn");
  if (
    boundary !== undefined &&
    !/^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@\/-]+$/.test(boundary)
  ) {
    throw configError(
      "permissionsBoundaryArn",
      `must be an IAM managed policy ARN: got "${boundary}"`,
      "copy it from `aws iam get-policy --policy-arn <arn>`",
    );
  }

  const runtime = loadRuntimeSettings(config, environment);
  const smokeCheck = config.boolean("smokeCheck");
  if (smokeCheck === true && runtime.authorizer !== undefined) {
    throw configError(
      "smokeCheck",
      "cannot call a runtime that accepts only JWT bearer tokens (`jwtDiscoveryUrl` is set), " +
        "because the check signs its call with the deployer's AWS credentials",
      "set `smokeCheck: false`, or remove the JWT authorizer",
    );
  }
  const smokeTimeout = config.integerIn("smokeCheckTimeoutSeconds", {
    min: 5,
    max: 900,
    fallback: 120,
  });

  return {
    stack,
    environment,
    isProd,
    credentialMode,
    secret: loadSecretSettings(config, environment, isProd),
    runtime,
    server,
    audit: readAudit(config, isProd),
    tags: readTags(config, environment),
    deployer: {
      createManagedPolicy: config.boolean("createDeployerPolicy") ?? false,
      permissionsBoundaryArn: boundary,
      schedule,
      logRetentionDays,
    },
    smokeCheck: {
      // On by default in prod, unless only JWT callers may invoke the runtime.
      enabled: smokeCheck ?? (isProd && runtime.authorizer === undefined),
      timeoutSeconds: smokeTimeout,
    },
  };
}

/** Retention periods CloudWatch Logs accepts, in days. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
];

function readMode(config: ConfigReader, isProd: boolean): CredentialMode {
  const mode = config.string("credentialMode") ?? (isProd ? "runtime" : "predeploy");
  if ((CREDENTIAL_MODES as readonly string[]).includes(mode)) return mode as CredentialMode;
  throw configError(
    "credentialMode",
    `must be predeploy, runtime or lambda: got "${mode}"`,
    "run `pulumi config set credentialMode runtime`",
  );
}

function readAudit(config: ConfigReader, isProd: boolean): AuditSettings {
  const create = config.boolean("createTrail") ?? true;
  const trailArn = config.string("existingTrailArn");
  if (create && trailArn !== undefined) {
    throw configError(
      "existingTrailArn",
      "names a trail to rely on, which conflicts with `createTrail: true`",
      "run `pulumi config set createTrail false` to use it, or remove `existingTrailArn`",
    );
  }
  if (!create) {
    if (trailArn === undefined) {
      throw configError(
        "createTrail",
        "is false, so the stack needs `existingTrailArn` to show its API calls are recorded",
        "run `pulumi config set existingTrailArn arn:aws:cloudtrail:<region>:<account>:trail/<name>`",
      );
    }
    if (!TRAIL_ARN_PATTERN.test(trailArn)) {
      throw configError(
        "existingTrailArn",
        `must be a CloudTrail trail ARN: got "${trailArn}"`,
        "copy it from `aws cloudtrail describe-trails`",
      );
    }
    return { kind: "existing", trailArn };
  }
  const retentionDays = config.integer("trailRetentionDays") ?? 365;
  if (retentionDays < 90) {
    throw configError(
      "trailRetentionDays",
      `must be at least 90 days: got ${retentionDays}`,
      "run `pulumi config set trailRetentionDays 365`",
    );
  }
  return {
    kind: "create",
    kmsEncryption: config.boolean("trailKmsEncryption") ?? isProd,
    retentionDays,
  };
}

function readTags(config: ConfigReader, environment: string): Record<string, string> {
  const parsed = parsePairs(config.list("runtimeTags"), /^[\w.:/+=@ -]{1,128}$/);
  if ("error" in parsed)
    throw configError("runtimeTags", parsed.error, "write entries as key=value");
  if (Object.keys(parsed.pairs).some((key) => key.toLowerCase().startsWith("aws:"))) {
    throw configError("runtimeTags", "must not use the reserved aws: prefix", "rename the tag");
  }
  return { project: "zscaler-mcp", environment, ...parsed.pairs };
}
