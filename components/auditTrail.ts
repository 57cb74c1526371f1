/**
 * The CloudTrail trail that records every API call against the secret and the runtime, with its
 * hardened S3 bucket; or an existing (for example organization) trail the stack relies on.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { trailArnOf, trailBucketPolicy, trailKeyPolicy } from "./auditTrailPolicies";
import { AuditSettings } from "./config/settings";
import { AccountContext, policyJson, resolveAccount } from "./policyDocument";

/** Arguments of {@link AuditTrail}. */
export interface AuditTrailArgs {
  /** Where the stack deploys. */
  readonly account: AccountContext;
  /** Create a trail (with KMS or not, and a log retention), or rely on an existing one. */
  readonly settings: AuditSettings;
  /** Name of a created trail; also fixes its ARN before it exists, for the bucket policy. */
  readonly trailName: string;
  /** The deploying principal, which manages a created KMS key. */
  readonly deployerArn: pulumi.Input<string>;
  /** Tags for every resource. */
  readonly tags: pulumi.Input<Record<string, string>>;
}

/** The audit trail. */
export class AuditTrail extends pulumi.ComponentResource {
  /** The trail's ARN (created or existing). */
  public readonly trailArn: pulumi.Output<string>;
  /** The log bucket's name, or undefined for an existing trail. */
  public readonly bucketName: pulumi.Output<string | undefined>;

  constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("zscaler-mcp:audit:AuditTrail", name, {}, opts);
    if (args.settings.kind === "existing") {
      this.trailArn = pulumi.output(args.settings.trailArn);
      this.bucketName = pulumi.output(undefined);
    } else {
      const created = this.createTrail(name, args, args.settings);
      this.trailArn = created.trailArn;
      this.bucketName = created.bucketName;
    }
    this.registerOutputs({ trailArn: this.trailArn, bucketName: this.bucketName });
  }

  private createTrail(
    name: string,
    args: AuditTrailArgs,
    settings: Extract<AuditSettings, { kind: "create" }>,
  ) {
    const account = resolveAccount(args.account);
    const child = { parent: this };

    const key = settings.kmsEncryption
      ? new aws.kms.Key(
          `${name}-key`,
          {
            description: `Encrypts the log files of the CloudTrail trail ${args.trailName}`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy: policyJson(
              pulumi
                .all([account, args.deployerArn])
                .apply(([resolved, deployerArn]) =>
                  trailKeyPolicy(resolved, args.trailName, deployerArn),
                ),
            ),
            tags: args.tags,
          },
          child,
        )
      : undefined;

    const bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      { forceDestroy: false, tags: args.tags },
      child,
    );
    const access = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      child,
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
      child,
    );
    new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
      child,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: key
              ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }
              : { sseAlgorithm: "AES256" },
            bucketKeyEnabled: key !== undefined,
          },
        ],
      },
      child,
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-retention`,
      {
        bucket: bucket.id,
        rules: [
          {
            id: "expire-trail-logs",
            status: "Enabled",
            filter: { prefix: "AWSLogs/" },
            expiration: { days: settings.retentionDays },
            noncurrentVersionExpiration: { noncurrentDays: 30 },
          },
        ],
      },
      child,
    );
    const policy = new aws.s3.BucketPolicy(
      `${name}-bucket-policy`,
      {
        bucket: bucket.id,
        policy: policyJson(
          pulumi
            .all([account, bucket.arn])
            .apply(([resolved, bucketArn]) =>
              trailBucketPolicy(resolved, bucketArn, args.trailName),
            ),
        ),
      },
      { parent: this, dependsOn: [access] },
    );

    const trail = new aws.cloudtrail.Trail(
      `${name}-trail`,
      {
        name: args.trailName,
        s3BucketName: bucket.id,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        kmsKeyId: key?.arn,
        tags: args.tags,
      },
      { parent: this, dependsOn: [policy] },
    );
    // The ARN the bucket policy names must be the trail's own; fail loudly if they ever differ.
    const trailArn = pulumi.all([trail.arn, account]).apply(([arn, resolved]) => {
      const expected = trailArnOf(resolved, args.trailName);
      if (arn !== expected) {
        throw new pulumi.ResourceError(
          `The trail's ARN ${arn} differs from ${expected}, which its bucket policy allows to write: ` +
            "CloudTrail could not deliver logs; check the provider's region and account for this stack.",
          this,
        );
      }
      return arn;
    });
    return { trailArn, bucketName: bucket.bucket as pulumi.Output<string | undefined> };
  }
}
