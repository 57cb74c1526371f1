/**
 * `agentcore-trust-conditions`: a role that AgentCore may assume names the account and the
 * AgentCore resources it acts for, so that no other account's runtime can borrow it (the
 * confused-deputy problem).
 */
import {
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
} from "@pulumi/policy";
import { documentsOf } from "../lib/documents";
import { NormalStatement, isAllow, parseDocument, servicePrincipals } from "../lib/iamDocument";
import { controlTags, projectControl, settings } from "../lib/metadata";
import { AGENTCORE_PRINCIPAL, TYPES } from "../lib/types";
import { UNKNOWN, Undecided, isRecord, plainProps } from "../lib/values";

/** Settings of `agentcore-trust-conditions`. */
export interface TrustSettings {
  /** Condition keys every AgentCore trust statement must test. */
  readonly requiredConditionKeys: readonly string[];
}

const schema: PolicyConfigSchema = {
  properties: {
    requiredConditionKeys: {
      type: "array",
      items: { type: "string" },
      default: ["aws:SourceAccount", "aws:SourceArn"],
      description: "Condition keys an AgentCore trust statement must test.",
    },
  },
};

/** Condition keys a statement tests, lower-case, skipping `...IfExists` operators (they pass when absent). */
export function testedKeys(condition: Record<string, unknown>): Set<string> {
  const keys = new Set<string>();
  for (const [operator, block] of Object.entries(condition)) {
    if (operator.toLowerCase().endsWith("ifexists") || !isRecord(block)) {
      continue;
    }
    for (const key of Object.keys(block)) {
      keys.add(key.toLowerCase());
    }
  }
  return keys;
}

/** The message for a trust statement missing condition keys. */
export function trustMessage(statement: number, missing: readonly string[]): string {
  const keys = missing.map((key) => `\`${key}\``).join(" and ");
  return (
    `Statement ${statement} of \`assumeRolePolicy\` must limit AgentCore to this account's runtimes: ` +
    `it trusts \`${AGENTCORE_PRINCIPAL}\` without a condition on ${keys}; add ` +
    "`StringEquals` on `aws:SourceAccount` (the account id) and `ArnLike` on `aws:SourceArn` " +
    "(`arn:<partition>:bedrock-agentcore:<region>:<account>:*`)."
  );
}

function trustsAgentCore(statement: NormalStatement): boolean | typeof UNKNOWN {
  const services = servicePrincipals(statement.principal);
  return services === UNKNOWN ? UNKNOWN : services.includes(AGENTCORE_PRINCIPAL);
}

function validate(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
  if (args.type !== TYPES.role) {
    args.notApplicable("only IAM roles have trust policies");
  }
  const config = settings<TrustSettings>(args, schema);
  const trust = documentsOf(args.type, plainProps(args.props)).find((ref) => ref.kind === "trust");
  const parsed = trust ? trust.parsed : parseDocument(undefined);
  const undecided = new Undecided();
  if (parsed.kind === "unknown") {
    undecided.add("`assumeRolePolicy` is computed from other resources' outputs");
  } else if (parsed.kind === "parsed") {
    for (const statement of parsed.statements) {
      const trusts = trustsAgentCore(statement);
      if (trusts === UNKNOWN) {
        undecided.add(`the principal of statement ${statement.position} is unknown`);
        continue;
      }
      if (!trusts || !isAllow(statement)) {
        continue;
      }
      if (statement.condition === UNKNOWN) {
        undecided.add(`the condition of statement ${statement.position} is unknown`);
        continue;
      }
      const tested = testedKeys(statement.condition ?? {});
      const missing = config.requiredConditionKeys.filter((key) => !tested.has(key.toLowerCase()));
      if (missing.length > 0) {
        reportViolation(trustMessage(statement.position, missing));
      }
    }
  }
  undecided.settle("The trust policy of this role");
}

/** Checks that roles AgentCore may assume carry `aws:SourceAccount` and `aws:SourceArn` conditions. */
export const agentcoreTrustConditions: ResourceValidationPolicy = {
  name: "agentcore-trust-conditions",
  description:
    "Checks that every role trusting bedrock-agentcore.amazonaws.com limits the trust with " +
    "`aws:SourceAccount` and `aws:SourceArn` conditions.",
  displayName: "AgentCore trust is scoped to this account",
  severity: "high",
  configSchema: schema,
  framework: projectControl(
    "ZMG-IAM-1",
    "Service trust policies prevent the confused deputy problem",
  ),
  tags: controlTags(["iam", "agentcore", "confused-deputy"], {}),
  remediationSteps:
    'Add `Condition: { StringEquals: { "aws:SourceAccount": <account> }, ArnLike: ' +
    '{ "aws:SourceArn": "arn:<partition>:bedrock-agentcore:<region>:<account>:*" } }` to the trust statement.',
  validateResource: validate,
};
