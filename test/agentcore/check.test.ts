import { strict as assert } from "node:assert";
import type * as pulumi from "@pulumi/pulumi";
import type { AgentRuntimeInputs } from "../../components/agentcore/props";
import { baseInputs, provider } from "./fixtures";

async function failures(
  change: Partial<AgentRuntimeInputs>,
): Promise<pulumi.dynamic.CheckFailure[]> {
  const result = await provider.check({} as AgentRuntimeInputs, { ...baseInputs(), ...change });
  return [...(result.failures ?? [])];
}

describe("agentRuntimeProvider.check", () => {
  it("accepts the fixture and returns its inputs unchanged", async () => {
    const inputs = baseInputs();
    assert.deepEqual(await provider.check({} as AgentRuntimeInputs, inputs), {
      inputs,
      failures: [],
    });
  });

  it("rejects a name with a hyphen", async () => {
    assert.deepEqual(await failures({ agentRuntimeName: "zscaler-mcp" }), [
      {
        property: "agentRuntimeName",
        reason:
          "`agentRuntimeName` must start with a letter and hold 1 to 48 letters, digits and underscores " +
          "(no hyphens); rename the runtime, e.g. `zscaler_mcp_dev`.",
      },
    ]);
  });

  it("rejects an image that is not an ECR URI with a tag or digest", async () => {
    for (const containerUri of [
      "docker.io/zscaler/mcp:latest",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp",
    ]) {
      assert.deepEqual(await failures({ containerUri }), [
        {
          property: "containerUri",
          reason:
            "`containerUri` must be an ECR image URI with a tag or digest, like " +
            "`123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1.2.3`; push the image to ECR and use its URI.",
        },
      ]);
    }
  });

  it("rejects a role ARN that is not an IAM role", async () => {
    const found = await failures({ roleArn: "arn:aws:iam::123456789012:user/deployer" });
    assert.deepEqual(
      found.map((f) => f.property),
      ["roleArn"],
    );
  });

  it("rejects a VPC network without subnets and a PUBLIC one with them", async () => {
    assert.deepEqual(await failures({ networkConfiguration: { networkMode: "VPC" } }), [
      {
        property: "networkConfiguration.networkModeConfig",
        reason:
          "`networkConfiguration.networkModeConfig` is required with `networkMode` `VPC`; give its `subnets` and " +
          "`securityGroups`.",
      },
    ]);
    const pub = {
      networkMode: "PUBLIC" as const,
      networkModeConfig: { subnets: ["subnet-0aaaaaaaa"], securityGroups: [] },
    };
    assert.deepEqual(
      (await failures({ networkConfiguration: pub })).map((f) => f.property),
      ["networkConfiguration.networkModeConfig"],
    );
    const badIds = {
      networkMode: "VPC" as const,
      networkModeConfig: { subnets: ["subnet-1"], securityGroups: ["sg-0123456789"] },
    };
    assert.deepEqual(await failures({ networkConfiguration: badIds }), [
      {
        property: "networkConfiguration.networkModeConfig.subnets[0]",
        reason:
          "`networkConfiguration.networkModeConfig.subnets[0]` must look like `subnet-0123456789abcdef0`; copy the " +
          "id from the VPC dashboard.",
      },
    ]);
  });

  it("rejects more than 50 env vars and a bad variable name", async () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`VAR_${i}`, "x"]));
    assert.deepEqual(
      (await failures({ environmentVariables: many })).map((f) => f.property),
      ["environmentVariables"],
    );
    assert.deepEqual(await failures({ environmentVariables: { "1BAD": "x" } }), [
      {
        property: "environmentVariables.1BAD",
        reason:
          "`environmentVariables.1BAD` is not a valid variable name: use 1 to 100 letters, digits and underscores, " +
          "not starting with a digit.",
      },
    ]);
  });

  it("rejects a long description, an authorizer URL that is not OIDC discovery, and odd lifecycle values", async () => {
    const found = await failures({
      description: "d".repeat(4097),
      authorizerConfiguration: {
        customJWTAuthorizer: { discoveryUrl: "http://idp.example.com/jwks.json" },
      },
      lifecycleConfiguration: { idleRuntimeSessionTimeout: 30, maxLifetime: 600 },
    });
    assert.deepEqual(
      found.map((f) => f.property),
      [
        "description",
        "lifecycleConfiguration.idleRuntimeSessionTimeout",
        "authorizerConfiguration.customJWTAuthorizer.discoveryUrl",
      ],
    );
  });

  it("rejects headers outside the allowed prefix, aws: tags and bad wait settings", async () => {
    const found = await failures({
      requestHeaderConfiguration: { requestHeaderAllowlist: ["X-Custom"] },
      tags: { "aws:owner": "x" },
      waitTimeoutSeconds: 0,
      minPollDelayMs: 5000,
      maxPollDelayMs: 100,
    });
    assert.deepEqual(
      found.map((f) => f.property),
      [
        "requestHeaderConfiguration.requestHeaderAllowlist[0]",
        "tags.aws:owner",
        "waitTimeoutSeconds",
        "minPollDelayMs",
      ],
    );
  });

  it("leaves values unknown during preview to be checked once they are known", async () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const found = await failures({
      roleArn: unknown,
      environmentVariables: unknown as unknown as Record<string, string>,
      networkConfiguration: {
        networkMode: "VPC",
        networkModeConfig: unknown as unknown as { subnets: []; securityGroups: [] },
      },
      agentRuntimeName: "bad-name",
    });
    assert.deepEqual(
      found.map((f) => f.property),
      ["agentRuntimeName"],
    );
  });
});
