import * as assert from "node:assert/strict";
import {
  CREDENTIAL_KEYS,
  CredentialPayloadError,
  OPTIONAL_CREDENTIAL_KEYS,
  REQUIRED_CREDENTIAL_KEYS,
  credentialEnvironment,
  parseCredentialPayload,
} from "../../components/secretPayload";

const CANARY = "canary-7f3a9c1e-never-log-me";
const LABEL = "arn:aws:secretsmanager:us-east-1:123456789012:secret:zscaler/mcp/dev-AbCdEf";
const FIX =
  "store a JSON object such as " +
  '{"ZSCALER_CLIENT_ID": "...", "ZSCALER_CLIENT_SECRET": "...", "ZSCALER_VANITY_DOMAIN": "..."} ' +
  "as the secret's SecretString";

function errorOf(fn: () => unknown): CredentialPayloadError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof CredentialPayloadError, `unexpected error type: ${String(err)}`);
    return err;
  }
  assert.fail("expected a CredentialPayloadError");
}

describe("parseCredentialPayload", () => {
  it("returns every known key and drops unknown ones when the secret is complete", () => {
    const payload = parseCredentialPayload(
      JSON.stringify({
        ZSCALER_CLIENT_ID: "id-1",
        ZSCALER_CLIENT_SECRET: CANARY,
        ZSCALER_VANITY_DOMAIN: "acme",
        ZSCALER_CUSTOMER_ID: 2161000,
        ZSCALER_CLOUD: "beta",
        ZSCALER_MCP_WRITE_ENABLED: "true",
      }),
      LABEL,
    );
    assert.deepEqual(payload, {
      ZSCALER_CLIENT_ID: "id-1",
      ZSCALER_CLIENT_SECRET: CANARY,
      ZSCALER_VANITY_DOMAIN: "acme",
      ZSCALER_CUSTOMER_ID: "2161000",
      ZSCALER_CLOUD: "beta",
    });
  });

  it("accepts a private key in place of the client secret", () => {
    const payload = parseCredentialPayload(
      JSON.stringify({ ZSCALER_CLIENT_ID: "id-1", ZSCALER_PRIVATE_KEY: CANARY }),
      LABEL,
    );
    assert.deepEqual(payload, { ZSCALER_CLIENT_ID: "id-1", ZSCALER_PRIVATE_KEY: CANARY });
  });

  it("names both missing keys and never the values when neither is present", () => {
    const err = errorOf(() =>
      parseCredentialPayload(JSON.stringify({ ZSCALER_VANITY_DOMAIN: CANARY }), LABEL),
    );
    assert.equal(
      err.message,
      `Secret \`${LABEL}\` is missing required keys \`ZSCALER_CLIENT_ID\`, ` +
        `\`ZSCALER_CLIENT_SECRET\` (or \`ZSCALER_PRIVATE_KEY\`) (absent or empty): ${FIX}.`,
    );
    assert.deepEqual(err.missingKeys, ["ZSCALER_CLIENT_ID", "ZSCALER_CLIENT_SECRET"]);
  });

  it("treats an empty string as missing when a required key is blank", () => {
    const err = errorOf(() =>
      parseCredentialPayload(
        JSON.stringify({ ZSCALER_CLIENT_ID: "  ", ZSCALER_CLIENT_SECRET: CANARY }),
        "s",
      ),
    );
    assert.equal(
      err.message,
      `Secret \`s\` is missing required key \`ZSCALER_CLIENT_ID\` (absent or empty): ${FIX}.`,
    );
  });

  it("refuses a secret that is not JSON without quoting it", () => {
    const err = errorOf(() => parseCredentialPayload(`ZSCALER_CLIENT_SECRET=${CANARY}`, "s"));
    assert.equal(err.message, `Secret \`s\` is not valid JSON: ${FIX}.`);
    assert.ok(!err.message.includes(CANARY));
    assert.ok(!(err.stack ?? "").includes(CANARY));
  });

  it("refuses JSON that is not an object", () => {
    for (const [text, found] of [
      [JSON.stringify(CANARY), "string"],
      ["[1,2]", "an array"],
      ["null", "null"],
      ["42", "number"],
    ]) {
      const err = errorOf(() => parseCredentialPayload(text, "s"));
      assert.equal(err.message, `Secret \`s\` is not a JSON object (found ${found}): ${FIX}.`);
    }
  });

  it("refuses an absent or empty SecretString", () => {
    for (const text of [undefined, "", "   "]) {
      const err = errorOf(() => parseCredentialPayload(text, "s"));
      assert.equal(
        err.message,
        `Secret \`s\` has no SecretString (empty or binary secrets are not supported): ${FIX}.`,
      );
    }
  });

  it("names the key and type but not the value when a credential is not a string", () => {
    const err = errorOf(() =>
      parseCredentialPayload(
        JSON.stringify({
          ZSCALER_CLIENT_ID: { nested: CANARY },
          ZSCALER_CLIENT_SECRET: [CANARY],
          ZSCALER_CLOUD: true,
        }),
        "s",
      ),
    );
    assert.equal(
      err.message,
      "Secret `s` has non-string values for `ZSCALER_CLIENT_ID` (object), " +
        "`ZSCALER_CLIENT_SECRET` (array), `ZSCALER_CLOUD` (boolean): " +
        "store every credential as a JSON string.",
    );
  });
});

describe("credentialEnvironment", () => {
  it("maps present keys to env vars of the same name", () => {
    const env = credentialEnvironment({
      ZSCALER_CLIENT_ID: "id-1",
      ZSCALER_CLIENT_SECRET: CANARY,
      ZSCALER_CLOUD: "beta",
    });
    assert.deepEqual(env, {
      ZSCALER_CLIENT_ID: "id-1",
      ZSCALER_CLIENT_SECRET: CANARY,
      ZSCALER_CLOUD: "beta",
    });
  });

  it("lists every credential key once", () => {
    assert.deepEqual(CREDENTIAL_KEYS, [...REQUIRED_CREDENTIAL_KEYS, ...OPTIONAL_CREDENTIAL_KEYS]);
    assert.equal(new Set(CREDENTIAL_KEYS).size, 6);
  });
});
