/**
 * What one invocation of the deployer does: read the credentials secret, validate it, and make the
 * AgentCore runtime match the configuration plus those credentials through the same
 * create-or-update-and-wait code the dynamic provider uses. Clients are passed in, so tests drive
 * it against simulators and the Lambda entry point stays a few lines.
 */
import type { BedrockAgentCoreControlClient } from "@aws-sdk/client-bedrock-agentcore-control";
import { GetSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ensureRuntime } from "../../agentcore/lifecycle";
import { invocationUrl } from "../../agentcore/state";
import { credentialEnvironment, parseCredentialPayload } from "../../secretPayload";
import { type DeployerConfig, PULUMI_EVENT_SOURCE, runtimeSpecFor } from "../deployerConfig";
import type { RedactingLogger } from "./logger";

/** Why the deployer ran. */
export type TriggerKind = "deploy" | "secret-change" | "schedule" | "manual";

/** The trigger as read from the event: its kind, and for secret events the API call and secret. */
export interface Trigger {
  /** Why the deployer ran. */
  kind: TriggerKind;
  /** For `secret-change`: `PutSecretValue`, `UpdateSecret` or `RotationSucceeded`. */
  eventName?: string;
  /** For `secret-change`: the secret the event is about (ARN, or the id the caller used). */
  secretRef?: string;
}

/** What the handler returns after bringing the runtime to the configuration. */
export interface DeployedResult {
  /** What happened to the runtime. */
  action: "created" | "updated" | "unchanged";
  /** Why the deployer ran. */
  trigger: TriggerKind;
  /** The runtime's ARN; unchanged by updates. */
  agentRuntimeArn: string;
  /** The runtime's id. */
  agentRuntimeId: string;
  /** The runtime's current version. */
  agentRuntimeVersion: string;
  /** The runtime's status (`READY` on success). */
  status: string;
  /** The URL MCP clients call. */
  invocationUrl: string;
  /** The secret version whose credentials the runtime now holds. */
  secretVersionId: string;
}

/** What the handler returns for a secret event about some other secret (the rule should prevent it). */
export interface IgnoredResult {
  /** Nothing was done. */
  action: "ignored";
  /** Why the deployer ran. */
  trigger: TriggerKind;
}

/** The handler's response; never contains a credential. */
export type DeployResult = DeployedResult | IgnoredResult;

/** What {@link deployRuntime} works with. */
export interface DeployDependencies {
  /** The validated function configuration. */
  config: DeployerConfig;
  /** Secrets Manager client in the secret's region. */
  secrets: SecretsManagerClient;
  /** AgentCore control client in the runtime's region. */
  control: BedrockAgentCoreControlClient;
  /** Logger; learns the credential values so it can mask them. */
  log: RedactingLogger;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object"
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Reads why the deployer was invoked from its event (Pulumi, EventBridge rule, schedule, or a person). */
export function classifyTrigger(event: unknown): Trigger {
  const source = field(event, "source");
  if (source === PULUMI_EVENT_SOURCE) return { kind: "deploy" };
  if (source === "aws.events" && field(event, "detail-type") === "Scheduled Event") {
    return { kind: "schedule" };
  }
  if (source === "aws.secretsmanager") {
    const detail = field(event, "detail");
    const secretRef =
      text(field(field(detail, "responseElements"), "arn")) ??
      text(field(field(detail, "additionalEventData"), "SecretId")) ??
      text(field(field(detail, "requestParameters"), "secretId"));
    return {
      kind: "secret-change",
      ...(text(field(detail, "eventName")) ? { eventName: text(field(detail, "eventName")) } : {}),
      ...(secretRef ? { secretRef } : {}),
    };
  }
  return { kind: "manual" };
}

function awsName(err: unknown): string {
  return text(field(err, "name")) ?? "Error";
}

async function readSecret(
  deps: DeployDependencies,
): Promise<{ versionId: string; env: Record<string, string> }> {
  const { config, secrets, log } = deps;
  const label = config.secretArn;
  let out;
  try {
    out = await secrets.send(new GetSecretValueCommand({ SecretId: config.secretArn }));
  } catch (err) {
    const name = awsName(err);
    const fix =
      name === "ResourceNotFoundException"
        ? "create it, or point the deployer at the right ARN"
        : name === "AccessDeniedException"
          ? "allow the deployer role `secretsmanager:GetSecretValue` in both its policy and " +
            "the secret's resource policy"
          : name === "DecryptionFailure"
            ? "allow the deployer role `kms:Decrypt` on the secret's key through Secrets Manager"
            : "check the error and invoke the deployer again";
    throw new Error(`Secret \`${label}\` could not be read (${name}): ${fix}.`, { cause: err });
  }
  // Register the raw string first: even a payload that fails validation must never be logged.
  if (out.SecretString) log.redact([out.SecretString]);
  const payload = parseCredentialPayload(out.SecretString, label);
  const env = credentialEnvironment(payload);
  log.redact(Object.values(env));
  log.info(
    `Read secret ${label} version ${out.VersionId ?? "?"}: keys ${Object.keys(env).sort().join(", ")}`,
  );
  return { versionId: out.VersionId ?? "", env };
}

/**
 * Brings the runtime to the configuration with the secret's current credentials. Idempotent: a
 * second call with nothing changed reads the secret, finds the runtime up to date, and returns
 * `unchanged` without an update call. Throws with one-sentence messages free of credential values.
 */
export async function deployRuntime(
  deps: DeployDependencies,
  event: unknown,
): Promise<DeployResult> {
  const { config, control, log } = deps;
  const trigger = classifyTrigger(event);
  log.info(
    `Deployer invoked by ${trigger.kind}${trigger.eventName ? ` (${trigger.eventName})` : ""}` +
      ` for runtime ${config.runtime.agentRuntimeName}`,
  );
  if (
    trigger.kind === "secret-change" &&
    trigger.secretRef &&
    !sameSecret(trigger.secretRef, config)
  ) {
    log.warn(
      `Ignoring an event about secret ${trigger.secretRef}; this deployer serves ${config.secretArn}.`,
    );
    return { action: "ignored", trigger: trigger.kind };
  }
  const secret = await readSecret(deps);
  const spec = runtimeSpecFor(config, secret.env);
  const { action, runtime } = await ensureRuntime(control, spec, { wait: config.wait, log });
  log.info(
    `Runtime ${config.runtime.agentRuntimeName} ${action}: ${runtime.agentRuntimeId} version ` +
      `${runtime.agentRuntimeVersion}, ${runtime.status}`,
  );
  return {
    action,
    trigger: trigger.kind,
    agentRuntimeArn: runtime.agentRuntimeArn,
    agentRuntimeId: runtime.agentRuntimeId,
    agentRuntimeVersion: runtime.agentRuntimeVersion,
    status: runtime.status,
    invocationUrl: invocationUrl(config.region, runtime.agentRuntimeArn),
    secretVersionId: secret.versionId,
  };
}

/** A secret event names our secret by full ARN, by name, or by the ARN without its random suffix. */
function sameSecret(ref: string, config: DeployerConfig): boolean {
  const arn = config.secretArn;
  const name = arn.split(":secret:")[1] ?? "";
  const withoutSuffix = arn.replace(/-[A-Za-z0-9]{6}$/, "");
  const bareName = name.replace(/-[A-Za-z0-9]{6}$/, "");
  return ref === arn || ref === withoutSuffix || ref === name || ref === bareName;
}
