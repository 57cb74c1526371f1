/**
 * `execution-role-secret-scope` (stack rule): the AgentCore execution role (the role that trusts
 * bedrock-agentcore.amazonaws.com) can read no secret but the ones this stack owns, so a prod
 * runtime can never read a dev secret, and a leaked runtime token reaches one secret only.
 */
import {
  PolicyConfigSchema,
  ReportViolation,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { DocumentRef, documentsOf } from "../lib/documents";
import {
  NormalStatement,
  actionMatches,
  isAllow,
  parseDocument,
  servicePrincipals,
} from "../lib/iamDocument";
import { controlTags, projectControl, settings } from "../lib/metadata";
import { classifySecretResource, onlySecretName } from "../lib/secretArn";
import { LinkIndex, StackIndex, StackResource } from "../lib/stack";
import { AGENTCORE_PRINCIPAL, TYPES } from "../lib/types";
import { UNKNOWN, Undecided, isUnknown } from "../lib/values";

/** Settings of `execution-role-secret-scope`. */
export interface SecretScopeSettings {
  /** Names of existing secrets (created outside the stack) that the runtime may read. */
  readonly allowedSecretNames: readonly string[];
}

const schema: PolicyConfigSchema = {
  properties: {
    allowedSecretNames: {
      type: "array",
      items: { type: "string" },
      default: [],
      description:
        "Existing secrets (by name) this stack's runtime may read, besides those it creates.",
    },
  },
};

const READ_ACTION = "secretsmanager:GetSecretValue";
const ROLE_IDS = ["name", "id", "arn"];
const POLICY_IDS = ["arn", "id"];

/** The message for a grant to read a secret outside this stack. */
export function scopeMessage(
  carrier: string,
  path: string,
  statement: number,
  resource: number,
): string {
  return (
    `The AgentCore execution role must read only this stack's secret: statement ${statement} of ` +
    `\`${path}\` on ${carrier} lets it read resource ${resource}, which is not a secret this stack ` +
    "creates nor one listed in the policy setting `allowedSecretNames`; scope it to this stack's " +
    "secret ARN (or `<name>-*`)."
  );
}

/** True when the role's trust policy lets AgentCore assume it; UNKNOWN when unknown. */
function isExecutionRole(role: StackResource): boolean | typeof UNKNOWN {
  const trust = parseDocument(role.props.assumeRolePolicy);
  if (trust.kind === "unknown") {
    return UNKNOWN;
  }
  if (trust.kind !== "parsed") {
    return false;
  }
  return trust.statements.some((s) => {
    const services = servicePrincipals(s.principal);
    return isAllow(s) && services !== UNKNOWN && services.includes(AGENTCORE_PRINCIPAL);
  });
}

/** A permissions document with the resource that carries it. */
interface CarriedDocument {
  readonly carrier: StackResource;
  readonly ref: DocumentRef;
}

/** Every document that grants the execution roles permissions: inline, role policies, attached. */
function executionDocuments(
  index: StackIndex,
  roles: readonly StackResource[],
  undecided: Undecided,
): CarriedDocument[] {
  const found: CarriedDocument[] = [];
  for (const role of roles) {
    for (const ref of documentsOf(TYPES.role, role.props)) {
      if (ref.kind === "identity") {
        found.push({ carrier: role, ref });
      }
    }
  }
  const byRole = new LinkIndex(roles, ROLE_IDS);
  const attached = (source: StackResource): boolean => {
    const { targets, undecided: unknown } = byRole.resolve(source, "role");
    if (unknown) {
      undecided.add(`which role \`${source.resource.name}\` attaches to is unknown`);
    }
    return targets.length > 0;
  };
  for (const rolePolicy of index.ofType(TYPES.rolePolicy).filter(attached)) {
    for (const ref of documentsOf(TYPES.rolePolicy, rolePolicy.props)) {
      found.push({ carrier: rolePolicy, ref });
    }
  }
  const managed = new LinkIndex(index.ofType(TYPES.managedPolicy), POLICY_IDS);
  for (const attachment of index.ofType(TYPES.rolePolicyAttachment).filter(attached)) {
    for (const policy of managed.resolve(attachment, "policyArn").targets) {
      for (const ref of documentsOf(TYPES.managedPolicy, policy.props)) {
        found.push({ carrier: policy, ref });
      }
    }
  }
  return found;
}

function readsSecrets(statement: NormalStatement): boolean | typeof UNKNOWN {
  if (statement.actions === UNKNOWN) {
    return UNKNOWN;
  }
  if (statement.notActions !== undefined) {
    return true;
  }
  const actions = statement.actions ?? [];
  if (actions.some((a) => a === UNKNOWN)) {
    return UNKNOWN;
  }
  return actions.some((a) => actionMatches(a as string, READ_ACTION));
}

function validate(args: StackValidationArgs, reportViolation: ReportViolation): void {
  const undecided = new Undecided();
  const index = new StackIndex(args.resources);
  const roles = index.ofType(TYPES.role).filter((role) => {
    const execution = isExecutionRole(role);
    if (execution === UNKNOWN) {
      undecided.add(`the trust policy of role \`${role.resource.name}\` is unknown`);
    }
    return execution === true;
  });
  if (roles.length === 0 && undecided.empty) {
    args.notApplicable("the stack has no role that AgentCore can assume");
  }
  const config = settings<SecretScopeSettings>(args, schema);
  const allowed = new Set(config.allowedSecretNames);
  for (const secret of index.ofType(TYPES.secret)) {
    const name = secret.props.name;
    if (isUnknown(name)) {
      undecided.add(`the name of secret \`${secret.resource.name}\` is unknown`);
    } else if (typeof name === "string") {
      allowed.add(name);
    }
  }
  for (const { carrier, ref } of executionDocuments(index, roles, undecided)) {
    const parsed = ref.parsed;
    if (parsed.kind === "unknown") {
      undecided.add(
        `\`${ref.path}\` of \`${carrier.resource.name}\` is computed from other resources' outputs`,
      );
      continue;
    }
    if (parsed.kind !== "parsed") {
      continue;
    }
    const where = `${carrier.resource.type.split(":").pop()} \`${carrier.resource.name}\``;
    for (const statement of parsed.statements) {
      const reads = readsSecrets(statement);
      if (reads === UNKNOWN || statement.resources === UNKNOWN) {
        undecided.add(`statement ${statement.position} of \`${ref.path}\` on ${where} is unknown`);
        continue;
      }
      if (!reads || !isAllow(statement)) {
        continue;
      }
      (statement.resources ?? []).forEach((entry, i) => {
        const reference = classifySecretResource(entry);
        if (reference.kind === "unknown") {
          undecided.add(
            `resource ${i + 1} of statement ${statement.position} on ${where} is unknown`,
          );
          return;
        }
        if (
          reference.kind === "not-a-secret" ||
          reference.kind === "bare-name" ||
          reference.kind === "wrong-length"
        ) {
          return; // matches no secret at all (secretsmanager-arn-suffix reports the broken ones)
        }
        const name = onlySecretName(reference);
        if (name === undefined || !allowed.has(name)) {
          reportViolation(
            scopeMessage(where, ref.path, statement.position, i + 1),
            carrier.resource.urn,
          );
        }
      });
    }
  }
  undecided.settle("The secrets the AgentCore execution role can read");
}

/** Checks that the AgentCore execution role can read only this stack's secrets. */
export const executionRoleSecretScope: StackValidationPolicy = {
  name: "execution-role-secret-scope",
  description:
    "Checks that the AgentCore execution role can read no Secrets Manager secret other than the " +
    "ones this stack creates or its settings list.",
  displayName: "Runtime reads only its own secret",
  severity: "critical",
  configSchema: schema,
  framework: projectControl(
    "ZMG-SM-3",
    "Each environment's runtime reads only that environment's secret",
  ),
  tags: controlTags(["iam", "secrets-manager", "least-privilege", "agentcore"], {}),
  remediationSteps:
    "Grant `secretsmanager:GetSecretValue` on this stack's secret ARN only; list secrets created " +
    "elsewhere in the policy setting `allowedSecretNames`.",
  validateStack: validate,
};
