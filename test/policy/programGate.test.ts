import * as assert from "assert";
import { GateResult, formatGate, loadPolicyConfig, runGate } from "../../tools/gate";
import { runStack } from "../support/programHarness";

/** One line per finding: level, policy, resource (and for env findings, the variable). */
function findings(result: GateResult): string[] {
  return result.violations.map((v) => {
    const key = /Environment variable `([^`]+)`/.exec(v.message)?.[1];
    return `${v.enforcementLevel} ${v.policyName} ${v.resourceName ?? "(stack)"}${key ? ` ${key}` : ""}`;
  });
}

const DEV_DEFAULTS = [
  "advisory secret-customer-managed-key zscaler-mcp-dev-credentials-secret",
  "advisory secret-rotation-enabled zscaler-mcp-dev-credentials-secret",
];

const EXPECTED: Record<string, { mandatory: number; findings: string[] }> = {
  "dev predeploy": {
    mandatory: 0,
    findings: [
      DEV_DEFAULTS[0],
      "advisory no-plaintext-credentials-in-env zscaler-mcp-dev-mcp-runtime ZSCALER_CLIENT_ID",
      "advisory no-plaintext-credentials-in-env zscaler-mcp-dev-mcp-runtime ZSCALER_CLIENT_SECRET",
      DEV_DEFAULTS[1],
    ],
  },
  "dev runtime": { mandatory: 0, findings: DEV_DEFAULTS },
  "dev lambda": { mandatory: 0, findings: DEV_DEFAULTS },
  "prod predeploy": {
    mandatory: 2,
    findings: [
      "mandatory no-plaintext-credentials-in-env zscaler-mcp-prod-mcp-runtime ZSCALER_CLIENT_ID",
      "mandatory no-plaintext-credentials-in-env zscaler-mcp-prod-mcp-runtime ZSCALER_CLIENT_SECRET",
      "advisory secret-rotation-enabled zscaler-mcp-prod-credentials-secret",
    ],
  },
  "prod runtime": {
    mandatory: 0,
    findings: ["advisory secret-rotation-enabled zscaler-mcp-prod-credentials-secret"],
  },
  "prod lambda": {
    mandatory: 0,
    findings: ["advisory secret-rotation-enabled zscaler-mcp-prod-credentials-secret"],
  },
};

describe("policy gate over the program", function () {
  this.timeout(120_000);

  for (const stack of ["dev", "prod"]) {
    for (const mode of ["predeploy", "runtime", "lambda"]) {
      const expected = EXPECTED[`${stack} ${mode}`];
      const verdict = expected.mandatory > 0 ? "fails" : "passes";
      for (const preview of [false, true]) {
        it(`${verdict} stack ${stack} in ${mode} mode${preview ? " at preview" : ""}`, async () => {
          const run = await runStack({
            stack,
            preview,
            config: { "zscaler-mcp:credentialMode": mode },
          });
          const result = await runGate(run.resources, stack);
          assert.deepStrictEqual(findings(result), expected.findings);
          assert.strictEqual(result.mandatory, expected.mandatory);
        });
      }
    }
  }

  it("passes the committed stack files as they are", async () => {
    for (const stack of ["dev", "prod"]) {
      const run = await runStack({ stack });
      assert.strictEqual((await runGate(run.resources, stack)).mandatory, 0, stack);
    }
  });

  describe("prod adopting an existing secret", () => {
    const ADOPTED = "zscaler/mcp/credentials/shared";
    const adopt = {
      "zscaler-mcp:createSecret": "false",
      "zscaler-mcp:secretArn": `arn:aws:secretsmanager:us-east-1:123456789012:secret:${ADOPTED}-AbC123`,
      "zscaler-mcp:zscalerClientId": undefined,
      "zscaler-mcp:zscalerClientSecret": undefined,
      "zscaler-mcp:secretKmsKey": undefined,
      "zscaler-mcp:secretAdministrators": undefined,
    };

    it("fails until the policy config names the adopted secret", async () => {
      const run = await runStack({ stack: "prod", config: adopt });
      const result = await runGate(run.resources, "prod");
      assert.deepStrictEqual(findings(result), [
        "mandatory execution-role-secret-scope zscaler-mcp-prod-execution-secret-read",
      ]);
    });

    it("passes once `allowedSecretNames` lists it", async () => {
      const run = await runStack({ stack: "prod", config: adopt });
      const config = loadPolicyConfig("prod");
      const result = await runGate(run.resources, "prod", {
        ...config,
        "execution-role-secret-scope": {
          enforcementLevel: "mandatory",
          allowedSecretNames: [ADOPTED],
        },
      });
      assert.deepStrictEqual(findings(result), []);
    });
  });

  it("never prints the stack's credentials, even when they sit in the runtime's environment", async () => {
    const canaryId = "CANARY-id-5b8e1f";
    const canarySecret = "CANARYq8Fz2LkP9xWm4RtY7vBn3HsJ";
    const secretString = JSON.stringify({
      ZSCALER_CLIENT_ID: canaryId,
      ZSCALER_CLIENT_SECRET: canarySecret,
      ZSCALER_VANITY_DOMAIN: "example",
      ZSCALER_CUSTOMER_ID: "0000000000",
      ZSCALER_CLOUD: "production",
    });
    const run = await runStack({
      stack: "prod",
      config: { "zscaler-mcp:credentialMode": "predeploy" },
      account: { secretString },
    });
    const runtime = run.resources.find(
      (r) => r.type === "pulumi-nodejs:dynamic/agentcore:AgentRuntime",
    );
    assert.ok(JSON.stringify(runtime?.props).includes(canarySecret), "the canary reaches the gate");
    const result = await runGate(run.resources, "prod");
    assert.strictEqual(result.mandatory, 2);
    const text = JSON.stringify(result) + formatGate(result);
    for (const value of [canaryId, canarySecret]) {
      assert.ok(!text.includes(value), value);
    }
  });
});
