/**
 * `secretsmanager-arn-suffix`: every IAM document that names a Secrets Manager secret names it so
 * that it matches that secret and nothing else.
 */
import {
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
} from "@pulumi/policy";
import { DocumentRef, documentsOf, replaceDocument } from "../lib/documents";
import {
  Entry,
  NormalStatement,
  field,
  isAllow,
  parseDocument,
  splitAction,
} from "../lib/iamDocument";
import { controlTags, projectControl, settings } from "../lib/metadata";
import { SecretReference, classifySecretResource } from "../lib/secretArn";
import { IDENTITY_DOCUMENT_TYPES, RESOURCE_DOCUMENT_TYPES } from "../lib/types";
import {
  UNKNOWN,
  Undecided,
  isRecord,
  plainProps,
  rewrapSecret,
  unwrapSecret,
} from "../lib/values";

/** Settings of `secretsmanager-arn-suffix`. */
export interface SecretArnSuffixSettings {
  /** Accept only the full ARN or `-??????`, refusing `-*` (which also matches longer names). */
  readonly requireExactSuffix: boolean;
  /** Secrets Manager actions that cannot be scoped to a secret and may use any resource. */
  readonly unscopedActions: readonly string[];
}

const schema: PolicyConfigSchema = {
  properties: {
    requireExactSuffix: {
      type: "boolean",
      default: false,
      description: "Refuse `-*` and require `-??????` or the full ARN.",
    },
    unscopedActions: {
      type: "array",
      items: { type: "string" },
      default: [
        "secretsmanager:ListSecrets",
        "secretsmanager:GetRandomPassword",
        "secretsmanager:BatchGetSecretValue",
      ],
      description: "Secrets Manager actions without resource-level permissions.",
    },
  },
};

/** One finding in one document. */
interface Finding {
  readonly statement: number;
  readonly resource: number;
  readonly reference: SecretReference;
}

const ALL_TYPES = new Set([...IDENTITY_DOCUMENT_TYPES, ...RESOURCE_DOCUMENT_TYPES]);

/** True when the statement grants or denies a Secrets Manager action that can be scoped. */
function namesScopableSecretAction(
  statement: NormalStatement,
  unscoped: ReadonlySet<string>,
): boolean {
  const actions = statement.actions;
  if (actions === undefined) {
    return statement.notActions !== undefined;
  }
  if (actions === UNKNOWN) {
    return true;
  }
  return actions.some((action) => {
    if (action === UNKNOWN) {
      return true;
    }
    const { service } = splitAction(action);
    const servesSecrets = service === "*" || service === "secretsmanager" || action === "*";
    return servesSecrets && !unscoped.has(action.toLowerCase());
  });
}

/** The findings of one document, and what could not be decided. */
function inspect(
  ref: DocumentRef,
  config: SecretArnSuffixSettings,
  undecided: Undecided,
): Finding[] {
  const parsed = ref.parsed;
  if (parsed.kind === "unknown") {
    undecided.add(`\`${ref.path}\` is computed from other resources' outputs`);
    return [];
  }
  if (parsed.kind !== "parsed") {
    return [];
  }
  const unscoped = new Set(config.unscopedActions.map((action) => action.toLowerCase()));
  const findings: Finding[] = [];
  for (const statement of parsed.statements) {
    if (!namesScopableSecretAction(statement, unscoped)) {
      continue;
    }
    if (statement.notResources !== undefined && isAllow(statement)) {
      // Allow with NotResource grants the actions on every secret but the listed ones.
      findings.push({
        statement: statement.position,
        resource: 0,
        reference: { kind: "not-resource" },
      });
      continue;
    }
    if (statement.resources === undefined) {
      continue;
    }
    if (statement.resources === UNKNOWN) {
      undecided.add(
        `the resources of statement ${statement.position} in \`${ref.path}\` are unknown`,
      );
      continue;
    }
    const allow = isAllow(statement);
    statement.resources.forEach((entry: Entry, i: number) => {
      const reference = classifySecretResource(entry);
      if (reference.kind === "unknown") {
        undecided.add(
          `resource ${i + 1} of statement ${statement.position} in \`${ref.path}\` is unknown`,
        );
      } else if (isFinding(reference, ref, allow, config)) {
        findings.push({ statement: statement.position, resource: i + 1, reference });
      }
    });
  }
  return findings;
}

function isFinding(
  reference: SecretReference,
  ref: DocumentRef,
  allow: boolean,
  config: SecretArnSuffixSettings,
): boolean {
  switch (reference.kind) {
    case "bare-name":
    case "wrong-length":
      return true; // match nothing, in an Allow or a Deny alike
    case "prefix-wildcard":
    case "wildcard-name":
    case "all-secrets":
      return allow;
    case "not-resource":
      return true;
    case "any-resource":
      // In a secret's own resource policy, `*` means the secret the policy is attached to.
      return allow && ref.kind === "identity";
    case "suffix-wildcard":
      return config.requireExactSuffix;
    default:
      return false;
  }
}

/** The violation message for one finding; it names positions and paths, never values. */
export function findingMessage(path: string, finding: Finding): string {
  const where = `Statement ${finding.statement} of \`${path}\``;
  const resource = `resource ${finding.resource}`;
  switch (finding.reference.kind) {
    case "bare-name":
      return (
        `${where} must name a Secrets Manager secret by its full ARN or with a \`-*\` suffix: ${resource} ` +
        "is a bare secret name, which matches no secret because AWS appends a hyphen and six random " +
        "characters to every secret ARN; append `-*` (or `-??????`) or use the secret's `arn` output."
      );
    case "wrong-length":
      return (
        `${where} must end a secret name with exactly six \`?\`: ${resource} ends in a hyphen and ` +
        `${finding.reference.length} \`?\`, which matches no secret ARN; use \`-??????\` or \`-*\`.`
      );
    case "prefix-wildcard":
      return (
        `${where} must not match secrets by a bare prefix: ${resource} ends in \`*\` without a hyphen, so ` +
        "it also grants access to every other secret whose name starts the same way; end the name with " +
        "`-*` or `-??????`."
      );
    case "wildcard-name":
      return (
        `${where} must not put a wildcard inside a secret's name: ${resource} has \`*\` or \`?\` before ` +
        "its suffix, so it matches every secret whose name fits the pattern; name one secret by its ARN " +
        "or as `<name>-*`."
      );
    case "not-resource":
      return (
        `${where} must not allow secret-scoped actions with \`NotResource\`: it grants them on every ` +
        "secret except the listed ones; list this stack's secret under `Resource` instead."
      );
    case "all-secrets":
      return (
        `${where} must not grant secret-scoped actions on every secret: ${resource} is \`secret:*\`; ` +
        "name this stack's secret by its ARN or with a `-*` suffix."
      );
    case "any-resource":
      return (
        `${where} must not grant secret-scoped actions on \`*\`: ${resource} covers every secret in ` +
        "the account; name this stack's secret by its ARN or with a `-*` suffix."
      );
    default:
      return (
        `${where} must name the secret by its full ARN or with \`-??????\`: ${resource} ends in \`-*\`, ` +
        "which also matches longer secret names with the same prefix (policy setting `requireExactSuffix`)."
      );
  }
}

function validate(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
  if (!ALL_TYPES.has(args.type)) {
    args.notApplicable(`only resources that carry IAM policy documents are checked`);
  }
  const config = settings<SecretArnSuffixSettings>(args, schema);
  const props = plainProps(args.props);
  const undecided = new Undecided();
  for (const ref of documentsOf(args.type, props)) {
    if (ref.kind === "trust" || ref.kind === "key") {
      continue;
    }
    for (const finding of inspect(ref, config, undecided)) {
      reportViolation(findingMessage(ref.path, finding));
    }
  }
  undecided.settle(`The secret references of this resource`);
}

/** Rewrites bare secret names to the `-*` form in one statement's `Resource`; true if changed. */
function rewriteStatement(
  statement: Record<string, unknown>,
  unscoped: ReadonlySet<string>,
): boolean {
  const key = Object.keys(statement).find((k) => k.toLowerCase() === "resource");
  const normalised = parseDocument({ Statement: statement });
  if (key === undefined || normalised.kind !== "parsed") {
    return false;
  }
  if (!namesScopableSecretAction(normalised.statements[0], unscoped)) {
    return false;
  }
  const raw = statement[key];
  const list = Array.isArray(raw) ? [...raw] : [raw];
  let changed = false;
  const next = list.map((entry: unknown) => {
    if (typeof entry !== "string" || classifySecretResource(entry).kind !== "bare-name") {
      return entry;
    }
    changed = true;
    return `${entry}-*`;
  });
  statement[key] = Array.isArray(raw) ? next : next[0];
  return changed;
}

function remediate(args: ResourceValidationArgs): Record<string, unknown> | undefined {
  if (!ALL_TYPES.has(args.type)) {
    args.notApplicable(`only resources that carry IAM policy documents are checked`);
  }
  const config = settings<SecretArnSuffixSettings>(args, schema);
  const unscoped = new Set(config.unscopedActions.map((action) => action.toLowerCase()));
  let props = plainProps(args.props);
  let changed = false;
  for (const ref of documentsOf(args.type, props)) {
    if (ref.kind === "trust" || ref.kind === "key") {
      continue;
    }
    const { value, secret } = unwrapSecret(ref.value);
    const document: unknown = typeof value === "string" ? safeParse(value) : structuredClone(value);
    if (!isRecord(document)) {
      continue;
    }
    const raw = field(document, "Statement");
    const statements = Array.isArray(raw) ? raw : [raw];
    let docChanged = false;
    for (const statement of statements) {
      if (isRecord(statement) && rewriteStatement(statement, unscoped)) {
        docChanged = true;
      }
    }
    if (docChanged) {
      changed = true;
      const rewritten = replaceDocument(props, ref.path, value, document);
      props = secret
        ? { ...rewritten, [topKey(ref.path)]: rewrapSecret(rewritten[topKey(ref.path)], true) }
        : rewritten;
    }
  }
  return changed ? props : undefined;
}

function topKey(path: string): string {
  return path.split(/[.[]/)[0];
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Checks that every IAM document names Secrets Manager secrets by full ARN or a `-*`/`-??????` suffix. */
export const secretArnSuffix: ResourceValidationPolicy = {
  name: "secretsmanager-arn-suffix",
  description:
    "Checks that IAM policy documents name Secrets Manager secrets by their full ARN or with a " +
    "`-*` or `-??????` suffix, never a bare name, a bare prefix or `secret:*`.",
  displayName: "Secret ARNs carry the random suffix",
  severity: "high",
  configSchema: schema,
  framework: projectControl(
    "ZMG-SM-1",
    "Secret ARN references in IAM policies include the random suffix",
  ),
  tags: controlTags(["iam", "secrets-manager", "least-privilege"], {}),
  remediationSteps:
    "Use the secret's `arn` output, or append `-*` to the secret name (`-??????` for an exact match). " +
    "With enforcement `remediate`, bare names are rewritten to the `-*` form.",
  validateResource: validate,
  remediateResource: remediate,
};
