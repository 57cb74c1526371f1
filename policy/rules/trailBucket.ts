/**
 * `trail-bucket-protected` (stack rule): the bucket a trail writes to blocks every form of public
 * access and refuses requests that do not use TLS, so the audit log can be neither read by the
 * world nor intercepted.
 */
import {
  PolicyConfigSchema,
  ReportViolation,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { actionMatches, field, parseDocument } from "../lib/iamDocument";
import { controlTags, securityHub, settings } from "../lib/metadata";
import { StackResource, linkOf, resourcesOfType } from "../lib/stack";
import { TYPES } from "../lib/types";
import { UNKNOWN, Undecided, boolProp, isRecord, isUnknown } from "../lib/values";

/** Settings of `trail-bucket-protected`. */
export interface TrailBucketSettings {
  /** Require a bucket policy that denies requests without TLS (`aws:SecureTransport` false). */
  readonly requireTls: boolean;
}

const schema: PolicyConfigSchema = {
  properties: {
    requireTls: {
      type: "boolean",
      default: true,
      description: "Require the trail bucket's policy to deny requests made without TLS.",
    },
  },
};

const BUCKET_IDS = ["bucket", "id"];
const BLOCK_FLAGS = [
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
];

/** The message for a bucket without a complete public access block. */
export function publicAccessMessage(flags: readonly string[]): string {
  const list = flags.map((flag) => `\`${flag}\``).join(", ");
  return (
    "The trail's log bucket must block all public access: its `aws.s3.BucketPublicAccessBlock` is " +
    `missing or leaves ${list} unset; add one for the bucket with all four settings true.`
  );
}

/** The message for a bucket policy that does not refuse plain HTTP. */
export const TLS_MESSAGE =
  "The trail's log bucket must refuse requests without TLS: no bucket policy denies `s3:*` to `*` " +
  "when `aws:SecureTransport` is false; add that Deny statement to the bucket's policy.";

/** True when a statement denies all S3 actions to everyone when the request is not over TLS. */
function deniesPlainHttp(statement: Record<string, unknown>): boolean {
  const effect = field(statement, "Effect");
  if (typeof effect !== "string" || effect.toLowerCase() !== "deny") {
    return false;
  }
  const principal = field(statement, "Principal");
  const aws = isRecord(principal) ? field(principal, "AWS") : undefined;
  if (principal !== "*" && aws !== "*") {
    return false;
  }
  const action = field(statement, "Action");
  const actions = Array.isArray(action) ? action : [action];
  if (
    !actions.some(
      (a: unknown) => typeof a === "string" && actionMatches(a, "s3:*") && a.endsWith("*"),
    )
  ) {
    return false;
  }
  const condition = field(statement, "Condition");
  const bool = isRecord(condition) ? field(condition, "Bool") : undefined;
  const secure = isRecord(bool) ? field(bool, "aws:SecureTransport") : undefined;
  const values = Array.isArray(secure) ? secure : [secure];
  return values.some(
    (v: unknown) => v === false || (typeof v === "string" && v.toLowerCase() === "false"),
  );
}

/** The statements of a bucket policy document, raw; UNKNOWN when not yet known. */
function rawStatements(document: unknown): Record<string, unknown>[] | typeof UNKNOWN {
  if (isUnknown(document)) {
    return UNKNOWN;
  }
  let parsed: unknown = document;
  if (typeof document === "string") {
    if (parseDocument(document).kind !== "parsed") {
      return [];
    }
    parsed = JSON.parse(document);
  }
  if (!isRecord(parsed)) {
    return [];
  }
  const list = field(parsed, "Statement");
  if (isUnknown(list)) {
    return UNKNOWN;
  }
  return (Array.isArray(list) ? list : [list]).filter(isRecord);
}

function checkBucket(
  bucket: StackResource,
  args: StackValidationArgs,
  config: TrailBucketSettings,
  reportViolation: ReportViolation,
  undecided: Undecided,
): void {
  const pending = undecided.size;
  const blocks = resourcesOfType(args.resources, TYPES.bucketPublicAccessBlock);
  const linkedBlocks = blocks.filter(
    (b) => linkOf(b, "bucket", bucket, BUCKET_IDS, false) !== "not-linked",
  );
  let best: string[] = BLOCK_FLAGS;
  for (const block of linkedBlocks) {
    const unset = BLOCK_FLAGS.filter((flag) => boolProp(block.props[flag]) !== true);
    if (unset.some((flag) => boolProp(block.props[flag]) === UNKNOWN)) {
      undecided.add("a public access block setting of the trail bucket is unknown");
    }
    if (unset.length < best.length) {
      best = unset;
    }
  }
  if (best.length > 0 && undecided.size === pending) {
    reportViolation(publicAccessMessage(best), bucket.resource.urn);
  }
  if (!config.requireTls) {
    return;
  }
  const policies = resourcesOfType(args.resources, TYPES.bucketPolicy).filter(
    (p) => linkOf(p, "bucket", bucket, BUCKET_IDS, false) !== "not-linked",
  );
  const pendingTls = undecided.size;
  let denies = false;
  for (const policy of policies) {
    const statements = rawStatements(policy.props.policy);
    if (statements === UNKNOWN) {
      undecided.add("the trail bucket's policy is computed from other resources' outputs");
    } else if (statements.some(deniesPlainHttp)) {
      denies = true;
    }
  }
  if (!denies && undecided.size === pendingTls) {
    reportViolation(TLS_MESSAGE, bucket.resource.urn);
  }
}

function validate(args: StackValidationArgs, reportViolation: ReportViolation): void {
  const trails = resourcesOfType(args.resources, TYPES.trail);
  if (trails.length === 0) {
    args.notApplicable("the stack creates no CloudTrail trail");
  }
  const config = settings<TrailBucketSettings>(args, schema);
  const buckets = resourcesOfType(args.resources, TYPES.bucket);
  const undecided = new Undecided();
  let checked = 0;
  for (const trail of trails) {
    const links = buckets.map((bucket) => ({
      bucket,
      link: linkOf(trail, "s3BucketName", bucket, BUCKET_IDS, buckets.length === 1),
    }));
    const bucket = links.find((l) => l.link === "linked")?.bucket;
    if (bucket) {
      checked++;
      checkBucket(bucket, args, config, reportViolation, undecided);
    } else if (links.some((l) => l.link === "undecided")) {
      undecided.add(`which bucket trail \`${trail.resource.name}\` writes to is unknown`);
    }
  }
  if (checked === 0 && undecided.empty) {
    args.notApplicable("the trail writes to a bucket managed outside this stack");
  }
  undecided.settle("The protection of the trail's log bucket");
}

/** Checks that the trail's bucket blocks public access and requires TLS. */
export const trailBucketProtected: StackValidationPolicy = {
  name: "trail-bucket-protected",
  description:
    "Checks that the S3 bucket receiving CloudTrail logs blocks all public access and denies " +
    "requests made without TLS.",
  displayName: "Trail bucket is private and TLS-only",
  severity: "high",
  configSchema: schema,
  framework: securityHub(
    "CloudTrail.6",
    "The S3 bucket used to store CloudTrail logs is not publicly accessible",
  ),
  tags: controlTags(["logging", "s3", "cloudtrail"], {
    securityHub: ["CloudTrail.6", "S3.1", "S3.5"],
  }),
  remediationSteps:
    "Add an `aws.s3.BucketPublicAccessBlock` with all four settings true, and a bucket policy statement " +
    "denying `s3:*` to `*` when `aws:SecureTransport` is false.",
  validateStack: validate,
};
