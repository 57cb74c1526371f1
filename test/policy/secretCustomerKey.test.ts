import * as assert from "assert";
import { secretCustomerManagedKey } from "../../policy/rules/secretCustomerKey";
import { UNKNOWN, validateResource } from "../support/policyHarness";

const SECRET = "aws:secretsmanager/secret:Secret";
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const MESSAGE =
  "The secret must be encrypted with a customer-managed KMS key: `kmsKeyId` is empty or names the AWS " +
  "managed key `aws/secretsmanager`, whose policy anyone in the account with Secrets Manager access can " +
  "use; create an `aws.kms.Key` for the secret and set its ARN as `kmsKeyId`.";

function secret(change: Record<string, unknown>) {
  return {
    type: SECRET,
    props: { name: "zscaler/prod/credentials", kmsKeyId: KEY_ARN, ...change },
  };
}

describe("secret-customer-managed-key", () => {
  it("reports nothing for a secret encrypted with a customer key", async () => {
    const outcome = await validateResource(secretCustomerManagedKey, secret({}));
    assert.deepStrictEqual(outcome, { violations: [], urns: [], notApplicable: false });
  });

  describe("single changes", () => {
    for (const [label, kmsKeyId] of [
      ["no key", undefined],
      ["an empty key id", ""],
      ["the AWS managed key by alias", "alias/aws/secretsmanager"],
      [
        "the AWS managed key by alias ARN",
        "arn:aws:kms:us-east-1:123456789012:alias/aws/secretsmanager",
      ],
      [
        "the AWS managed key in another partition",
        "arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/aws/secretsmanager",
      ],
      ["another AWS managed alias", "alias/aws/ebs"],
      ["a non-string key id", 42],
      ["null", null],
    ] as const) {
      it(`reports ${label}`, async () => {
        const outcome = await validateResource(secretCustomerManagedKey, secret({ kmsKeyId }));
        assert.deepStrictEqual(outcome.violations, [MESSAGE]);
      });
    }
  });

  describe("accepted keys", () => {
    for (const [label, kmsKeyId] of [
      ["a key ARN", KEY_ARN],
      ["a customer alias", "alias/zscaler-mcp-prod"],
      ["a customer alias ARN", "arn:aws:kms:us-east-1:123456789012:alias/zscaler-mcp-prod"],
      ["a bare key id", "1234abcd-12ab-34cd-56ef-1234567890ab"],
    ] as const) {
      it(`accepts ${label}`, async () => {
        const outcome = await validateResource(secretCustomerManagedKey, secret({ kmsKeyId }));
        assert.deepStrictEqual(outcome.violations, []);
      });
    }
  });

  describe("unknown values", () => {
    it("counts a key id computed from this stack's key as a customer key", async () => {
      const outcome = await validateResource(
        secretCustomerManagedKey,
        secret({ kmsKeyId: UNKNOWN }),
      );
      assert.deepStrictEqual(outcome, { violations: [], urns: [], notApplicable: false });
    });

    it("waits for the value when the settings say not to trust computed ids", async () => {
      const outcome = await validateResource(
        secretCustomerManagedKey,
        secret({ kmsKeyId: UNKNOWN }),
        {
          trustComputedKeyIds: false,
        },
      );
      assert.strictEqual(
        outcome.undecided,
        "The secret's key cannot be checked before the update: `kmsKeyId` is computed from another " +
          "resource's output. The check runs again when the value is known.",
      );
    });
  });

  it("does not apply to other resources", async () => {
    const outcome = await validateResource(secretCustomerManagedKey, {
      type: "aws:kms/key:Key",
      props: {},
    });
    assert.strictEqual(outcome.notApplicable, true);
  });
});
