import * as assert from "assert";
import { iamNoStarResource } from "../../policy/rules/iamStarResource";
import { UNKNOWN, validateResource } from "../support/policyHarness";

const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const DEFAULT_STAR_ACTIONS = iamNoStarResource.configSchema?.properties.actionsRequiringStar
  .default as string[];

/** The execution role's permissions as the program writes them: `*` only where AWS requires it. */
const COMPLIANT = [
  {
    Effect: "Allow",
    Action: ["ecr:BatchGetImage"],
    Resource: "arn:aws:ecr:us-east-1:123456789012:repository/zscaler-mcp",
  },
  { Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
  {
    Effect: "Allow",
    Action: [
      "xray:PutTraceSegments",
      "xray:PutTelemetryRecords",
      "xray:GetSamplingRules",
      "xray:GetSamplingTargets",
    ],
    Resource: "*",
  },
  {
    Effect: "Allow",
    Action: "cloudwatch:PutMetricData",
    Resource: "*",
    Condition: { StringEquals: { "cloudwatch:namespace": "bedrock-agentcore" } },
  },
];

function withStatement(index: number, change: Record<string, unknown>) {
  const statements = COMPLIANT.map((s, i) => (i === index ? { ...s, ...change } : s));
  return {
    type: ROLE_POLICY,
    props: { role: "exec", policy: JSON.stringify({ Statement: statements }) },
  };
}

function star(statement: number, path = "policy"): string {
  return (
    `Statement ${statement} of \`${path}\` must name its resources instead of \`*\`: it allows actions that ` +
    "support resource-level permissions on every resource in the account; list the ARNs (or move the " +
    "actions that need `*` into a statement of their own)."
  );
}

describe("iam-no-star-resource", () => {
  it("reports nothing when `*` is used only for actions that need it", async () => {
    const outcome = await validateResource(iamNoStarResource, withStatement(0, {}));
    assert.deepStrictEqual(outcome, { violations: [], urns: [], notApplicable: false });
  });

  describe("single changes", () => {
    const cases: [string, number, Record<string, unknown>, number][] = [
      ["`*` on a scoped action", 0, { Resource: "*" }, 1],
      [
        "`*` in a resource list",
        0,
        { Resource: ["arn:aws:ecr:us-east-1:123456789012:repository/x", "*"] },
        1,
      ],
      [
        "a scoped action added to a `*` statement",
        1,
        { Action: ["ecr:GetAuthorizationToken", "ecr:BatchGetImage"] },
        2,
      ],
      ["a secret read on `*`", 1, { Action: "secretsmanager:GetSecretValue" }, 2],
      ["a glob action on `*`", 2, { Action: "xray:*" }, 3],
      ["a wildcard action on `*`", 3, { Action: "*" }, 4],
      ["PassRole on `*`", 3, { Action: "iam:PassRole" }, 4],
      ["a lower-case effect", 0, { Effect: "allow", Resource: "*" }, 1],
    ];
    for (const [label, index, change, position] of cases) {
      it(`reports ${label}`, async () => {
        const outcome = await validateResource(iamNoStarResource, withStatement(index, change));
        assert.deepStrictEqual(outcome.violations, [star(position)]);
      });
    }

    it("reports NotAction on `*`", async () => {
      const outcome = await validateResource(
        iamNoStarResource,
        withStatement(1, { Action: undefined, NotAction: "iam:*" }),
      );
      assert.deepStrictEqual(outcome.violations, [star(2)]);
    });

    it("reports Allow with NotResource", async () => {
      const outcome = await validateResource(
        iamNoStarResource,
        withStatement(0, { Resource: undefined, NotResource: "arn:aws:s3:::x" }),
      );
      assert.deepStrictEqual(outcome.violations, [
        "Statement 1 of `policy` must not combine Allow with `NotResource`: it grants access to every resource " +
          "except the listed ones; list the resources instead.",
      ]);
    });

    it("checks a managed policy, a user policy and a role's inline policy", async () => {
      const policy = JSON.stringify({
        Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
      });
      for (const type of [
        "aws:iam/policy:Policy",
        "aws:iam/userPolicy:UserPolicy",
        "aws:iam/groupPolicy:GroupPolicy",
      ]) {
        const outcome = await validateResource(iamNoStarResource, { type, props: { policy } });
        assert.deepStrictEqual(outcome.violations, [star(1)], type);
      }
      const role = await validateResource(iamNoStarResource, {
        type: "aws:iam/role:Role",
        props: { inlinePolicies: [{ name: "x", policy }] },
      });
      assert.deepStrictEqual(role.violations, [star(1, "inlinePolicies[0].policy")]);
    });
  });

  describe("what it leaves alone", () => {
    it("accepts Deny statements on `*`", async () => {
      const outcome = await validateResource(
        iamNoStarResource,
        withStatement(0, { Effect: "Deny", Resource: "*" }),
      );
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("does not read resource policies, where `*` may mean the resource itself", async () => {
      const outcome = await validateResource(iamNoStarResource, {
        type: "aws:secretsmanager/secretPolicy:SecretPolicy",
        props: {
          policy: JSON.stringify({
            Statement: [
              { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" },
            ],
          }),
        },
      });
      assert.strictEqual(outcome.notApplicable, true);
    });

    it("accepts more actions on `*` when the settings list them", async () => {
      const outcome = await validateResource(
        iamNoStarResource,
        withStatement(1, { Action: "ssm:DescribeParameters" }),
        {
          actionsRequiringStar: [...DEFAULT_STAR_ACTIONS, "ssm:DescribeParameters"],
        },
      );
      assert.deepStrictEqual(outcome.violations, []);
    });
  });

  describe("tag-scoped statements", () => {
    it("accepts `*` limited by a request tag (creating tagged keys)", async () => {
      const outcome = await validateResource(
        iamNoStarResource,
        withStatement(1, {
          Action: "kms:TagResource",
          Condition: { StringEquals: { "aws:RequestTag/project": "zscaler-mcp" } },
        }),
      );
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("accepts `*` limited by a resource tag", async () => {
      const outcome = await validateResource(
        iamNoStarResource,
        withStatement(1, {
          Action: "kms:ScheduleKeyDeletion",
          Condition: { StringEquals: { "aws:ResourceTag/project": "x" } },
        }),
      );
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("still reports `*` limited only by region", async () => {
      const outcome = await validateResource(
        iamNoStarResource,
        withStatement(1, {
          Action: "kms:ScheduleKeyDeletion",
          Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
        }),
      );
      assert.deepStrictEqual(outcome.violations, [star(2)]);
    });
  });

  it("says it cannot decide computed resources", async () => {
    const outcome = await validateResource(
      iamNoStarResource,
      withStatement(0, { Resource: UNKNOWN }),
    );
    assert.deepStrictEqual(outcome.violations, []);
    assert.strictEqual(
      outcome.undecided,
      "The IAM resources of this resource cannot be fully checked before the update: the resources of " +
        "statement 1 in `policy` are unknown. The check runs again when these values are known.",
    );
  });
});
