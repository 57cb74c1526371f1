/**
 * Recognising credentials in environment variables: by the variable's name (words such as secret,
 * password, token, API key, private key, the Zscaler client id and secret) and by the value's shape
 * (known key formats, long high-entropy strings). References to a secret (its name or ARN) are not
 * credentials.
 */

/** Why a variable was judged to carry a credential. */
export type CredentialReason =
  "name" | "aws-access-key" | "private-key" | "jwt" | "provider-token" | "high-entropy";

/** Settings that tune the detector. */
export interface CredentialSettings {
  /** Names always treated as credentials (compared case-insensitively). */
  readonly credentialNames: readonly string[];
  /** Names never treated as credentials by name (e.g. a reference the team vouches for). */
  readonly allowedNames: readonly string[];
  /** Shortest value the entropy test looks at. */
  readonly minSecretLength: number;
  /** Shannon entropy, in bits per character, at or above which a value looks random. */
  readonly minEntropyBitsPerChar: number;
}

/** Words that make a variable name a credential name. */
const CREDENTIAL_WORDS = new Set([
  "SECRET",
  "PASSWORD",
  "PASSWD",
  "PASSPHRASE",
  "TOKEN",
  "APIKEY",
  "CREDENTIAL",
  "CREDENTIALS",
]);

/** Word pairs that make a variable name a credential name. */
const CREDENTIAL_PAIRS = new Set([
  "API_KEY",
  "PRIVATE_KEY",
  "ACCESS_KEY",
  "SECRET_KEY",
  "CLIENT_ID",
  "CLIENT_SECRET",
]);

/** Last words that make a name a reference to a credential rather than the credential itself. */
const REFERENCE_WORDS = new Set([
  "NAME",
  "ARN",
  "REGION",
  "URL",
  "URI",
  "ENDPOINT",
  "PATH",
  "FILE",
  "ID",
  "MANAGER",
]);

/** Splits `zscalerClientSecret` / `ZSCALER_CLIENT_SECRET` / `api-key` into upper-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toUpperCase());
}

/** True when a variable's name says it holds a credential. */
export function isCredentialName(name: string, config: CredentialSettings): boolean {
  const upper = name.toUpperCase();
  if (config.allowedNames.some((allowed) => allowed.toUpperCase() === upper)) {
    return false;
  }
  if (config.credentialNames.some((listed) => listed.toUpperCase() === upper)) {
    return true;
  }
  const words = nameWords(name);
  const pairs = words.slice(1).map((word, i) => `${words[i]}_${word}`);
  const last = words[words.length - 1];
  const lastPair = pairs[pairs.length - 1];
  // `ZSCALER_SECRET_NAME`, `SECRET_ARN` and `SECRET_ID` point at a secret; `CLIENT_ID` and
  // `ACCESS_KEY_ID` are credentials themselves.
  const credentialId = lastPair === "CLIENT_ID" || (last === "ID" && pairs.includes("ACCESS_KEY"));
  if (REFERENCE_WORDS.has(last) && !credentialId) {
    return false;
  }
  return (
    words.some((word) => CREDENTIAL_WORDS.has(word)) ||
    pairs.some((pair) => CREDENTIAL_PAIRS.has(pair))
  );
}

const AWS_ACCESS_KEY = /^(AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|APKA)[A-Z0-9]{16}$/;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const JWT = /^eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+$/;
const PROVIDER_TOKEN =
  /^(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk-[A-Za-z0-9_-]{20,})$/;
const TOKEN_CHARSET = /^[A-Za-z0-9+/=_.~-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when a value is a reference to a secret rather than a secret: an ARN. */
export function isReference(value: string): boolean {
  return value.startsWith("arn:");
}

/** Shannon entropy of a string, in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) {
    counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Why a value looks like a credential, or undefined when it does not. `byEntropy: false` keeps to
 * the known formats (used for variables whose name says they hold a name or an ARN, since secret
 * names such as `zscaler/prod/u12000` are long and mixed too).
 */
export function credentialShape(
  value: string,
  config: CredentialSettings,
  byEntropy = true,
): CredentialReason | undefined {
  if (isReference(value)) {
    return undefined;
  }
  if (AWS_ACCESS_KEY.test(value)) {
    return "aws-access-key";
  }
  if (PRIVATE_KEY.test(value)) {
    return "private-key";
  }
  if (JWT.test(value)) {
    return "jwt";
  }
  if (PROVIDER_TOKEN.test(value)) {
    return "provider-token";
  }
  // Long random-looking strings: letters and digits mixed, no spaces, not a UUID (ids often are).
  if (
    byEntropy &&
    value.length >= config.minSecretLength &&
    TOKEN_CHARSET.test(value) &&
    /[0-9]/.test(value) &&
    /[A-Za-z]/.test(value) &&
    !UUID.test(value) &&
    entropy(value) >= config.minEntropyBitsPerChar
  ) {
    return "high-entropy";
  }
  return undefined;
}

/** Human wording for a reason, used in violation messages (never the value itself). */
export function describeReason(reason: CredentialReason): string {
  switch (reason) {
    case "name":
      return "its name says it holds a credential";
    case "aws-access-key":
      return "its value has the format of an AWS access key id";
    case "private-key":
      return "its value contains a PEM private key";
    case "jwt":
      return "its value has the format of a JSON Web Token";
    case "provider-token":
      return "its value has the format of a provider API token";
    case "high-entropy":
      return "its value is a long high-entropy string, the shape of a generated secret";
  }
}
