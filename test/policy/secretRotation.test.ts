import * as assert from "assert";
import { secretRotationEnabled } from "../../policy/rules/secretRotation";
import { Fixture, UNKNOWN, urnOf, validateStack } from "../support/policyHarness";

const SECRET = "aws:secretsmanager/secret:Secret";
const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const SECRET_URN = urnOf(SECRET, "credentials");

const NO_ROTATION =
  "The secret must rotate automatically: no `aws.secretsmanager.SecretRotation` refers to it; add one " +
  "with a rotation function and `rotationRules` (in this project: `pulumi config set " +
  "rotationLambdaArn <function ARN>`).";

function stack(
  rotation: Record<string, unknown> | undefined,
  extra: Partial<Fixture> = {},
): Fixture[] {
  const fixtures: Fixture[] = [
    { type: SECRET, name: "credentials", props: { name: "zscaler/prod/credentials" } },
  ];
  if (rotation) {
    fixtures.push({
      type: ROTATION,
      name: "rotation",
      props: {
        secretId: "zscaler/prod/credentials",
        rotationLambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:rotate",
        rotationRules: { automaticallyAfterDays: 30 },
        ...rotation,
      },
      ...extra,
    });
  }
  return fixtures;
}

describe("secret-rotation-enabled", () => {
  it("reports nothing for a secret with a rotation", async () => {
    const outcome = await validateStack(secretRotationEnabled, stack({}));
    assert.deepStrictEqual(outcome, { violations: [], urns: [], notApplicable: false });
  });

  describe("single changes", () => {
    it("reports a secret without rotation, against the secret", async () => {
      const outcome = await validateStack(secretRotationEnabled, stack(undefined));
      assert.deepStrictEqual(outcome.violations, [NO_ROTATION]);
      assert.deepStrictEqual(outcome.urns, [SECRET_URN]);
    });

    it("reports a rotation of another secret", async () => {
      const outcome = await validateStack(secretRotationEnabled, stack({ secretId: "other" }));
      assert.deepStrictEqual(outcome.violations, [NO_ROTATION]);
    });

    it("reports a rotation switched off", async () => {
      const outcome = await validateStack(secretRotationEnabled, stack({ rotationEnabled: false }));
      assert.deepStrictEqual(outcome.violations, [
        "The secret's rotation must be switched on: `rotationEnabled` is false on its SecretRotation; remove " +
          "the setting or set it to true.",
      ]);
    });

    it("reports an interval longer than the setting", async () => {
      const outcome = await validateStack(
        secretRotationEnabled,
        stack({ rotationRules: { automaticallyAfterDays: 365 } }),
      );
      assert.deepStrictEqual(outcome.violations, [
        "The secret must rotate at least every 90 days: `rotationRules.automaticallyAfterDays` is 365; lower it, " +
          "or raise the policy setting `maxRotationDays`.",
      ]);
    });

    it("applies a stricter interval from the settings", async () => {
      const outcome = await validateStack(secretRotationEnabled, stack({}), { maxRotationDays: 7 });
      assert.strictEqual(outcome.violations.length, 1);
      assert.ok(outcome.violations[0].startsWith("The secret must rotate at least every 7 days"));
    });

    it("reports each of two secrets without rotation", async () => {
      const outcome = await validateStack(secretRotationEnabled, [
        ...stack(undefined),
        { type: SECRET, name: "second", props: { name: "zscaler/prod/other" } },
      ]);
      assert.deepStrictEqual(outcome.urns, [SECRET_URN, urnOf(SECRET, "second")]);
    });
  });

  describe("links", () => {
    it("links a rotation by the secret's ARN output", async () => {
      const fixtures = stack({ secretId: "arn:aws:secretsmanager:us-east-1:1:secret:x-AbCdEf" });
      (fixtures[0].props as Record<string, unknown>).arn =
        "arn:aws:secretsmanager:us-east-1:1:secret:x-AbCdEf";
      const outcome = await validateStack(secretRotationEnabled, fixtures);
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("links a computed secretId through property dependencies", async () => {
      const outcome = await validateStack(secretRotationEnabled, [
        ...stack({ secretId: UNKNOWN }, { propertyDependencies: { secretId: [SECRET_URN] } }),
        { type: SECRET, name: "b", props: {} },
      ]);
      assert.deepStrictEqual(outcome.violations, [NO_ROTATION]);
      assert.deepStrictEqual(outcome.urns, [urnOf(SECRET, "b")]);
    });

    it("links a computed secretId through dependencies", async () => {
      const outcome = await validateStack(
        secretRotationEnabled,
        stack({ secretId: UNKNOWN }, { dependencies: [SECRET_URN] }),
      );
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("links a computed secretId to the only secret in the stack", async () => {
      const outcome = await validateStack(secretRotationEnabled, stack({ secretId: UNKNOWN }));
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("says it cannot decide which of two secrets a computed secretId names", async () => {
      const outcome = await validateStack(secretRotationEnabled, [
        ...stack({ secretId: UNKNOWN }),
        { type: SECRET, name: "second", props: { name: "zscaler/prod/other" } },
      ]);
      assert.strictEqual(
        outcome.undecided,
        "The rotation of the stack's secrets cannot be fully checked before the update: which secret a " +
          "rotation's `secretId` names is unknown. The check runs again when these values are known.",
      );
    });
  });

  it("does not apply to a stack that creates no secret", async () => {
    const outcome = await validateStack(secretRotationEnabled, [
      { type: "aws:s3/bucket:Bucket", props: {} },
    ]);
    assert.strictEqual(outcome.notApplicable, true);
  });
});
