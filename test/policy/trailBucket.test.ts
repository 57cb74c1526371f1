import * as assert from "assert";
import { trailBucketProtected } from "../../policy/rules/trailBucket";
import { Fixture, UNKNOWN, urnOf, validateStack } from "../support/policyHarness";

const BUCKET = "aws:s3/bucket:Bucket";
const BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const TRAIL = "aws:cloudtrail/trail:Trail";
const NAME = "zscaler-mcp-prod-trail";
const BUCKET_URN = urnOf(BUCKET, "logs");

const TLS_DENY = {
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [`arn:aws:s3:::${NAME}`, `arn:aws:s3:::${NAME}/*`],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};

const WRITE = {
  Effect: "Allow",
  Principal: { Service: "cloudtrail.amazonaws.com" },
  Action: "s3:PutObject",
  Resource: `arn:aws:s3:::${NAME}/AWSLogs/123456789012/*`,
};

interface Changes {
  readonly trail?: Record<string, unknown>;
  readonly block?: Record<string, unknown> | null;
  readonly policy?: unknown;
  readonly bucket?: Record<string, unknown>;
}

function stack(changes: Changes = {}): Fixture[] {
  const fixtures: Fixture[] = [
    { type: BUCKET, name: "logs", props: { bucket: NAME, ...changes.bucket } },
    {
      type: TRAIL,
      name: "trail",
      props: { s3BucketName: NAME, isMultiRegionTrail: true, ...changes.trail },
    },
    {
      type: POLICY,
      name: "logs-policy",
      props: {
        bucket: NAME,
        policy: changes.policy ?? JSON.stringify({ Statement: [WRITE, TLS_DENY] }),
      },
    },
  ];
  if (changes.block !== null) {
    fixtures.push({
      type: BLOCK,
      name: "logs-block",
      props: {
        bucket: NAME,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
        ...changes.block,
      },
    });
  }
  return fixtures;
}

function publicAccess(flags: string): string {
  return (
    "The trail's log bucket must block all public access: its `aws.s3.BucketPublicAccessBlock` is missing " +
    `or leaves ${flags} unset; add one for the bucket with all four settings true.`
  );
}

const TLS =
  "The trail's log bucket must refuse requests without TLS: no bucket policy denies `s3:*` to `*` when " +
  "`aws:SecureTransport` is false; add that Deny statement to the bucket's policy.";

describe("trail-bucket-protected", () => {
  it("reports nothing for a private, TLS-only trail bucket", async () => {
    const outcome = await validateStack(trailBucketProtected, stack());
    assert.deepStrictEqual(outcome, { violations: [], urns: [], notApplicable: false });
  });

  describe("single changes", () => {
    it("reports a bucket without a public access block, against the bucket", async () => {
      const outcome = await validateStack(trailBucketProtected, stack({ block: null }));
      assert.deepStrictEqual(outcome.violations, [
        publicAccess(
          "`blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls`, `restrictPublicBuckets`",
        ),
      ]);
      assert.deepStrictEqual(outcome.urns, [BUCKET_URN]);
    });

    for (const flag of [
      "blockPublicAcls",
      "blockPublicPolicy",
      "ignorePublicAcls",
      "restrictPublicBuckets",
    ]) {
      it(`reports \`${flag}\` false`, async () => {
        const outcome = await validateStack(
          trailBucketProtected,
          stack({ block: { [flag]: false } }),
        );
        assert.deepStrictEqual(outcome.violations, [publicAccess(`\`${flag}\``)]);
      });
    }

    it("reports a block for another bucket", async () => {
      const fixtures = stack();
      (fixtures[3].props as Record<string, unknown>).bucket = "other";
      const outcome = await validateStack(trailBucketProtected, fixtures);
      assert.strictEqual(outcome.violations.length, 1);
      assert.ok(outcome.violations[0].includes("`blockPublicAcls`, `blockPublicPolicy`"));
    });

    it("reports a bucket policy without the TLS deny", async () => {
      const outcome = await validateStack(
        trailBucketProtected,
        stack({ policy: JSON.stringify({ Statement: [WRITE] }) }),
      );
      assert.deepStrictEqual(outcome.violations, [TLS]);
    });

    it("reports a TLS deny that allows instead", async () => {
      const policy = { Statement: [WRITE, { ...TLS_DENY, Effect: "Allow" }] };
      assert.deepStrictEqual(
        (await validateStack(trailBucketProtected, stack({ policy }))).violations,
        [TLS],
      );
    });

    it("reports a TLS deny on some actions only", async () => {
      const policy = { Statement: [{ ...TLS_DENY, Action: "s3:GetObject" }] };
      assert.deepStrictEqual(
        (await validateStack(trailBucketProtected, stack({ policy }))).violations,
        [TLS],
      );
    });

    it("reports a TLS deny for one principal only", async () => {
      const policy = {
        Statement: [{ ...TLS_DENY, Principal: { AWS: "arn:aws:iam::123456789012:root" } }],
      };
      assert.deepStrictEqual(
        (await validateStack(trailBucketProtected, stack({ policy }))).violations,
        [TLS],
      );
    });

    it("reports a deny that tests the wrong condition value", async () => {
      const policy = {
        Statement: [{ ...TLS_DENY, Condition: { Bool: { "aws:SecureTransport": "true" } } }],
      };
      assert.deepStrictEqual(
        (await validateStack(trailBucketProtected, stack({ policy }))).violations,
        [TLS],
      );
    });
  });

  describe("accepted forms", () => {
    it("accepts a boolean condition value and `*` as the action", async () => {
      const policy = {
        Statement: [
          {
            ...TLS_DENY,
            Action: "*",
            Principal: { AWS: "*" },
            Condition: { Bool: { "aws:SecureTransport": false } },
          },
        ],
      };
      assert.deepStrictEqual(
        (await validateStack(trailBucketProtected, stack({ policy }))).violations,
        [],
      );
    });

    it("skips the TLS check when the settings turn it off", async () => {
      const outcome = await validateStack(trailBucketProtected, stack({ policy: "{}" }), {
        requireTls: false,
      });
      assert.deepStrictEqual(outcome.violations, []);
    });

    it("links a computed bucket name to the only bucket in the stack", async () => {
      const outcome = await validateStack(
        trailBucketProtected,
        stack({ trail: { s3BucketName: UNKNOWN } }),
      );
      assert.deepStrictEqual(outcome.violations, []);
    });
  });

  describe("what it cannot check", () => {
    it("does not apply when the trail writes to a bucket outside the stack", async () => {
      const outcome = await validateStack(
        trailBucketProtected,
        stack({ trail: { s3BucketName: "org-audit-logs" } }),
      );
      assert.strictEqual(outcome.notApplicable, true);
    });

    it("does not apply to a stack without a trail", async () => {
      const outcome = await validateStack(
        trailBucketProtected,
        stack().filter((f) => f.type !== TRAIL),
      );
      assert.strictEqual(outcome.notApplicable, true);
    });

    it("says it cannot decide a computed bucket policy", async () => {
      const outcome = await validateStack(trailBucketProtected, stack({ policy: UNKNOWN }));
      assert.deepStrictEqual(outcome.violations, []);
      assert.strictEqual(
        outcome.undecided,
        "The protection of the trail's log bucket cannot be fully checked before the update: the trail " +
          "bucket's policy is computed from other resources' outputs. The check runs again when these " +
          "values are known.",
      );
    });
  });
});
