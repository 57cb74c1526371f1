import * as assert from "assert";
import * as policySdk from "@pulumi/policy";
import { secretArnSuffix } from "../../policy/rules/secretArnSuffix";
import { UNKNOWN, remediateResource, validateResource } from "../support/policyHarness";
import { ARN, ROLE_POLICY, document, rolePolicy } from "./secretArnFixtures";

const BARE =
  "Statement 1 of `policy` must name a Secrets Manager secret by its full ARN or with a `-*` suffix: " +
  "resource 1 is a bare secret name, which matches no secret because AWS appends a hyphen and six random " +
  "characters to every secret ARN; append `-*` (or `-??????`) or use the secret's `arn` output.";

describe("secretsmanager-arn-suffix", () => {
  describe("compliant documents", () => {
    for (const [label, resource] of [
      ["the full ARN with its random suffix", `${ARN}-AbC123`],
      ["a `-*` suffix", `${ARN}-*`],
      ["a `-??????` suffix", `${ARN}-??????`],
      ["a list of suffixed ARNs", [`${ARN}-*`, `${ARN}-x1Y2z3`]],
    ] as const) {
      it(`reports nothing for ${label}`, async () => {
        const outcome = await validateResource(secretArnSuffix, rolePolicy(resource));
        assert.deepStrictEqual(outcome, { violations: [], urns: [], notApplicable: false });
      });
    }

    it("accepts `*` for actions without resource-level permissions", async () => {
      const props = {
        policy: {
          Statement: { Effect: "Allow", Action: "secretsmanager:ListSecrets", Resource: "*" },
        },
      };
      const outcome = await validateResource(secretArnSuffix, { type: ROLE_POLICY, props });
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("accepts `*` in a secret's own resource policy, where it means that secret", async () => {
      const policy = JSON.stringify({
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::123456789012:role/x" },
            Action: "secretsmanager:GetSecretValue",
            Resource: "*",
          },
        ],
      });
      const outcome = await validateResource(secretArnSuffix, {
        type: "aws:secretsmanager/secretPolicy:SecretPolicy",
        props: { secretArn: `${ARN}-AbC123`, policy },
      });
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("ignores resources of other services in the same statement", async () => {
      const outcome = await validateResource(
        secretArnSuffix,
        rolePolicy([
          `${ARN}-*`,
          "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ]),
      );
      assert.deepStrictEqual(outcome.violations, []);
    });
  });

  describe("single changes", () => {
    it("reports a bare secret name", async () => {
      const outcome = await validateResource(secretArnSuffix, rolePolicy(ARN));
      assert.deepStrictEqual(outcome.violations, [BARE]);
    });

    it("reports a name ending in `*` without a hyphen", async () => {
      const outcome = await validateResource(secretArnSuffix, rolePolicy(`${ARN}*`));
      assert.deepStrictEqual(outcome.violations, [
        "Statement 1 of `policy` must not match secrets by a bare prefix: resource 1 ends in `*` without a " +
          "hyphen, so it also grants access to every other secret whose name starts the same way; end the " +
          "name with `-*` or `-??????`.",
      ]);
    });

    for (const length of [5, 7]) {
      it(`reports a \`?\` suffix of ${length} characters`, async () => {
        const outcome = await validateResource(
          secretArnSuffix,
          rolePolicy(`${ARN}-${"?".repeat(length)}`),
        );
        assert.deepStrictEqual(outcome.violations, [
          "Statement 1 of `policy` must end a secret name with exactly six `?`: resource 1 ends in a hyphen " +
            `and ${length} \`?\`, which matches no secret ARN; use \`-??????\` or \`-*\`.`,
        ]);
      });
    }

    it("reports `secret:*` on actions that support resource-level permissions", async () => {
      const outcome = await validateResource(
        secretArnSuffix,
        rolePolicy("arn:aws:secretsmanager:us-east-1:123456789012:secret:*"),
      );
      assert.deepStrictEqual(outcome.violations, [
        "Statement 1 of `policy` must not grant secret-scoped actions on every secret: resource 1 is " +
          "`secret:*`; name this stack's secret by its ARN or with a `-*` suffix.",
      ]);
    });

    it("reports `*` on GetSecretValue in an identity policy", async () => {
      const outcome = await validateResource(secretArnSuffix, rolePolicy("*"));
      assert.deepStrictEqual(outcome.violations, [
        "Statement 1 of `policy` must not grant secret-scoped actions on `*`: resource 1 covers every " +
          "secret in the account; name this stack's secret by its ARN or with a `-*` suffix.",
      ]);
    });

    it("reports `-*` when the setting requires the exact suffix", async () => {
      const outcome = await validateResource(secretArnSuffix, rolePolicy(`${ARN}-*`), {
        requireExactSuffix: true,
      });
      assert.deepStrictEqual(outcome.violations, [
        "Statement 1 of `policy` must name the secret by its full ARN or with `-??????`: resource 1 ends in " +
          "`-*`, which also matches longer secret names with the same prefix (policy setting `requireExactSuffix`).",
      ]);
    });

    it("reads actions in any case", async () => {
      const outcome = await validateResource(
        secretArnSuffix,
        rolePolicy(ARN, { Action: "SECRETSMANAGER:getsecretvalue" }),
      );
      assert.deepStrictEqual(outcome.violations, [BARE]);
    });

    it("reads `secretsmanager:*` and `*` as secret actions", async () => {
      for (const action of ["secretsmanager:*", "*", "secretsmanager:Get*"]) {
        const outcome = await validateResource(
          secretArnSuffix,
          rolePolicy(ARN, { Action: action }),
        );
        assert.deepStrictEqual(outcome.violations, [BARE], action);
      }
    });

    it("reads a statement given as one object rather than a list", async () => {
      const policy = JSON.stringify({
        Statement: { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: ARN },
      });
      const outcome = await validateResource(secretArnSuffix, {
        type: ROLE_POLICY,
        props: { policy },
      });
      assert.deepStrictEqual(outcome.violations, [BARE]);
    });

    it("reads a document given as an object with lower-case keys", async () => {
      const policy = {
        statement: [{ effect: "Allow", action: "secretsmanager:GetSecretValue", resource: ARN }],
      };
      const outcome = await validateResource(secretArnSuffix, {
        type: ROLE_POLICY,
        props: { policy },
      });
      assert.deepStrictEqual(outcome.violations, [BARE]);
    });

    it("names the resource's position in a list", async () => {
      const outcome = await validateResource(secretArnSuffix, rolePolicy([`${ARN}-*`, ARN]));
      assert.deepStrictEqual(outcome.violations, [BARE.replace("resource 1", "resource 2")]);
    });

    it("reports a bare name in a Deny, which then denies nothing", async () => {
      const outcome = await validateResource(secretArnSuffix, rolePolicy(ARN, { Effect: "Deny" }));
      assert.deepStrictEqual(outcome.violations, [BARE]);
    });

    it("accepts a prefix wildcard in a Deny, which only denies more", async () => {
      const outcome = await validateResource(
        secretArnSuffix,
        rolePolicy(`${ARN}*`, { Effect: "Deny" }),
      );
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("does not report an action that cannot be scoped on a bare name", async () => {
      const outcome = await validateResource(
        secretArnSuffix,
        rolePolicy(ARN, { Action: "secretsmanager:ListSecrets" }),
      );
      assert.deepStrictEqual(outcome.violations, []);
    });
  });

  describe("document carriers", () => {
    const policy = JSON.stringify(document(ARN));
    for (const type of [
      "aws:iam/policy:Policy",
      "aws:iam/userPolicy:UserPolicy",
      "aws:iam/groupPolicy:GroupPolicy",
      "aws:secretsmanager/secretPolicy:SecretPolicy",
      "aws:secretsmanager/secret:Secret",
    ]) {
      it(`checks \`policy\` of ${type}`, async () => {
        const outcome = await validateResource(secretArnSuffix, { type, props: { policy } });
        assert.deepStrictEqual(outcome.violations, [BARE]);
      });
    }

    it("checks a role's inline policies and names the path", async () => {
      const outcome = await validateResource(secretArnSuffix, {
        type: "aws:iam/role:Role",
        props: {
          assumeRolePolicy: "{}",
          inlinePolicies: [
            { name: "ok", policy: JSON.stringify(document(`${ARN}-*`)) },
            { name: "bad", policy },
          ],
        },
      });
      assert.deepStrictEqual(outcome.violations, [
        BARE.replace("`policy`", "`inlinePolicies[1].policy`"),
      ]);
    });

    it("does not apply to resources without policy documents", async () => {
      const outcome = await validateResource(secretArnSuffix, {
        type: "aws:s3/bucket:Bucket",
        props: {},
      });
      assert.strictEqual(outcome.notApplicable, true);
    });
  });

  describe("unknown values", () => {
    it("says it cannot decide when the whole document is computed", async () => {
      const outcome = await validateResource(secretArnSuffix, {
        type: ROLE_POLICY,
        props: { policy: UNKNOWN },
      });
      assert.deepStrictEqual(outcome.violations, []);
      assert.strictEqual(
        outcome.undecided,
        "The secret references of this resource cannot be fully checked before the update: `policy` is " +
          "computed from other resources' outputs. The check runs again when these values are known.",
      );
    });

    it("reports what it can decide and names what it cannot", async () => {
      const policy = {
        Statement: [
          { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: [UNKNOWN, ARN] },
        ],
      };
      const outcome = await validateResource(secretArnSuffix, {
        type: ROLE_POLICY,
        props: { policy },
      });
      assert.deepStrictEqual(outcome.violations, [BARE.replace("resource 1", "resource 2")]);
      assert.strictEqual(
        outcome.undecided,
        "The secret references of this resource cannot be fully checked before the update: resource 1 of " +
          "statement 1 in `policy` is unknown. The check runs again when these values are known.",
      );
    });
  });

  describe("remediation", () => {
    it("rewrites a bare name to the `-*` form and keeps a JSON string a string", async () => {
      const result = await remediateResource(secretArnSuffix, rolePolicy(ARN));
      assert.ok(result);
      assert.deepStrictEqual(JSON.parse(result.policy as string), document(`${ARN}-*`));
      assert.strictEqual(result.role, "exec");
    });

    it("keeps an object document an object and rewrites only the bare entries", async () => {
      const policy = document([ARN, `${ARN}*`]);
      const result = await remediateResource(secretArnSuffix, {
        type: ROLE_POLICY,
        props: { policy },
      });
      assert.deepStrictEqual(result?.policy, document([`${ARN}-*`, `${ARN}*`]));
      assert.deepStrictEqual(policy, document([ARN, `${ARN}*`]), "the input is not mutated");
    });

    it("rewrites inside a role's inline policy", async () => {
      const result = await remediateResource(secretArnSuffix, {
        type: "aws:iam/role:Role",
        props: { inlinePolicies: [{ name: "read", policy: JSON.stringify(document(ARN)) }] },
      });
      const inline = result?.inlinePolicies as { name: string; policy: string }[];
      assert.deepStrictEqual(JSON.parse(inline[0].policy), document(`${ARN}-*`));
      assert.strictEqual(inline[0].name, "read");
    });

    it("keeps a secret document secret", async () => {
      const secret = new policySdk.Secret(JSON.stringify(document(ARN)));
      const result = await remediateResource(secretArnSuffix, {
        type: ROLE_POLICY,
        props: { policy: secret },
      });
      assert.ok(result?.policy instanceof policySdk.Secret);
      assert.deepStrictEqual(
        JSON.parse((result.policy as policySdk.Secret).value),
        document(`${ARN}-*`),
      );
    });

    it("returns nothing when there is nothing to rewrite", async () => {
      assert.strictEqual(
        await remediateResource(secretArnSuffix, rolePolicy(`${ARN}-*`)),
        undefined,
      );
      assert.strictEqual(
        await remediateResource(secretArnSuffix, rolePolicy(`${ARN}*`)),
        undefined,
      );
    });
  });

  it("never echoes a value in its messages", async () => {
    const canary = "CANARY_7f3a9c";
    const outcome = await validateResource(
      secretArnSuffix,
      rolePolicy([`${ARN}${canary}`, `${ARN}/${canary}*`]),
    );
    assert.strictEqual(outcome.violations.length, 2);
    for (const message of outcome.violations) {
      assert.ok(!message.includes(canary), message);
      assert.ok(!message.includes("zscaler/dev"), message);
    }
  });
});
