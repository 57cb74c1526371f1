/**
 * The credentials secret's payload: which keys it holds, how it is validated, and which environment
 * variables the Zscaler MCP container receives from it. Shared by the `predeploy` mode (Pulumi reads
 * the secret) and the deployer Lambda (`lambda` mode), so this module imports nothing from Pulumi or
 * the AWS SDK and can be bundled into the Lambda as it is.
 *
 * The upstream server authenticates with OneAPI: a client id plus either a client secret or a private
 * key (JWT client assertion). `ZSCALER_CLIENT_SECRET` is therefore required unless
 * `ZSCALER_PRIVATE_KEY` stands in for it. No error produced here ever contains a value.
 */

/** Keys the secret must hold. `ZSCALER_CLIENT_SECRET` may be replaced by `ZSCALER_PRIVATE_KEY`. */
export const REQUIRED_CREDENTIAL_KEYS = ["ZSCALER_CLIENT_ID", "ZSCALER_CLIENT_SECRET"] as const;

/** Keys passed to the container when present; `ZSCALER_PRIVATE_KEY` is the client secret's alternative. */
export const OPTIONAL_CREDENTIAL_KEYS = [
  "ZSCALER_PRIVATE_KEY",
  "ZSCALER_VANITY_DOMAIN",
  "ZSCALER_CUSTOMER_ID",
  "ZSCALER_CLOUD",
] as const;

/** A key the secret must hold. */
export type RequiredCredentialKey = (typeof REQUIRED_CREDENTIAL_KEYS)[number];

/** A key the secret may hold. */
export type OptionalCredentialKey = (typeof OPTIONAL_CREDENTIAL_KEYS)[number];

/** Every key this module reads from the secret, and so every env var name that carries a credential. */
export const CREDENTIAL_KEYS: readonly (RequiredCredentialKey | OptionalCredentialKey)[] = [
  ...REQUIRED_CREDENTIAL_KEYS,
  ...OPTIONAL_CREDENTIAL_KEYS,
];

/**
 * Required keys that another key can satisfy: the upstream server accepts a private key in place of
 * the client secret.
 */
export const CREDENTIAL_KEY_ALTERNATIVES: Readonly<
  Partial<Record<RequiredCredentialKey, OptionalCredentialKey>>
> = { ZSCALER_CLIENT_SECRET: "ZSCALER_PRIVATE_KEY" };

/**
 * A validated payload: the client id, at least one of client secret and private key, and any optional
 * keys that were present and non-empty. Unknown keys in the secret are dropped.
 */
export type CredentialPayload = Readonly<
  { ZSCALER_CLIENT_ID: string } & Partial<
    Record<Exclude<RequiredCredentialKey, "ZSCALER_CLIENT_ID"> | OptionalCredentialKey, string>
  >
>;

/** Thrown when a secret's payload is unusable; the message names keys and types, never values. */
export class CredentialPayloadError extends Error {
  /** Required keys that were absent or empty (for callers that report them structurally). */
  public readonly missingKeys: readonly string[];

  constructor(message: string, missingKeys: readonly string[] = []) {
    super(message);
    this.name = "CredentialPayloadError";
    this.missingKeys = missingKeys;
  }
}

const FIX =
  "store a JSON object such as " +
  '{"ZSCALER_CLIENT_ID": "...", "ZSCALER_CLIENT_SECRET": "...", "ZSCALER_VANITY_DOMAIN": "..."} ' +
  "as the secret's SecretString";

/**
 * Parses and validates a secret's `SecretString`.
 *
 * @param secretString the secret value as returned by `GetSecretValue` (undefined for binary secrets)
 * @param secretLabel how errors name the secret: its name or ARN, never its value
 * @throws CredentialPayloadError with one sentence naming the problem and the fix
 */
export function parseCredentialPayload(
  secretString: string | undefined,
  secretLabel: string,
): CredentialPayload {
  const subject = `Secret \`${secretLabel}\``;
  if (secretString === undefined || secretString.trim() === "") {
    throw new CredentialPayloadError(
      `${subject} has no SecretString (empty or binary secrets are not supported): ${FIX}.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    // The parser's own message quotes the input, which is the secret: never pass it on.
    throw new CredentialPayloadError(`${subject} is not valid JSON: ${FIX}.`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    const found = parsed === null ? "null" : Array.isArray(parsed) ? "an array" : typeof parsed;
    throw new CredentialPayloadError(`${subject} is not a JSON object (found ${found}): ${FIX}.`);
  }
  const record = parsed as Record<string, unknown>;

  const payload: Record<string, string> = {};
  const wrongType: string[] = [];
  for (const key of CREDENTIAL_KEYS) {
    const raw = record[key];
    if (raw === undefined || raw === null) continue;
    if (typeof raw === "number" && Number.isFinite(raw)) {
      // Customer ids are sometimes stored as JSON numbers; env vars are strings either way.
      payload[key] = String(raw);
    } else if (typeof raw === "string") {
      if (raw.trim() !== "") payload[key] = raw;
    } else {
      wrongType.push(`\`${key}\` (${Array.isArray(raw) ? "array" : typeof raw})`);
    }
  }
  if (wrongType.length > 0) {
    throw new CredentialPayloadError(
      `${subject} has non-string values for ${wrongType.join(", ")}: ` +
        "store every credential as a JSON string.",
    );
  }

  const missing: string[] = [];
  const missingLabels: string[] = [];
  for (const key of REQUIRED_CREDENTIAL_KEYS) {
    const alternative = CREDENTIAL_KEY_ALTERNATIVES[key];
    if (payload[key] !== undefined || (alternative && payload[alternative] !== undefined)) continue;
    missing.push(key);
    missingLabels.push(alternative ? `\`${key}\` (or \`${alternative}\`)` : `\`${key}\``);
  }
  if (missing.length > 0) {
    const noun = missing.length === 1 ? "key" : "keys";
    throw new CredentialPayloadError(
      `${subject} is missing required ${noun} ${missingLabels.join(", ")} (absent or empty): ${FIX}.`,
      missing,
    );
  }
  return payload as CredentialPayload;
}

/**
 * The environment variables the container needs from a validated payload: every credential key that
 * is present, under its own name. Values are credentials; callers must keep the result secret.
 */
export function credentialEnvironment(payload: CredentialPayload): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of CREDENTIAL_KEYS) {
    const value = payload[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}
