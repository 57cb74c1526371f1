import * as assert from "assert";
import { iamNoWildcardActions } from "../../policy/rules/iamWildcardActions";
import { UNKNOWN, validateResource } from "../support/policyHarness";

const POLICY = "aws:iam/policy:Policy";

function statement(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    Effect: "Allow",
    Action: ["bedrock-agentcore:UpdateAgentRuntime", "bedrock-agentcore:GetAgentRuntime"],
    Resource:
      "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/zscaler_mcp_prod-AbCdEf1234",
    ...overrides,
  };
}

function managed(...statements: Record<string, unknown>[]) {
  return {
    type: POLICY,
    props: { policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
  };
}

function wildcard(statementNo: number, action: number, path = "policy"): string {
  return (
    `Statement ${statementNo} of \`${path}\` must not allow a wildcard action: action ${action} grants every ` +
    "action of a service (or of all services); list the actions the workload calls."
  );
}

describe("iam-no-wildcard-actions", () => {
  it("reports nothing for specific actions", async () => {
    const outcome = await validateResource(
      iamNoWildcardActions,
      managed(statement({}), statement({ Action: "logs:Describe*" })),
    );
    assert.deepStrictEqual(outcome, { violations: [], urns: [], notApplicable: false });
  });

  describe("single changes", () => {
    for (const [label, action, position] of [
      ["`*`", "*", 1],
      ["`service:*`", "bedrock-agentcore:*", 1],
      ["`iam:*`", "iam:*", 1],
      ["an upper-case service wildcard", "S3:*", 1],
      ["a wildcard second in a list", ["logs:PutLogEvents", "logs:*"], 2],
    ] as const) {
      it(`reports ${label}`, async () => {
        const outcome = await validateResource(
          iamNoWildcardActions,
          managed(statement({ Action: action })),
        );
        assert.deepStrictEqual(outcome.violations, [wildcard(1, position)]);
      });
    }

    it("reports Allow with NotAction", async () => {
      const outcome = await validateResource(
        iamNoWildcardActions,
        managed(statement({ Action: undefined, NotAction: "iam:*" })),
      );
      assert.deepStrictEqual(outcome.violations, [
        "Statement 1 of `policy` must not combine Allow with `NotAction`: it grants every action except the " +
          "listed ones, including actions added to AWS later; list the allowed actions instead.",
      ]);
    });

    it("names the statement's position", async () => {
      const outcome = await validateResource(
        iamNoWildcardActions,
        managed(statement({}), statement({ Action: "*" })),
      );
      assert.deepStrictEqual(outcome.violations, [wildcard(2, 1)]);
    });

    it("checks a role's inline policies", async () => {
      const outcome = await validateResource(iamNoWildcardActions, {
        type: "aws:iam/role:Role",
        props: {
          assumeRolePolicy: JSON.stringify({
            Statement: [
              {
                Effect: "Allow",
                Action: "sts:AssumeRole",
                Principal: { Service: "lambda.amazonaws.com" },
              },
            ],
          }),
          inlinePolicies: [
            { name: "all", policy: JSON.stringify({ Statement: [statement({ Action: "*" })] }) },
          ],
        },
      });
      assert.deepStrictEqual(outcome.violations, [wildcard(1, 1, "inlinePolicies[0].policy")]);
    });

    it("checks a bucket policy's Allow statements", async () => {
      const outcome = await validateResource(iamNoWildcardActions, {
        type: "aws:s3/bucketPolicy:BucketPolicy",
        props: {
          bucket: "b",
          policy: { Statement: [statement({ Action: "s3:*", Principal: "*" })] },
        },
      });
      assert.deepStrictEqual(outcome.violations, [wildcard(1, 1)]);
    });

    it("checks a secret's resource policy", async () => {
      const outcome = await validateResource(iamNoWildcardActions, {
        type: "aws:secretsmanager/secretPolicy:SecretPolicy",
        props: {
          policy: { Statement: statement({ Action: "secretsmanager:*", Principal: { AWS: "*" } }) },
        },
      });
      assert.deepStrictEqual(outcome.violations, [wildcard(1, 1)]);
    });
  });

  describe("what it leaves alone", () => {
    it("accepts wildcards in Deny statements", async () => {
      const outcome = await validateResource(
        iamNoWildcardActions,
        managed(statement({ Effect: "Deny", Action: "s3:*" })),
      );
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("accepts a wildcard the settings allow", async () => {
      const outcome = await validateResource(
        iamNoWildcardActions,
        managed(statement({ Action: "xray:*" })),
        {
          allowedWildcards: ["XRay:*"],
        },
      );
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("does not read KMS key policies, whose `kms:*` for the account root is AWS's default", async () => {
      const outcome = await validateResource(iamNoWildcardActions, {
        type: "aws:kms/key:Key",
        props: { policy: JSON.stringify({ Statement: [statement({ Action: "kms:*" })] }) },
      });
      assert.strictEqual(outcome.notApplicable, true);
    });
  });

  it("says it cannot decide a computed document", async () => {
    const outcome = await validateResource(iamNoWildcardActions, {
      type: POLICY,
      props: { policy: UNKNOWN },
    });
    assert.strictEqual(
      outcome.undecided,
      "The IAM actions of this resource cannot be fully checked before the update: `policy` is computed " +
        "from other resources' outputs. The check runs again when these values are known.",
    );
  });

  it("says it cannot decide a computed action and still reports the rest", async () => {
    const outcome = await validateResource(
      iamNoWildcardActions,
      managed(statement({ Action: [UNKNOWN, "*"] })),
    );
    assert.deepStrictEqual(outcome.violations, [wildcard(1, 2)]);
    assert.strictEqual(
      outcome.undecided,
      "The IAM actions of this resource cannot be fully checked before the update: action 1 of statement 1 " +
        "in `policy` is unknown. The check runs again when these values are known.",
    );
  });
});
