import * as assert from "assert";
import { cloudtrailRequired } from "../../policy/rules/cloudtrailRequired";
import { Fixture, UNKNOWN, urnOf, validateStack } from "../support/policyHarness";

const TRAIL = "aws:cloudtrail/trail:Trail";

const COMPLIANT_TRAIL: Record<string, unknown> = {
  name: "zscaler-mcp-prod",
  s3BucketName: "zscaler-mcp-prod-trail",
  enableLogging: true,
  isMultiRegionTrail: true,
  includeGlobalServiceEvents: true,
  enableLogFileValidation: true,
  kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
};

function stack(trail: Record<string, unknown>): Fixture[] {
  return [
    {
      type: "aws:secretsmanager/secret:Secret",
      name: "secret",
      props: { name: "zscaler/prod/credentials" },
    },
    { type: TRAIL, name: "trail", props: trail },
  ];
}

function missing(what: string, inputs: string): string {
  return (
    `The CloudTrail trail must record this account completely (${what}): set ${inputs} on the trail, ` +
    "or name an existing organization trail in the policy setting `organizationTrailArn`."
  );
}

const NO_TRAIL =
  "The stack must have a CloudTrail trail that records API activity on the credentials secret and the " +
  "runtime: add an `aws.cloudtrail.Trail` (multi-region, global service events, log file validation, " +
  "KMS-encrypted) or name an existing organization trail in the policy setting `organizationTrailArn`.";

describe("cloudtrail-required", () => {
  it("reports nothing for a complete trail", async () => {
    const outcome = await validateStack(cloudtrailRequired, stack(COMPLIANT_TRAIL));
    assert.deepStrictEqual(outcome, { violations: [], urns: [], notApplicable: false });
  });

  describe("single changes", () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ["logging switched off", { enableLogging: false }, "logging switched on", "`enableLogging`"],
      [
        "a single-region trail",
        { isMultiRegionTrail: false },
        "recording every region",
        "`isMultiRegionTrail`",
      ],
      [
        "multi-region left unset",
        { isMultiRegionTrail: undefined },
        "recording every region",
        "`isMultiRegionTrail`",
      ],
      [
        "global service events off",
        { includeGlobalServiceEvents: false },
        "recording global service events (IAM, STS)",
        "`includeGlobalServiceEvents`",
      ],
      [
        "log file validation off",
        { enableLogFileValidation: false },
        "log file validation",
        "`enableLogFileValidation`",
      ],
      [
        "log file validation unset",
        { enableLogFileValidation: undefined },
        "log file validation",
        "`enableLogFileValidation`",
      ],
      ["no KMS key", { kmsKeyId: undefined }, "log files encrypted with a KMS key", "`kmsKeyId`"],
      ["an empty KMS key", { kmsKeyId: "" }, "log files encrypted with a KMS key", "`kmsKeyId`"],
      [
        "two requirements at once",
        { isMultiRegionTrail: false, kmsKeyId: undefined },
        "recording every region, log files encrypted with a KMS key",
        "`isMultiRegionTrail`, `kmsKeyId`",
      ],
    ];
    for (const [label, change, what, inputs] of cases) {
      it(`reports ${label}`, async () => {
        const outcome = await validateStack(
          cloudtrailRequired,
          stack({ ...COMPLIANT_TRAIL, ...change }),
        );
        assert.deepStrictEqual(outcome.violations, [missing(what, inputs)]);
        assert.deepStrictEqual(outcome.urns, [urnOf(TRAIL, "trail")]);
      });
    }

    it("reports a stack without any trail, against the stack", async () => {
      const outcome = await validateStack(cloudtrailRequired, stack(COMPLIANT_TRAIL).slice(0, 1));
      assert.deepStrictEqual(outcome.violations, [NO_TRAIL]);
      assert.deepStrictEqual(outcome.urns, [undefined]);
    });
  });

  describe("settings", () => {
    it("counts a named organization trail instead of one in the stack", async () => {
      const outcome = await validateStack(cloudtrailRequired, stack(COMPLIANT_TRAIL).slice(0, 1), {
        organizationTrailArn: "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail",
      });
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("accepts an unencrypted trail when KMS is not required (dev)", async () => {
      const outcome = await validateStack(
        cloudtrailRequired,
        stack({ ...COMPLIANT_TRAIL, kmsKeyId: undefined }),
        {
          requireKmsEncryption: false,
        },
      );
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("is satisfied by one complete trail among several", async () => {
      const outcome = await validateStack(cloudtrailRequired, [
        ...stack(COMPLIANT_TRAIL),
        { type: TRAIL, name: "partial", props: { s3BucketName: "b" } },
      ]);
      assert.deepStrictEqual(outcome.violations, []);
    });
  });

  describe("unknown values", () => {
    it("treats a computed KMS key id as set", async () => {
      const outcome = await validateStack(
        cloudtrailRequired,
        stack({ ...COMPLIANT_TRAIL, kmsKeyId: UNKNOWN }),
      );
      assert.deepStrictEqual(outcome, { violations: [], urns: [], notApplicable: false });
    });

    it("says it cannot decide when a switch is computed", async () => {
      const outcome = await validateStack(
        cloudtrailRequired,
        stack({ ...COMPLIANT_TRAIL, enableLogFileValidation: UNKNOWN }),
      );
      assert.deepStrictEqual(outcome.violations, []);
      assert.strictEqual(
        outcome.undecided,
        "The stack's CloudTrail trail cannot be fully checked before the update: `enableLogFileValidation` " +
          "of trail `trail` is unknown. The check runs again when these values are known.",
      );
    });
  });
});
