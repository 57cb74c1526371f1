import * as assert from "assert";
import { plaintextCredentials } from "../../policy/rules/plaintextCredentials";
import { UNKNOWN, validateResource } from "../support/policyHarness";

const RUNTIME = "pulumi-nodejs:dynamic/agentcore:AgentRuntime";
const SECRET_ARN =
  "arn:aws:secretsmanager:us-east-1:123456789012:secret:zscaler/prod/credentials-AbC123";

/** The compliant `runtime`-mode environment: only a reference to the secret and plain settings. */
const COMPLIANT: Record<string, unknown> = {
  ZSCALER_SECRET_NAME: "zscaler/prod/credentials",
  AWS_REGION: "us-east-1",
  ZSCALER_CLOUD: "zscalertwo",
  ZSCALER_VANITY_DOMAIN: "acme",
  ZSCALER_MCP_TRANSPORT: "streamable-http",
  ZSCALER_MCP_SERVICES: "zia,zpa,zdx",
};

function runtime(env: Record<string, unknown>) {
  return {
    type: RUNTIME,
    props: { agentRuntimeName: "zscaler_mcp_prod", environmentVariables: env },
  };
}

function message(key: string, why: string): string {
  return (
    `Environment variable \`${key}\` in \`environmentVariables\` must not carry a credential in plain text ` +
    `(${why}): keep the credential in Secrets Manager and pass only the secret's name or ARN (for example ` +
    "`ZSCALER_SECRET_NAME`), letting the workload read it at start-up."
  );
}

const BY_NAME = "its name says it holds a credential";

describe("no-plaintext-credentials-in-env", () => {
  it("reports nothing for a runtime that carries only a reference to the secret", async () => {
    const outcome = await validateResource(plaintextCredentials, runtime(COMPLIANT));
    assert.deepStrictEqual(outcome, { violations: [], urns: [], notApplicable: false });
  });

  describe("single changes", () => {
    const cases: [string, string, unknown, string][] = [
      ["the Zscaler client secret", "ZSCALER_CLIENT_SECRET", "s3cr3t", BY_NAME],
      ["the Zscaler client id", "ZSCALER_CLIENT_ID", "abc123", BY_NAME],
      ["the Zscaler private key", "ZSCALER_PRIVATE_KEY", "key", BY_NAME],
      ["a password", "DB_PASSWORD", "hunter2", BY_NAME],
      ["a token in camel case", "githubToken", "x", BY_NAME],
      ["an API key", "PARTNER_API_KEY", "x", BY_NAME],
      ["an AWS secret access key", "AWS_SECRET_ACCESS_KEY", "x", BY_NAME],
      ["an AWS access key id by name", "AWS_ACCESS_KEY_ID", "x", BY_NAME],
      [
        "an AWS access key id by value",
        "KEY_MATERIAL",
        "AKIAABCDEFGHIJKLMNOP",
        "its value has the format of an AWS access key id",
      ],
      [
        "a PEM private key by value",
        "CERT_BUNDLE",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----",
        "its value contains a PEM private key",
      ],
      [
        "a JSON Web Token by value",
        "UPSTREAM",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "its value has the format of a JSON Web Token",
      ],
      [
        "a provider token by value",
        "HELPER",
        `ghp_${"a1B2c3D4e5".repeat(4)}`,
        "its value has the format of a provider API token",
      ],
      [
        "a generated secret by entropy",
        "ZSCALER_EXTRA",
        "q8Fz2LkP9xWm4RtY7vBn3HsJ",
        "its value is a long high-entropy string, the shape of a generated secret",
      ],
    ];
    for (const [label, key, value, why] of cases) {
      it(`reports ${label}`, async () => {
        const outcome = await validateResource(
          plaintextCredentials,
          runtime({ ...COMPLIANT, [key]: value }),
        );
        assert.deepStrictEqual(outcome.violations, [message(key, why)]);
      });
    }
  });

  describe("references and plain settings", () => {
    for (const [label, key, value] of [
      ["a secret ARN under a credential name", "ZSCALER_CLIENT_SECRET", SECRET_ARN],
      ["a secret ARN", "ZSCALER_SECRET_ARN", SECRET_ARN],
      ["the guide's SECRET_NAME", "SECRET_NAME", "zscaler/prod/credentials"],
      ["the guide's USE_SECRETS_MANAGER switch", "USE_SECRETS_MANAGER", "true"],
      ["a secret id", "ZSCALER_SECRET_ID", "zscaler/prod/credentials"],
      [
        "a long mixed secret name under a reference name",
        "ZSCALER_SECRET_NAME",
        "zscaler/bench/u12000",
      ],
      ["a UUID", "TENANT", "3fa85f64-5717-4562-b3fc-2c963f66afa6"],
      ["a long readable value", "DESCRIPTION", "zscaler-mcp-server-for-security-operations"],
      ["an empty credential-named variable", "ZSCALER_PASSWORD", ""],
    ] as const) {
      it(`accepts ${label}`, async () => {
        const outcome = await validateResource(
          plaintextCredentials,
          runtime({ ...COMPLIANT, [key]: value }),
        );
        assert.deepStrictEqual(outcome.violations, []);
      });
    }

    it("still reports a known key format under a reference name", async () => {
      const outcome = await validateResource(
        plaintextCredentials,
        runtime({ ...COMPLIANT, ZSCALER_SECRET_NAME: "AKIAABCDEFGHIJKLMNOP" }),
      );
      assert.deepStrictEqual(outcome.violations, [
        message("ZSCALER_SECRET_NAME", "its value has the format of an AWS access key id"),
      ]);
    });

    it("accepts a name the settings allow", async () => {
      const outcome = await validateResource(
        plaintextCredentials,
        runtime({ ...COMPLIANT, OAUTH_TOKEN_AUDIENCE: "mcp" }),
        { allowedNames: ["OAUTH_TOKEN_AUDIENCE"] },
      );
      assert.deepStrictEqual(outcome.violations, []);
    });
  });

  describe("resource types", () => {
    it("checks @pulumi/aws's native AgentCore runtime", async () => {
      const outcome = await validateResource(plaintextCredentials, {
        type: "aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime",
        props: { environmentVariables: { ZSCALER_CLIENT_SECRET: "s3cr3t" } },
      });
      assert.deepStrictEqual(outcome.violations, [message("ZSCALER_CLIENT_SECRET", BY_NAME)]);
    });

    it("checks a Lambda function's environment.variables", async () => {
      const outcome = await validateResource(plaintextCredentials, {
        type: "aws:lambda/function:Function",
        props: {
          environment: { variables: { ZSCALER_CLIENT_SECRET: "s3cr3t", RUNTIME_ID: "abc" } },
        },
      });
      assert.deepStrictEqual(outcome.violations, [
        message("ZSCALER_CLIENT_SECRET", BY_NAME).replace(
          "`environmentVariables`",
          "`environment.variables`",
        ),
      ]);
    });

    it("does not apply to other resources", async () => {
      const outcome = await validateResource(plaintextCredentials, {
        type: "aws:s3/bucket:Bucket",
        props: {},
      });
      assert.strictEqual(outcome.notApplicable, true);
    });
  });

  describe("unknown values", () => {
    it("treats a computed value under a reference name as a reference", async () => {
      const outcome = await validateResource(
        plaintextCredentials,
        runtime({ ...COMPLIANT, ZSCALER_SECRET_NAME: UNKNOWN }),
      );
      assert.deepStrictEqual(outcome, { violations: [], urns: [], notApplicable: false });
    });

    it("still reports a credential name whose value is computed", async () => {
      const outcome = await validateResource(
        plaintextCredentials,
        runtime({ ...COMPLIANT, ZSCALER_CLIENT_SECRET: UNKNOWN }),
      );
      assert.deepStrictEqual(outcome.violations, [message("ZSCALER_CLIENT_SECRET", BY_NAME)]);
    });

    it("says it cannot decide a computed value under any other name", async () => {
      const outcome = await validateResource(
        plaintextCredentials,
        runtime({ ...COMPLIANT, UPSTREAM_HEADER: UNKNOWN }),
      );
      assert.deepStrictEqual(outcome.violations, []);
      assert.strictEqual(
        outcome.undecided,
        "The environment variables of this resource cannot be fully checked before the update: the value of " +
          "`UPSTREAM_HEADER` is computed from other resources' outputs. The check runs again when these " +
          "values are known.",
      );
    });

    it("says it cannot decide when the whole environment is computed", async () => {
      const outcome = await validateResource(
        plaintextCredentials,
        runtime(UNKNOWN as unknown as Record<string, unknown>),
      );
      assert.strictEqual(
        outcome.undecided,
        "The environment variables of this resource cannot be fully checked before the update: " +
          "`environmentVariables` as a whole is computed from other resources' outputs. The check runs again " +
          "when these values are known.",
      );
    });
  });

  it("never echoes a value in its messages", async () => {
    const canary = "CANARY9x7Q2mZ4vL8pR3tW6yK1";
    const outcome = await validateResource(
      plaintextCredentials,
      runtime({ ZSCALER_CLIENT_SECRET: canary, ZSCALER_CLIENT_ID: canary, OTHER: canary }),
    );
    assert.strictEqual(outcome.violations.length, 3);
    for (const text of outcome.violations) {
      assert.ok(!text.includes(canary), text);
    }
  });
});
