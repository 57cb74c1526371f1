/**
 * `iam-no-star-resource`: identity policies name the resources they grant access to; `*` is kept
 * for the actions AWS gives no resource-level permissions (ECR tokens, X-Ray, metrics, ...).
 */
import {
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
} from "@pulumi/policy";
import { allowStatements, documentsOf } from "../lib/documents";
import { NormalStatement, actionMatches } from "../lib/iamDocument";
import { controlTags, securityHub, settings } from "../lib/metadata";
import { IDENTITY_DOCUMENT_TYPES } from "../lib/types";
import { UNKNOWN, Undecided, isRecord, plainProps } from "../lib/values";

/** Settings of `iam-no-star-resource`. */
export interface StarResourceSettings {
  /** Actions that AWS only allows on `*` (no resource-level permissions). */
  readonly actionsRequiringStar: readonly string[];
  /** Condition key prefixes that scope a `*` statement to tagged resources (attribute-based access). */
  readonly scopingConditionPrefixes: readonly string[];
}

const schema: PolicyConfigSchema = {
  properties: {
    actionsRequiringStar: {
      type: "array",
      items: { type: "string" },
      default: [
        "ecr:GetAuthorizationToken",
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
        "xray:GetSamplingRules",
        "xray:GetSamplingTargets",
        "xray:GetSamplingStatisticSummaries",
        "cloudwatch:PutMetricData",
        "sts:GetCallerIdentity",
        "secretsmanager:ListSecrets",
        "secretsmanager:GetRandomPassword",
        "secretsmanager:BatchGetSecretValue",
        "kms:ListAliases",
        "kms:ListKeys",
        "logs:DescribeLogGroups",
        "bedrock-agentcore:ListAgentRuntimes",
        "bedrock-agentcore:CreateAgentRuntime",
        "kms:CreateKey",
        "cloudtrail:DescribeTrails",
      ],
      description: "Actions without resource-level permissions, which may use `*`.",
    },
    scopingConditionPrefixes: {
      type: "array",
      items: { type: "string" },
      default: ["aws:RequestTag/", "aws:ResourceTag/"],
      description:
        "Condition keys (by prefix) that limit a `*` statement to tagged resources, such as keys " +
        "created with the project's tag; such a statement is accepted.",
    },
  },
};

/** True when the statement's condition tests a key that starts with one of the prefixes. */
function scopedByCondition(statement: NormalStatement, prefixes: readonly string[]): boolean {
  if (statement.condition === UNKNOWN || statement.condition === undefined) {
    return false;
  }
  const lower = prefixes.map((prefix) => prefix.toLowerCase());
  return Object.values(statement.condition).some(
    (block) =>
      isRecord(block) &&
      Object.keys(block).some((key) =>
        lower.some((prefix) => key.toLowerCase().startsWith(prefix)),
      ),
  );
}

/** The message for a `*` resource on actions that can be scoped. */
export function starMessage(path: string, statement: number): string {
  return (
    `Statement ${statement} of \`${path}\` must name its resources instead of \`*\`: it allows ` +
    "actions that support resource-level permissions on every resource in the account; list the ARNs " +
    "(or move the actions that need `*` into a statement of their own)."
  );
}

/** The message for an Allow with `NotResource`. */
export function notResourceMessage(path: string, statement: number): string {
  return (
    `Statement ${statement} of \`${path}\` must not combine Allow with \`NotResource\`: it grants ` +
    "access to every resource except the listed ones; list the resources instead."
  );
}

/** True when every action of the statement is one that needs `*`; UNKNOWN when undecidable. */
function onlyStarActions(
  statement: NormalStatement,
  allowed: readonly string[],
): boolean | typeof UNKNOWN {
  if (statement.actions === UNKNOWN) {
    return UNKNOWN;
  }
  if (statement.notActions !== undefined) {
    return false;
  }
  const actions = statement.actions ?? [];
  if (actions.some((action) => action === UNKNOWN)) {
    return UNKNOWN;
  }
  return actions.every((action) => allowed.some((a) => actionMatches(a, action as string)));
}

function validate(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
  if (!IDENTITY_DOCUMENT_TYPES.has(args.type)) {
    args.notApplicable("only identity-based IAM policies are checked");
  }
  const config = settings<StarResourceSettings>(args, schema);
  const undecided = new Undecided();
  const identityDocuments = documentsOf(args.type, plainProps(args.props)).filter(
    (ref) => ref.kind === "identity",
  );
  for (const { ref, statement } of allowStatements(identityDocuments, undecided)) {
    if (statement.notResources !== undefined) {
      reportViolation(notResourceMessage(ref.path, statement.position));
      continue;
    }
    const resources = statement.resources;
    if (resources === UNKNOWN || (resources ?? []).includes(UNKNOWN)) {
      undecided.add(
        `the resources of statement ${statement.position} in \`${ref.path}\` are unknown`,
      );
      continue;
    }
    if (!(resources ?? []).includes("*")) {
      continue;
    }
    if (scopedByCondition(statement, config.scopingConditionPrefixes)) {
      continue;
    }
    const onlyStar = onlyStarActions(statement, config.actionsRequiringStar);
    if (onlyStar === UNKNOWN) {
      undecided.add(
        `the actions of statement ${statement.position} in \`${ref.path}\` are unknown`,
      );
    } else if (!onlyStar) {
      reportViolation(starMessage(ref.path, statement.position));
    }
  }
  undecided.settle("The IAM resources of this resource");
}

/** Checks that identity policies use `*` as a resource only for actions that need it. */
export const iamNoStarResource: ResourceValidationPolicy = {
  name: "iam-no-star-resource",
  description:
    "Checks that identity-based IAM policies allow `*` as a resource only for actions without " +
    "resource-level permissions, and use no `NotResource`.",
  displayName: "No `*` resources",
  severity: "medium",
  configSchema: schema,
  framework: securityHub("IAM.1", "IAM policies should not allow full administrative privileges"),
  tags: controlTags(["iam", "least-privilege"], {
    securityHub: ["IAM.1"],
    checkov: ["CKV_AWS_355"],
  }),
  remediationSteps:
    "Replace `*` with the ARNs the actions apply to; keep `*` only in a statement whose every action " +
    "lacks resource-level permissions (policy setting `actionsRequiringStar`) or that a tag " +
    "condition limits (policy setting `scopingConditionPrefixes`).",
  validateResource: validate,
};
