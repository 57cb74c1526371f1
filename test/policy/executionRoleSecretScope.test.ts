import * as assert from "assert";
import { executionRoleSecretScope } from "../../policy/rules/executionRoleSecretScope";
import { Fixture, UNKNOWN, urnOf, validateStack } from "../support/policyHarness";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const SECRET = "aws:secretsmanager/secret:Secret";
const PREFIX = "arn:aws:secretsmanager:us-east-1:123456789012:secret:";
const PROD = "zscaler/prod/credentials";
const DEV = "zscaler/dev/credentials";

const TRUST = JSON.stringify({
  Statement: [
    {
      Effect: "Allow",
      Principal: { Service: "bedrock-agentcore.amazonaws.com" },
      Action: "sts:AssumeRole",
    },
  ],
});

function read(resource: unknown, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Statement: [
      {
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: resource,
        ...overrides,
      },
    ],
  });
}

function stack(resource: unknown, overrides: Record<string, unknown> = {}): Fixture[] {
  return [
    { type: SECRET, name: "credentials", props: { name: PROD } },
    { type: ROLE, name: "exec", props: { name: "zscaler-mcp-prod-exec", assumeRolePolicy: TRUST } },
    {
      type: ROLE_POLICY,
      name: "exec-secret",
      props: { role: "zscaler-mcp-prod-exec", policy: read(resource, overrides) },
    },
  ];
}

function scope(
  statement = 1,
  resource = 1,
  carrier = "RolePolicy `exec-secret`",
  path = "policy",
): string {
  return (
    `The AgentCore execution role must read only this stack's secret: statement ${statement} of \`${path}\` ` +
    `on ${carrier} lets it read resource ${resource}, which is not a secret this stack creates nor one ` +
    "listed in the policy setting `allowedSecretNames`; scope it to this stack's secret ARN (or `<name>-*`)."
  );
}

describe("execution-role-secret-scope", () => {
  for (const [label, resource] of [
    ["its own secret's full ARN", `${PREFIX}${PROD}-AbC123`],
    ["its own secret with `-*`", `${PREFIX}${PROD}-*`],
    ["its own secret with `-??????`", `${PREFIX}${PROD}-??????`],
  ] as const) {
    it(`reports nothing for a role that reads ${label}`, async () => {
      const outcome = await validateStack(executionRoleSecretScope, stack(resource));
      assert.deepStrictEqual(outcome, { violations: [], urns: [], notApplicable: false });
    });
  }

  describe("single changes", () => {
    const cases: [string, unknown, number][] = [
      ["the dev secret", `${PREFIX}${DEV}-*`, 1],
      ["the dev secret by full ARN", `${PREFIX}${DEV}-XyZ789`, 1],
      ["every secret", `${PREFIX}*`, 1],
      ["every resource", "*", 1],
      ["a prefix that also matches other secrets", `${PREFIX}zscaler/*`, 1],
      ["a name prefix without a hyphen", `${PREFIX}${PROD}*`, 1],
      ["its own secret and the dev secret", [`${PREFIX}${PROD}-*`, `${PREFIX}${DEV}-*`], 2],
    ];
    for (const [label, resource, position] of cases) {
      it(`reports a role that reads ${label}, against the carrying policy`, async () => {
        const outcome = await validateStack(executionRoleSecretScope, stack(resource));
        assert.deepStrictEqual(outcome.violations, [scope(1, position)]);
        assert.deepStrictEqual(outcome.urns, [urnOf(ROLE_POLICY, "exec-secret")]);
      });
    }

    it("reports a read granted through `secretsmanager:*`", async () => {
      const outcome = await validateStack(
        executionRoleSecretScope,
        stack(`${PREFIX}${DEV}-*`, { Action: "secretsmanager:*" }),
      );
      assert.deepStrictEqual(outcome.violations, [scope()]);
    });

    it("reports a read granted in the role's inline policy", async () => {
      const fixtures = stack(`${PREFIX}${PROD}-*`);
      (fixtures[1].props as Record<string, unknown>).inlinePolicies = [
        { name: "x", policy: read(`${PREFIX}${DEV}-*`) },
      ];
      const outcome = await validateStack(executionRoleSecretScope, fixtures);
      assert.deepStrictEqual(outcome.violations, [
        scope(1, 1, "Role `exec`", "inlinePolicies[0].policy"),
      ]);
    });

    it("reports a read granted by an attached managed policy", async () => {
      const fixtures: Fixture[] = [
        ...stack(`${PREFIX}${PROD}-*`),
        {
          type: "aws:iam/policy:Policy",
          name: "shared",
          props: {
            arn: "arn:aws:iam::123456789012:policy/shared",
            policy: read(`${PREFIX}${DEV}-*`),
          },
        },
        {
          type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
          name: "attach",
          props: {
            role: "zscaler-mcp-prod-exec",
            policyArn: "arn:aws:iam::123456789012:policy/shared",
          },
        },
      ];
      const outcome = await validateStack(executionRoleSecretScope, fixtures);
      assert.deepStrictEqual(outcome.violations, [scope(1, 1, "Policy `shared`")]);
    });
  });

  describe("what it leaves alone", () => {
    it("accepts an existing secret the settings list", async () => {
      const outcome = await validateStack(
        executionRoleSecretScope,
        stack(`${PREFIX}shared/zscaler-*`),
        {
          allowedSecretNames: ["shared/zscaler"],
        },
      );
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("ignores statements that do not read secret values", async () => {
      const outcome = await validateStack(
        executionRoleSecretScope,
        stack("*", { Action: "secretsmanager:ListSecrets" }),
      );
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("ignores roles AgentCore cannot assume", async () => {
      const fixtures = stack(`${PREFIX}${DEV}-*`);
      (fixtures[1].props as Record<string, unknown>).assumeRolePolicy = TRUST.replace(
        "bedrock-agentcore",
        "lambda",
      );
      const outcome = await validateStack(executionRoleSecretScope, fixtures);
      assert.strictEqual(outcome.notApplicable, true);
    });

    it("ignores policies attached to other roles", async () => {
      const fixtures = stack(`${PREFIX}${DEV}-*`);
      (fixtures[2].props as Record<string, unknown>).role = "deployer";
      const outcome = await validateStack(executionRoleSecretScope, fixtures);
      assert.deepStrictEqual(outcome.violations, []);
    });
  });

  describe("unknown values", () => {
    it("links a policy with a computed role through its dependencies", async () => {
      const fixtures = stack(`${PREFIX}${DEV}-*`);
      const policy = fixtures[2] as { props: Record<string, unknown> };
      fixtures[2] = {
        ...fixtures[2],
        props: { ...policy.props, role: UNKNOWN },
        dependencies: [urnOf(ROLE, "exec")],
      };
      const outcome = await validateStack(executionRoleSecretScope, fixtures);
      assert.deepStrictEqual(outcome.violations, [scope()]);
    });

    it("links a policy naming an auto-generated role through its dependencies", async () => {
      const fixtures = stack(`${PREFIX}${DEV}-*`);
      fixtures[1] = { ...fixtures[1], props: { assumeRolePolicy: TRUST } }; // no `name` among the inputs
      fixtures[2] = {
        ...fixtures[2],
        props: { role: "exec-72d54f2", policy: read(`${PREFIX}${DEV}-*`) },
        dependencies: [urnOf(ROLE, "exec")],
      };
      const outcome = await validateStack(executionRoleSecretScope, fixtures);
      assert.deepStrictEqual(outcome.violations, [scope()]);
    });

    it("says it cannot decide a computed policy document", async () => {
      const fixtures = stack(UNKNOWN);
      (fixtures[2].props as Record<string, unknown>).policy = UNKNOWN;
      const outcome = await validateStack(executionRoleSecretScope, fixtures);
      assert.strictEqual(
        outcome.undecided,
        "The secrets the AgentCore execution role can read cannot be fully checked before the update: " +
          "`policy` of `exec-secret` is computed from other resources' outputs. The check runs again when " +
          "these values are known.",
      );
    });
  });
});
