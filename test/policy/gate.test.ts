import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { policies } from "../../policy/policies";
import { CapturedResource, UNKNOWN } from "../../tools/capturedResource";
import { GateResult, formatGate, loadPolicyConfig, runGate } from "../../tools/gate";
import {
  effectiveLevel,
  effectiveSettings,
  readPolicyConfig,
  validatePolicyConfig,
} from "../../tools/gate/config";

const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:zscaler/prod/credentials";

function resource(
  type: string,
  name: string,
  props: Record<string, unknown>,
  extra: Partial<CapturedResource> = {},
): CapturedResource {
  return {
    type,
    name,
    urn: `urn:pulumi:prod::zscaler-mcp::${type}::${name}`,
    custom: true,
    props,
    secretProps: [],
    dependencies: [],
    ...extra,
  };
}

/** A small stack that passes every rule except rotation (advisory everywhere). */
function compliantStack(): CapturedResource[] {
  const trust = JSON.stringify({
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "bedrock-agentcore.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": "123456789012" },
          ArnLike: { "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:*" },
        },
      },
    ],
  });
  return [
    resource("aws:secretsmanager/secret:Secret", "secret", {
      name: "zscaler/prod/credentials",
      kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k",
    }),
    resource("aws:iam/role:Role", "exec", { name: "exec", assumeRolePolicy: trust }),
    resource("aws:iam/rolePolicy:RolePolicy", "exec-read", {
      role: "exec",
      policy: JSON.stringify({
        Statement: [
          {
            Effect: "Allow",
            Action: "secretsmanager:GetSecretValue",
            Resource: `${SECRET_ARN}-AbC123`,
          },
        ],
      }),
    }),
    resource("aws:cloudtrail/trail:Trail", "trail", {
      s3BucketName: "logs",
      isMultiRegionTrail: true,
      enableLogFileValidation: true,
      kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/t",
    }),
    resource("aws:s3/bucket:Bucket", "logs", { bucket: "logs" }),
    resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "logs-block", {
      bucket: "logs",
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }),
    resource("aws:s3/bucketPolicy:BucketPolicy", "logs-policy", {
      bucket: "logs",
      policy: JSON.stringify({
        Statement: [
          {
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: "arn:aws:s3:::logs/*",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    }),
    resource("pulumi-nodejs:dynamic/agentcore:AgentRuntime", "runtime", {
      agentRuntimeName: "zscalermcp_prod",
      environmentVariables: {
        ZSCALER_SECRET_NAME: "zscaler/prod/credentials",
        AWS_REGION: "us-east-1",
      },
      __provider: UNKNOWN,
    }),
  ];
}

function summary(result: GateResult): string[] {
  return result.violations.map(
    (v) => `${v.enforcementLevel} ${v.policyName} ${v.resourceName ?? "(stack)"}`,
  );
}

describe("policy gate", () => {
  describe("policy config files", () => {
    it("loads the committed dev and prod configs", () => {
      for (const stack of ["dev", "prod"]) {
        const config = loadPolicyConfig(stack);
        assert.strictEqual(typeof config, "object");
      }
    });

    it("is advisory everywhere in dev and mandatory in prod except rotation", () => {
      const dev = loadPolicyConfig("dev");
      const prod = loadPolicyConfig("prod");
      assert.deepStrictEqual(
        policies.map((p) => `${p.name}=${effectiveLevel(p, dev)}/${effectiveLevel(p, prod)}`),
        [
          "secretsmanager-arn-suffix=advisory/mandatory",
          "no-plaintext-credentials-in-env=advisory/mandatory",
          "cloudtrail-required=advisory/mandatory",
          "iam-no-wildcard-actions=advisory/mandatory",
          "iam-no-star-resource=advisory/mandatory",
          "agentcore-trust-conditions=advisory/mandatory",
          "secret-customer-managed-key=advisory/mandatory",
          "secret-rotation-enabled=advisory/advisory",
          "trail-bucket-protected=advisory/mandatory",
          "execution-role-secret-scope=advisory/mandatory",
        ],
      );
    });

    it("names the missing file", () => {
      assert.throws(() => loadPolicyConfig("staging"), {
        message:
          "Policy config `policy/config/staging.json` for stack `staging` could not be read; create it in " +
          "`--policy-pack-config` format (see policy/config/dev.json).",
      });
    });

    it("names an unknown policy", () => {
      assert.throws(
        () => validatePolicyConfig({ "no-such-rule": "advisory" }, "x.json", policies),
        (error: Error) =>
          error.message.startsWith(
            "Policy config `x.json` names `no-such-rule`, which is not a policy of the pack; " +
              "use `all` or one of: secretsmanager-arn-suffix,",
          ),
      );
    });

    it("names an invalid enforcement level", () => {
      assert.throws(() => validatePolicyConfig({ all: "strict" }, "x.json", policies), {
        message:
          "Policy config `x.json` sets `all` to an invalid value; use one of advisory, mandatory, remediate, " +
          "disabled, or an object with `enforcementLevel` and the policy's settings.",
      });
    });

    it("names a setting the policy does not define", () => {
      assert.throws(
        () =>
          validatePolicyConfig(
            { "cloudtrail-required": { kmsRequired: true } },
            "x.json",
            policies,
          ),
        {
          message:
            "Policy config `x.json` sets `cloudtrail-required.kmsRequired`, which the policy does not define; " +
            "remove it or use one of: organizationTrailArn, requireKmsEncryption.",
        },
      );
    });

    it("names a file that is not JSON", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gate-"));
      fs.writeFileSync(path.join(dir, "broken.json"), "{");
      assert.throws(
        () => readPolicyConfig("broken", policies, dir),
        (error: Error) =>
          /^Policy config `.*broken\.json` is not valid JSON \(.+\); fix the syntax\.$/.test(
            error.message,
          ),
      );
    });

    it("names a file that is not an object", () => {
      assert.throws(() => validatePolicyConfig(["advisory"], "x.json", policies), {
        message:
          "Policy config `x.json` must be a JSON object mapping `all` and policy names to settings.",
      });
    });

    it("lets a policy's own entry win over `all`, and `all` over the default", () => {
      const [arn] = policies;
      assert.strictEqual(effectiveLevel(arn, {}), "advisory");
      assert.strictEqual(effectiveLevel(arn, { all: "mandatory" }), "mandatory");
      assert.strictEqual(
        effectiveLevel(arn, { all: { enforcementLevel: "mandatory" }, [arn.name]: "remediate" }),
        "remediate",
      );
      assert.strictEqual(
        effectiveLevel(arn, { all: "disabled", [arn.name]: { requireExactSuffix: true } }),
        "disabled",
      );
    });

    it("merges schema defaults under the file's settings", () => {
      const trail = policies.find((p) => p.name === "cloudtrail-required")!;
      assert.deepStrictEqual(
        effectiveSettings(trail, {
          "cloudtrail-required": { enforcementLevel: "advisory", requireKmsEncryption: false },
        }),
        {
          organizationTrailArn: "",
          requireKmsEncryption: false,
        },
      );
    });
  });

  describe("runGate", () => {
    it("passes a compliant stack with only the rotation advisory", async () => {
      const result = await runGate(compliantStack(), "prod");
      assert.deepStrictEqual(summary(result), ["advisory secret-rotation-enabled secret"]);
      assert.deepStrictEqual([result.mandatory, result.advisory, result.remediated], [0, 1, 0]);
    });

    it("fails prod on credentials in the runtime's environment", async () => {
      const stack = compliantStack();
      const runtime = stack[7];
      stack[7] = {
        ...runtime,
        props: { ...runtime.props, environmentVariables: { ZSCALER_CLIENT_SECRET: "x" } },
      };
      const result = await runGate(stack, "prod");
      assert.deepStrictEqual(summary(result), [
        "mandatory no-plaintext-credentials-in-env runtime",
        "advisory secret-rotation-enabled secret",
      ]);
      assert.strictEqual(
        result.violations[0].message,
        "Checks that environment variables of AgentCore runtimes and Lambda functions carry no credentials in " +
          "plain text, only references to a secret.\nEnvironment variable `ZSCALER_CLIENT_SECRET` in " +
          "`environmentVariables` must not carry a credential in plain text (its name says it holds a credential): " +
          "keep the credential in Secrets Manager and pass only the secret's name or ARN (for example " +
          "`ZSCALER_SECRET_NAME`), letting the workload read it at start-up.",
      );
      assert.deepStrictEqual(
        { urn: result.violations[0].urn, type: result.violations[0].resourceType },
        { urn: stack[7].urn, type: "pulumi-nodejs:dynamic/agentcore:AgentRuntime" },
      );
    });

    it("only advises in dev on the same stack", async () => {
      const stack = compliantStack();
      stack[7] = { ...stack[7], props: { environmentVariables: { ZSCALER_CLIENT_SECRET: "x" } } };
      const result = await runGate(stack, "dev");
      assert.deepStrictEqual([result.mandatory, result.advisory], [0, 2]);
    });

    it("remediates a bare secret name first, then validates the rewritten document", async () => {
      const stack = compliantStack();
      stack[2] = {
        ...stack[2],
        props: {
          role: "exec",
          policy: JSON.stringify({
            Statement: [
              { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SECRET_ARN },
            ],
          }),
        },
      };
      const config = {
        ...loadPolicyConfig("prod"),
        "secretsmanager-arn-suffix": "remediate" as const,
      };
      const result = await runGate(stack, "prod", config);
      assert.deepStrictEqual(summary(result), [
        "remediate secretsmanager-arn-suffix exec-read",
        "advisory secret-rotation-enabled secret",
      ]);
      assert.strictEqual(result.remediated, 1);
    });

    it("reports a bare secret name as mandatory in prod, with the stack rule agreeing it reads nothing", async () => {
      const stack = compliantStack();
      stack[2] = {
        ...stack[2],
        props: {
          role: "exec",
          policy: JSON.stringify({
            Statement: [
              { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SECRET_ARN },
            ],
          }),
        },
      };
      const result = await runGate(stack, "prod");
      assert.deepStrictEqual(summary(result), [
        "mandatory secretsmanager-arn-suffix exec-read",
        "advisory secret-rotation-enabled secret",
      ]);
    });

    it("turns a rule's cannot-decide note into an advisory in the engine's words", async () => {
      const stack = compliantStack();
      stack[2] = { ...stack[2], props: { role: "exec", policy: UNKNOWN } };
      const result = await runGate(stack, "prod");
      const notes = result.violations.filter((v) => v.message.startsWith("can't run"));
      assert.deepStrictEqual(
        notes.map((v) => `${v.enforcementLevel} ${v.policyName}`),
        [
          "advisory secretsmanager-arn-suffix",
          "advisory iam-no-wildcard-actions",
          "advisory iam-no-star-resource",
          "advisory execution-role-secret-scope",
        ],
      );
      assert.strictEqual(
        notes[0].message,
        "can't run policy 'secretsmanager-arn-suffix' from policy pack 'zscaler-mcp-guardrails@v0.1.0' during " +
          "preview: The secret references of this resource cannot be fully checked before the update: `policy` " +
          "is computed from other resources' outputs. The check runs again when these values are known.",
      );
      assert.strictEqual(result.mandatory, 0);
    });

    it("skips disabled policies", async () => {
      const stack = compliantStack();
      stack[7] = { ...stack[7], props: { environmentVariables: { ZSCALER_CLIENT_SECRET: "x" } } };
      const result = await runGate(stack, "prod", {
        ...loadPolicyConfig("prod"),
        "no-plaintext-credentials-in-env": "disabled",
      });
      assert.strictEqual(result.mandatory, 0);
    });
  });

  describe("formatGate", () => {
    it("prints the pack, each violation with level, policy and resource, then a summary", async () => {
      const stack = compliantStack();
      stack[7] = { ...stack[7], props: { environmentVariables: { ZSCALER_CLIENT_SECRET: "x" } } };
      const text = formatGate(await runGate(stack, "prod"));
      assert.strictEqual(
        text,
        [
          "Policies (stack prod):",
          "    FAILED  zscaler-mcp-guardrails@v0.1.0 (local: policy)",
          "        - [mandatory]  no-plaintext-credentials-in-env  " +
            "(pulumi-nodejs:dynamic/agentcore:AgentRuntime: runtime)",
          "          Checks that environment variables of AgentCore runtimes and Lambda functions carry no " +
            "credentials in plain text, only references to a secret.",
          "          Environment variable `ZSCALER_CLIENT_SECRET` in `environmentVariables` must not carry a " +
            "credential in plain text (its name says it holds a credential): keep the credential in Secrets " +
            "Manager and pass only the secret's name or ARN (for example `ZSCALER_SECRET_NAME`), letting the " +
            "workload read it at start-up.",
          "        - [advisory]   secret-rotation-enabled  (aws:secretsmanager/secret:Secret: secret)",
          "          Checks that every Secrets Manager secret the stack creates has automatic rotation.",
          "          The secret must rotate automatically: no `aws.secretsmanager.SecretRotation` refers to it; " +
            "add one with a rotation function and `rotationRules` (in this project: `pulumi config " +
            "set rotationLambdaArn <function ARN>`).",
          "Policy gate prod: FAILED - 1 mandatory, 1 advisory, 0 remediated.",
        ].join("\n"),
      );
    });

    it("never prints a secret value", async () => {
      const canary = "CANARYq8Fz2LkP9xWm4RtY7vBn3HsJ";
      const stack = compliantStack();
      stack[7] = {
        ...stack[7],
        props: {
          environmentVariables: {
            ZSCALER_CLIENT_SECRET: canary,
            ZSCALER_CLIENT_ID: canary,
            EXTRA: canary,
          },
        },
        secretProps: ["environmentVariables"],
      };
      const text = formatGate(await runGate(stack, "prod"));
      assert.ok(text.includes("`EXTRA`"));
      assert.ok(!text.includes(canary));
    });
  });
});
