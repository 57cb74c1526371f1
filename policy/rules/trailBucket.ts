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
import { actionMatches, field } from "../lib/iamDocument";
import { controlTags, securityHub, settings } from "../lib/metadata";
import { LinkIndex, StackIndex, StackResource } from "../lib/stack";
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
    try {
      parsed = JSON.parse(document);
    } catch {
      return [];
    }
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

/** Resources grouped by the bucket their `bucket` input names; `undecided` when one is unknown. */
interface ByBucket {
  readonly of: Map<StackResource, StackResource[]>;
  readonly undecided: boolean;
}

function groupByBucket(resources: readonly StackResource[], buckets: LinkIndex): ByBucket {
  const of = new Map<StackResource, StackResource[]>();
  let undecided = false;
  for (const resource of resources) {
    const resolution = buckets.resolve(resource, "bucket");
    undecided ||= resolution.undecided;
    for (const bucket of resolution.targets) {
      of.set(bucket, [...(of.get(bucket) ?? []), resource]);
    }
  }
  return { of, undecided };
}

function checkBucket(
  bucket: StackResource,
  blocks: ByBucket,
  policies: ByBucket,
  config: TrailBucketSettings,
  reportViolation: ReportViolation,
  undecided: Undecided,
): void {
  let best: string[] = BLOCK_FLAGS;
  let unknownFlag = false;
  for (const block of blocks.of.get(bucket) ?? []) {
    const unset = BLOCK_FLAGS.filter((flag) => boolProp(block.props[flag]) !== true);
    unknownFlag ||= unset.some((flag) => boolProp(block.props[flag]) === UNKNOWN);
    if (unset.length < best.length) {
      best = unset;
    }
  }
  if (best.length > 0) {
    if (unknownFlag || blocks.undecided) {
      undecided.add("a public access block of the trail bucket is not yet known");
    } else {
      reportViolation(publicAccessMessage(best), bucket.resource.urn);
    }
  }
  if (!config.requireTls) {
    return;
  }
  let denies = false;
  let unknownPolicy = policies.undecided;
  for (const policy of policies.of.get(bucket) ?? []) {
    const statements = rawStatements(policy.props.policy);
    if (statements === UNKNOWN) {
      unknownPolicy = true;
    } else if (statements.some(deniesPlainHttp)) {
      denies = true;
    }
  }
  if (!denies) {
    if (unknownPolicy) {
      undecided.add("the trail bucket's policy is computed from other resources' outputs");
    } else {
      reportViolation(TLS_MESSAGE, bucket.resource.urn);
    }
  }
}

function validate(args: StackValidationArgs, reportViolation: ReportViolation): void {
  const index = new StackIndex(args.resources);
  const trails = index.ofType(TYPES.trail);
  if (trails.length === 0) {
    args.notApplicable("the stack creates no CloudTrail trail");
  }
  const config = settings<TrailBucketSettings>(args, schema);
  const buckets = new LinkIndex(index.ofType(TYPES.bucket), BUCKET_IDS);
  const blocks = groupByBucket(index.ofType(TYPES.bucketPublicAccessBlock), buckets);
  const policies = groupByBucket(index.ofType(TYPES.bucketPolicy), buckets);
  const undecided = new Undecided();
  const checked = new Set<StackResource>();
  for (const trail of trails) {
    const { targets, undecided: unknownBucket } = buckets.resolve(trail, "s3BucketName");
    if (unknownBucket) {
      undecided.add(`which bucket trail \`${trail.resource.name}\` writes to is unknown`);
    }
    for (const bucket of targets) {
      if (!checked.has(bucket)) {
        checked.add(bucket);
        checkBucket(bucket, blocks, policies, config, reportViolation, undecided);
      }
    }
  }
  if (checked.size === 0 && undecided.empty) {
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
