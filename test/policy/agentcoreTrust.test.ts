import * as assert from "assert";
import { agentcoreTrustConditions } from "../../policy/rules/agentcoreTrust";
import { UNKNOWN, validateResource } from "../support/policyHarness";

const ROLE = "aws:iam/role:Role";

function trust(overrides: Record<string, unknown>, extra: Record<string, unknown>[] = []) {
  const statement = {
    Sid: "AgentCoreAssumeRole",
    Effect: "Allow",
    Principal: { Service: "bedrock-agentcore.amazonaws.com" },
    Action: "sts:AssumeRole",
    Condition: {
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: { "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:*" },
    },
    ...overrides,
  };
  return {
    type: ROLE,
    props: {
      assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [statement, ...extra] }),
    },
  };
}

function missing(keys: string, statement = 1): string {
  return (
    `Statement ${statement} of \`assumeRolePolicy\` must limit AgentCore to this account's runtimes: it trusts ` +
    `\`bedrock-agentcore.amazonaws.com\` without a condition on ${keys}; add \`StringEquals\` on ` +
    "`aws:SourceAccount` (the account id) and `ArnLike` on `aws:SourceArn` " +
    "(`arn:<partition>:bedrock-agentcore:<region>:<account>:*`)."
  );
}

describe("agentcore-trust-conditions", () => {
  it("reports nothing for a trust with both conditions", async () => {
    const outcome = await validateResource(agentcoreTrustConditions, trust({}));
    assert.deepStrictEqual(outcome, { violations: [], urns: [], notApplicable: false });
  });

  describe("single changes", () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["no condition at all", { Condition: undefined }, "`aws:SourceAccount` and `aws:SourceArn`"],
      [
        "no source ARN",
        { Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } },
        "`aws:SourceArn`",
      ],
      [
        "no source account",
        {
          Condition: {
            ArnLike: { "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:*" },
          },
        },
        "`aws:SourceAccount`",
      ],
      [
        "conditions that pass when the key is absent (IfExists)",
        {
          Condition: {
            StringEqualsIfExists: { "aws:SourceAccount": "123456789012" },
            ArnLikeIfExists: {
              "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:*",
            },
          },
        },
        "`aws:SourceAccount` and `aws:SourceArn`",
      ],
      [
        "a condition on another key",
        { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-123" } } },
        "`aws:SourceAccount` and `aws:SourceArn`",
      ],
      [
        "the principal given as a list",
        { Principal: { Service: ["bedrock-agentcore.amazonaws.com"] }, Condition: undefined },
        "`aws:SourceAccount` and `aws:SourceArn`",
      ],
      ["an empty condition block", { Condition: {} }, "`aws:SourceAccount` and `aws:SourceArn`"],
    ];
    for (const [label, change, keys] of cases) {
      it(`reports ${label}`, async () => {
        const outcome = await validateResource(agentcoreTrustConditions, trust(change));
        assert.deepStrictEqual(outcome.violations, [missing(keys)]);
      });
    }

    it("reads condition keys in any case", async () => {
      const outcome = await validateResource(
        agentcoreTrustConditions,
        trust({
          Condition: {
            StringEquals: { "AWS:SOURCEACCOUNT": "1" },
            ArnLike: { "aws:sourcearn": "arn:aws:x" },
          },
        }),
      );
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("names the statement's position", async () => {
      const extra = {
        Effect: "Allow",
        Principal: { Service: "bedrock-agentcore.amazonaws.com" },
        Action: "sts:AssumeRole",
      };
      const outcome = await validateResource(agentcoreTrustConditions, trust({}, [extra]));
      assert.deepStrictEqual(outcome.violations, [
        missing("`aws:SourceAccount` and `aws:SourceArn`", 2),
      ]);
    });

    it("reads a trust policy given as an object", async () => {
      const outcome = await validateResource(agentcoreTrustConditions, {
        type: ROLE,
        props: {
          assumeRolePolicy: {
            Statement: {
              Effect: "Allow",
              Principal: { Service: "bedrock-agentcore.amazonaws.com" },
              Action: "sts:AssumeRole",
            },
          },
        },
      });
      assert.deepStrictEqual(outcome.violations, [
        missing("`aws:SourceAccount` and `aws:SourceArn`"),
      ]);
    });

    it("requires only the keys the settings name", async () => {
      const outcome = await validateResource(
        agentcoreTrustConditions,
        trust({ Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }),
        { requiredConditionKeys: ["aws:SourceAccount"] },
      );
      assert.deepStrictEqual(outcome.violations, []);
    });
  });

  describe("what it leaves alone", () => {
    it("ignores roles trusted by other services", async () => {
      const outcome = await validateResource(
        agentcoreTrustConditions,
        trust({ Principal: { Service: "lambda.amazonaws.com" }, Condition: undefined }),
      );
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("does not apply to anything but roles", async () => {
      const outcome = await validateResource(agentcoreTrustConditions, {
        type: "aws:iam/policy:Policy",
        props: {},
      });
      assert.strictEqual(outcome.notApplicable, true);
    });
  });

  it("says it cannot decide a computed trust policy", async () => {
    const outcome = await validateResource(agentcoreTrustConditions, {
      type: ROLE,
      props: { assumeRolePolicy: UNKNOWN },
    });
    assert.strictEqual(
      outcome.undecided,
      "The trust policy of this role cannot be fully checked before the update: `assumeRolePolicy` is " +
        "computed from other resources' outputs. The check runs again when these values are known.",
    );
  });

  it("accepts computed condition values (the account id is often an output)", async () => {
    const outcome = await validateResource(
      agentcoreTrustConditions,
      trust({
        Condition: {
          StringEquals: { "aws:SourceAccount": UNKNOWN },
          ArnLike: { "aws:SourceArn": UNKNOWN },
        },
      }),
    );
    assert.deepStrictEqual(outcome, { violations: [], urns: [], notApplicable: false });
  });
});
