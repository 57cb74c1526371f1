import { strict as assert } from "node:assert";
import {
  type RuntimeSpec,
  canonicalSpec,
  changedConfigFields,
  createClientToken,
  specFromLive,
  tagsDiffer,
  toCreateRequest,
} from "../../components/agentcore/spec";

const base: RuntimeSpec = {
  agentRuntimeName: "zscaler_mcp",
  containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1.2.3",
  roleArn: "arn:aws:iam::123456789012:role/zscaler-mcp-runtime",
  networkConfiguration: {
    networkMode: "VPC",
    networkModeConfig: { subnets: ["subnet-2", "subnet-1"], securityGroups: ["sg-1"] },
  },
  environmentVariables: { B: "2", A: "1" },
};

describe("canonicalSpec", () => {
  it("treats reordered lists, empty maps and service defaults as equal", () => {
    const same: RuntimeSpec = {
      ...base,
      networkConfiguration: {
        networkMode: "VPC",
        networkModeConfig: { subnets: ["subnet-1", "subnet-2"], securityGroups: ["sg-1"] },
      },
      environmentVariables: { A: "1", B: "2" },
      protocolConfiguration: { serverProtocol: "HTTP" },
      lifecycleConfiguration: { idleRuntimeSessionTimeout: 900 },
      requestHeaderConfiguration: { requestHeaderAllowlist: [] },
      tags: {},
    };
    assert.deepEqual(changedConfigFields(base, same), []);
    assert.equal(tagsDiffer(base, same), false);
    assert.equal(JSON.stringify(canonicalSpec(base)), JSON.stringify(canonicalSpec(same)));
  });

  it("names exactly the fields that differ", () => {
    const other: RuntimeSpec = {
      ...base,
      roleArn: "arn:aws:iam::123456789012:role/other",
      environmentVariables: { A: "9", B: "2" },
    };
    assert.deepEqual(changedConfigFields(base, other), ["roleArn", "environmentVariables"]);
  });
});

describe("createClientToken", () => {
  it("is stable for a spec and ignores env var values, which may be credentials", () => {
    const token = createClientToken(base);
    assert.match(token, /^[0-9a-f]{64}$/);
    assert.equal(
      createClientToken({ ...base, environmentVariables: { A: "other", B: "values" } }),
      token,
    );
  });

  it("changes with the image or the set of env var names", () => {
    const token = createClientToken(base);
    assert.notEqual(createClientToken({ ...base, containerUri: `${base.containerUri}4` }), token);
    assert.notEqual(createClientToken({ ...base, environmentVariables: { A: "1" } }), token);
  });
});

describe("specFromLive", () => {
  it("reads a live runtime back into a spec equal to the one that created it", () => {
    const request = toCreateRequest({ ...base, tags: { team: "secops" } }, "t".repeat(64));
    const live = {
      ...request,
      agentRuntimeId: "zscaler_mcp-abc",
      agentRuntimeArn: "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/zscaler_mcp-abc",
      agentRuntimeVersion: "1",
      status: "READY" as const,
      createdAt: new Date(),
      lastUpdatedAt: new Date(),
      lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 },
    };
    const back = specFromLive(live, { team: "secops" });
    assert.deepEqual(back, canonicalSpec({ ...base, tags: { team: "secops" } }));
  });
});
