import * as assert from "node:assert/strict";
import {
  DEPLOYER_CONFIG_ENV,
  type DeployerConfig,
  DeployerConfigError,
  readDeployerConfig,
  runtimeSpecFor,
  serializeDeployerConfig,
  validateDeployerConfig,
} from "../../components/deployer/deployerConfig";

const CONFIG: DeployerConfig = {
  secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:zscaler/mcp/dev-Ab0001",
  executionRoleArn: "arn:aws:iam::123456789012:role/zscaler-mcp-dev-exec",
  region: "us-east-1",
  runtime: {
    agentRuntimeName: "zscaler_mcp_dev",
    containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1.2.3",
    networkConfiguration: { networkMode: "PUBLIC" },
    protocolConfiguration: { serverProtocol: "MCP" },
    environmentVariables: { ZSCALER_MCP_WRITE_ENABLED: "false" },
  },
  wait: { timeoutSeconds: 600, minPollDelayMs: 1000, maxPollDelayMs: 12000 },
};

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof DeployerConfigError);
    return err.message;
  }
  assert.fail("expected a DeployerConfigError");
}

describe("deployer configuration", () => {
  it("round-trips through the function environment with sorted keys", () => {
    const json = serializeDeployerConfig(CONFIG);
    assert.ok(json.startsWith('{"executionRoleArn":'));
    assert.deepEqual(readDeployerConfig({ [DEPLOYER_CONFIG_ENV]: json }), CONFIG);
  });

  it("names the missing fields", () => {
    const broken = { ...CONFIG, secretArn: "", runtime: { ...CONFIG.runtime, containerUri: "" } };
    assert.equal(
      errorOf(() => validateDeployerConfig(broken)),
      "Deployer configuration is missing `secretArn`, `runtime.containerUri`: set them on the " +
        "RuntimeDeployer component.",
    );
  });

  it("refuses credential keys among the plain environment variables", () => {
    const env = { ZSCALER_CLIENT_SECRET: "x", ZSCALER_CLOUD: "beta", OTHER: "1" };
    assert.equal(
      errorOf(() =>
        validateDeployerConfig({
          ...CONFIG,
          runtime: { ...CONFIG.runtime, environmentVariables: env },
        }),
      ),
      "`runtime.environmentVariables` sets credential keys `ZSCALER_CLIENT_SECRET`, `ZSCALER_CLOUD`, " +
        "which only the secret may supply: remove them and store the values in the secret.",
    );
  });

  it("refuses a configuration too large for Lambda's environment", () => {
    const big = { ...CONFIG, runtime: { ...CONFIG.runtime, description: "d".repeat(4000) } };
    const bytes = Buffer.byteLength(serializeDeployerConfig(big), "utf8");
    assert.equal(
      errorOf(() => validateDeployerConfig(big)),
      `Deployer configuration is ${bytes} bytes, over the 3800 allowed in the function's ` +
        "environment: shorten `runtime.description` or `runtime.environmentVariables`.",
    );
  });

  it("says how to fix a missing or hand-edited environment variable", () => {
    assert.equal(
      errorOf(() => readDeployerConfig({})),
      `Environment variable \`${DEPLOYER_CONFIG_ENV}\` is not set: deploy the function through the ` +
        "RuntimeDeployer component, which writes it.",
    );
    assert.equal(
      errorOf(() => readDeployerConfig({ [DEPLOYER_CONFIG_ENV]: "{oops" })),
      `Environment variable \`${DEPLOYER_CONFIG_ENV}\` is not valid JSON: redeploy the function ` +
        "through the RuntimeDeployer component instead of editing it by hand.",
    );
  });

  it("adds the role and lets the secret's credentials join the plain variables", () => {
    const spec = runtimeSpecFor(CONFIG, { ZSCALER_CLIENT_ID: "id", ZSCALER_CLIENT_SECRET: "s" });
    assert.equal(spec.roleArn, CONFIG.executionRoleArn);
    assert.deepEqual(spec.environmentVariables, {
      ZSCALER_MCP_WRITE_ENABLED: "false",
      ZSCALER_CLIENT_ID: "id",
      ZSCALER_CLIENT_SECRET: "s",
    });
    assert.equal(spec.agentRuntimeName, "zscaler_mcp_dev");
  });
});
