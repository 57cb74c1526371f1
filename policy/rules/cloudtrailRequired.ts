/**
 * `cloudtrail-required` (stack rule): the stack's account activity is recorded by a logging,
 * multi-region trail with global service events and log file validation, KMS-encrypted when the
 * settings ask for it; or the settings name an organization trail that already records it.
 */
import {
  PolicyConfigSchema,
  ReportViolation,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { controlTags, securityHub, settings } from "../lib/metadata";
import { StackIndex, StackResource } from "../lib/stack";
import { TYPES } from "../lib/types";
import { UNKNOWN, Undecided, boolProp, isUnknown } from "../lib/values";

/** Settings of `cloudtrail-required`. */
export interface CloudtrailSettings {
  /** ARN of an existing organization trail that records this account; when set, it counts. */
  readonly organizationTrailArn: string;
  /** Require the trail's logs to be encrypted with a KMS key (`kmsKeyId`). */
  readonly requireKmsEncryption: boolean;
}

const schema: PolicyConfigSchema = {
  properties: {
    organizationTrailArn: {
      type: "string",
      default: "",
      description: "ARN of an existing organization trail that records this account.",
    },
    requireKmsEncryption: {
      type: "boolean",
      default: true,
      description: "Require the trail to encrypt its log files with a KMS key.",
    },
  },
};

/** One requirement a trail must meet, with the input that meets it. */
interface Requirement {
  readonly input: string;
  readonly what: string;
  /** true when met, false when not, UNKNOWN when unknown at preview. */
  readonly met: (props: Record<string, unknown>) => boolean | typeof UNKNOWN;
}

/** A boolean input that defaults to true when absent (the provider's default). */
function defaultTrue(input: string): (props: Record<string, unknown>) => boolean | typeof UNKNOWN {
  return (props) => boolProp(props[input]) ?? true;
}

/** A boolean input that must be set to true. */
function setTrue(input: string): (props: Record<string, unknown>) => boolean | typeof UNKNOWN {
  return (props) => boolProp(props[input]) ?? false;
}

function requirements(config: CloudtrailSettings): Requirement[] {
  const list: Requirement[] = [
    { input: "enableLogging", what: "logging switched on", met: defaultTrue("enableLogging") },
    {
      input: "isMultiRegionTrail",
      what: "recording every region",
      met: setTrue("isMultiRegionTrail"),
    },
    {
      input: "includeGlobalServiceEvents",
      what: "recording global service events (IAM, STS)",
      met: defaultTrue("includeGlobalServiceEvents"),
    },
    {
      input: "enableLogFileValidation",
      what: "log file validation",
      met: setTrue("enableLogFileValidation"),
    },
  ];
  if (config.requireKmsEncryption) {
    list.push({
      input: "kmsKeyId",
      what: "log files encrypted with a KMS key",
      // A computed key id is still a key id: only its absence fails.
      met: (props) =>
        isUnknown(props.kmsKeyId)
          ? true
          : typeof props.kmsKeyId === "string" && props.kmsKeyId !== "",
    });
  }
  return list;
}

/** The violation message for a trail that misses requirements. */
export function trailMessage(missing: readonly Requirement[]): string {
  const inputs = missing.map((r) => `\`${r.input}\``).join(", ");
  const what = missing.map((r) => r.what).join(", ");
  return (
    `The CloudTrail trail must record this account completely (${what}): set ${inputs} on the trail, ` +
    "or name an existing organization trail in the policy setting `organizationTrailArn`."
  );
}

/** The message when the stack has no trail at all. */
export const NO_TRAIL_MESSAGE =
  "The stack must have a CloudTrail trail that records API activity on the credentials secret and " +
  "the runtime: add an `aws.cloudtrail.Trail` (multi-region, global service events, log file " +
  "validation, KMS-encrypted) or name an existing organization trail in the policy setting " +
  "`organizationTrailArn`.";

function validate(args: StackValidationArgs, reportViolation: ReportViolation): void {
  const config = settings<CloudtrailSettings>(args, schema);
  if (config.organizationTrailArn !== "") {
    return; // an existing organization trail records the account; nothing in this stack to check
  }
  const trails: StackResource[] = new StackIndex(args.resources).ofType(TYPES.trail);
  if (trails.length === 0) {
    reportViolation(NO_TRAIL_MESSAGE);
    return;
  }
  const undecided = new Undecided();
  const checks = requirements(config);
  let possiblyCompliant = false;
  const failures: { urn: string; missing: Requirement[] }[] = [];
  for (const trail of trails) {
    const missing: Requirement[] = [];
    let unknown = false;
    for (const check of checks) {
      const met = check.met(trail.props);
      if (met === UNKNOWN) {
        unknown = true;
        undecided.add(`\`${check.input}\` of trail \`${trail.resource.name}\` is unknown`);
      } else if (!met) {
        missing.push(check);
      }
    }
    if (missing.length === 0 && !unknown) {
      return; // one complete trail is enough
    }
    if (missing.length === 0) {
      possiblyCompliant = true;
    } else {
      failures.push({ urn: trail.resource.urn, missing });
    }
  }
  if (possiblyCompliant) {
    undecided.settle("The stack's CloudTrail trail");
  }
  for (const failure of failures) {
    reportViolation(trailMessage(failure.missing), failure.urn);
  }
}

/** Checks that the stack has a complete CloudTrail trail, or names an organization trail. */
export const cloudtrailRequired: StackValidationPolicy = {
  name: "cloudtrail-required",
  description:
    "Checks that the stack has a logging, multi-region CloudTrail trail with global service events " +
    "and log file validation (KMS-encrypted when required), or names an existing organization trail.",
  displayName: "CloudTrail records the account",
  severity: "high",
  configSchema: schema,
  framework: securityHub("CloudTrail.1", "CloudTrail enabled with at least one multi-Region trail"),
  tags: controlTags(["logging", "cloudtrail"], {
    securityHub: ["CloudTrail.1", "CloudTrail.2", "CloudTrail.4"],
    cis: ["3.1"],
    checkov: ["CKV_AWS_67", "CKV_AWS_36", "CKV_AWS_35"],
  }),
  remediationSteps:
    "Create an `aws.cloudtrail.Trail` with `isMultiRegionTrail: true`, `includeGlobalServiceEvents: " +
    "true`, `enableLogFileValidation: true` and `kmsKeyId`, or set `organizationTrailArn` in the policy config.",
  validateStack: validate,
};
