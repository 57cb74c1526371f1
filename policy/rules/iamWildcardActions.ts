/**
 * `iam-no-wildcard-actions`: no Allow statement grants every action (`*`), every action of a
 * service (`service:*`), or everything except a list (`NotAction`).
 */
import {
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
} from "@pulumi/policy";
import { allowStatements, documentsOf } from "../lib/documents";
import { controlTags, securityHub, settings } from "../lib/metadata";
import { IDENTITY_DOCUMENT_TYPES, RESOURCE_DOCUMENT_TYPES } from "../lib/types";
import { UNKNOWN, Undecided, plainProps } from "../lib/values";

/** Settings of `iam-no-wildcard-actions`. */
export interface WildcardActionSettings {
  /** `service:*` patterns the team accepts (compared case-insensitively). */
  readonly allowedWildcards: readonly string[];
}

const schema: PolicyConfigSchema = {
  properties: {
    allowedWildcards: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "`service:*` action patterns accepted on Allow statements.",
    },
  },
};

const TYPES_CHECKED = new Set([...IDENTITY_DOCUMENT_TYPES, ...RESOURCE_DOCUMENT_TYPES]);

/** True for `*` and `service:*` (the whole service), not for `service:Get*`. */
export function isWildcardAction(action: string): boolean {
  return action === "*" || (action.endsWith(":*") && action.indexOf(":") === action.length - 2);
}

/** The message for a wildcard action. */
export function wildcardMessage(path: string, statement: number, action: number): string {
  return (
    `Statement ${statement} of \`${path}\` must not allow a wildcard action: action ${action} grants ` +
    "every action of a service (or of all services); list the actions the workload calls."
  );
}

/** The message for an Allow with `NotAction`. */
export function notActionMessage(path: string, statement: number): string {
  return (
    `Statement ${statement} of \`${path}\` must not combine Allow with \`NotAction\`: it grants every ` +
    "action except the listed ones, including actions added to AWS later; list the allowed actions instead."
  );
}

function validate(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
  if (!TYPES_CHECKED.has(args.type)) {
    args.notApplicable("only resources that carry IAM policy documents are checked");
  }
  const config = settings<WildcardActionSettings>(args, schema);
  const allowed = new Set(config.allowedWildcards.map((a) => a.toLowerCase()));
  const undecided = new Undecided();
  const permissionDocuments = documentsOf(args.type, plainProps(args.props)).filter(
    (ref) => ref.kind !== "trust" && ref.kind !== "key",
  );
  for (const { ref, statement } of allowStatements(permissionDocuments, undecided)) {
    if (statement.notActions !== undefined) {
      reportViolation(notActionMessage(ref.path, statement.position));
    }
    if (statement.actions === UNKNOWN) {
      undecided.add(
        `the actions of statement ${statement.position} in \`${ref.path}\` are unknown`,
      );
      continue;
    }
    (statement.actions ?? []).forEach((action, i) => {
      if (action === UNKNOWN) {
        undecided.add(
          `action ${i + 1} of statement ${statement.position} in \`${ref.path}\` is unknown`,
        );
      } else if (isWildcardAction(action) && !allowed.has(action.toLowerCase())) {
        reportViolation(wildcardMessage(ref.path, statement.position, i + 1));
      }
    });
  }
  undecided.settle("The IAM actions of this resource");
}

/** Checks that no Allow statement grants `*`, `service:*` or `NotAction`. */
export const iamNoWildcardActions: ResourceValidationPolicy = {
  name: "iam-no-wildcard-actions",
  description:
    "Checks that IAM and resource policy Allow statements grant no wildcard action (`*` or " +
    "`service:*`) and use no `NotAction`.",
  displayName: "No wildcard actions",
  severity: "high",
  configSchema: schema,
  framework: securityHub(
    "IAM.21",
    "IAM customer managed policies should not allow wildcard actions for services",
  ),
  tags: controlTags(["iam", "least-privilege"], {
    securityHub: ["IAM.1", "IAM.21"],
    checkov: ["CKV_AWS_63"],
  }),
  remediationSteps: "Replace `*` and `service:*` with the specific actions the workload calls.",
  validateResource: validate,
};
