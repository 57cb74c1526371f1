/**
 * `secretsmanager-arn-suffix` against wildcards that a suffix does not tame: a wildcard before
 * `-*` or `-??????` (every secret ARN ends in a hyphen and six characters), and NotResource.
 */
import * as assert from "assert";
import { secretArnSuffix } from "../../policy/rules/secretArnSuffix";
import { validateResource } from "../support/policyHarness";
import { ARN, ROLE_POLICY, rolePolicy } from "./secretArnFixtures";

describe("secretsmanager-arn-suffix wildcards", () => {
  const WILDCARD_NAME =
    "Statement 1 of `policy` must not put a wildcard inside a secret's name: resource 1 has `*` or `?` " +
    "before its suffix, so it matches every secret whose name fits the pattern; name one secret by its " +
    "ARN or as `<name>-*`.";
  for (const [label, resource] of [
    [
      "a prefix wildcard before `-*`",
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:zscaler/*-*",
    ],
    [
      "a `?` inside the name before `-*`",
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:zscaler?dev-*",
    ],
    [
      "a wildcard before `-??????`",
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:zscaler/*-??????",
    ],
  ]) {
    it(`reports ${label}`, async () => {
      const outcome = await validateResource(secretArnSuffix, rolePolicy(resource));
      assert.deepStrictEqual(outcome.violations, [WILDCARD_NAME]);
    });
  }

  it("reports `*-*`, which matches every secret", async () => {
    const outcome = await validateResource(
      secretArnSuffix,
      rolePolicy("arn:aws:secretsmanager:us-east-1:123456789012:secret:*-*"),
    );
    assert.deepStrictEqual(outcome.violations, [
      "Statement 1 of `policy` must not grant secret-scoped actions on every secret: resource 1 is " +
        "`secret:*`; name this stack's secret by its ARN or with a `-*` suffix.",
    ]);
  });

  it("reports an Allow of secret actions with NotResource", async () => {
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: {
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        NotResource: `${ARN}-*`,
      },
    });
    const outcome = await validateResource(secretArnSuffix, {
      type: ROLE_POLICY,
      props: { role: "exec", policy },
    });
    assert.deepStrictEqual(outcome.violations, [
      "Statement 1 of `policy` must not allow secret-scoped actions with `NotResource`: it grants them " +
        "on every secret except the listed ones; list this stack's secret under `Resource` instead.",
    ]);
  });
});
