/**
 * `secret-rotation-enabled` (stack rule, advisory by design): each secret the stack creates has a
 * rotation schedule, so a leaked credential stops working without anyone remembering to act.
 */
import {
  PolicyConfigSchema,
  ReportViolation,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { controlTags, securityHub, settings } from "../lib/metadata";
import { LinkIndex, StackIndex, StackResource } from "../lib/stack";
import { TYPES } from "../lib/types";
import { UNKNOWN, Undecided, boolProp, isRecord, isUnknown } from "../lib/values";

/** Settings of `secret-rotation-enabled`. */
export interface RotationSettings {
  /** Longest accepted interval between rotations, in days (checked when `automaticallyAfterDays` is set). */
  readonly maxRotationDays: number;
}

const schema: PolicyConfigSchema = {
  properties: {
    maxRotationDays: {
      type: "integer",
      minimum: 1,
      maximum: 1000,
      default: 90,
      description: "Longest accepted rotation interval, in days.",
    },
  },
};

/** Identifying properties a rotation's `secretId` may equal. */
const SECRET_IDENTIFIERS = ["arn", "id", "name"];

/** The message for a secret with no rotation. */
export const NO_ROTATION_MESSAGE =
  "The secret must rotate automatically: no `aws.secretsmanager.SecretRotation` refers to it; add one " +
  "with a rotation function and `rotationRules` (in this project: `pulumi config set " +
  "rotationLambdaArn <function ARN>`).";

/** The message for a rotation switched off. */
export const ROTATION_DISABLED_MESSAGE =
  "The secret's rotation must be switched on: `rotationEnabled` is false on its SecretRotation; " +
  "remove the setting or set it to true.";

/** The message for an interval longer than the setting. */
export function intervalMessage(days: number, max: number): string {
  return (
    `The secret must rotate at least every ${max} days: \`rotationRules.automaticallyAfterDays\` is ` +
    `${days}; lower it, or raise the policy setting \`maxRotationDays\`.`
  );
}

function validate(args: StackValidationArgs, reportViolation: ReportViolation): void {
  const index = new StackIndex(args.resources);
  const secrets = index.ofType(TYPES.secret);
  if (secrets.length === 0) {
    args.notApplicable(
      "the stack creates no secret (an existing secret rotates where it is managed)",
    );
  }
  const config = settings<RotationSettings>(args, schema);
  const links = new LinkIndex(secrets, SECRET_IDENTIFIERS);
  const rotationsOf = new Map<StackResource, StackResource[]>();
  let someUndecided = false;
  for (const rotation of index.ofType(TYPES.secretRotation)) {
    const { targets, undecided } = links.resolve(rotation, "secretId");
    someUndecided ||= undecided;
    for (const secret of targets) {
      rotationsOf.set(secret, [...(rotationsOf.get(secret) ?? []), rotation]);
    }
  }
  const undecided = new Undecided();
  for (const secret of secrets) {
    const linked = rotationsOf.get(secret) ?? [];
    if (linked.length === 0) {
      if (someUndecided) {
        undecided.add("which secret a rotation's `secretId` names is unknown");
      } else {
        reportViolation(NO_ROTATION_MESSAGE, secret.resource.urn);
      }
      continue;
    }
    for (const rotation of linked) {
      const enabled = boolProp(rotation.props.rotationEnabled);
      if (enabled === UNKNOWN) {
        undecided.add("`rotationEnabled` of a rotation is unknown");
      } else if (enabled === false) {
        reportViolation(ROTATION_DISABLED_MESSAGE, secret.resource.urn);
      }
      const rules = rotation.props.rotationRules;
      const days = isRecord(rules) ? rules.automaticallyAfterDays : undefined;
      if (isUnknown(days)) {
        undecided.add("`rotationRules.automaticallyAfterDays` of a rotation is unknown");
      } else if (typeof days === "number" && days > config.maxRotationDays) {
        reportViolation(intervalMessage(days, config.maxRotationDays), secret.resource.urn);
      }
    }
  }
  undecided.settle("The rotation of the stack's secrets");
}

/** Checks that every secret the stack creates rotates automatically. */
export const secretRotationEnabled: StackValidationPolicy = {
  name: "secret-rotation-enabled",
  description: "Checks that every Secrets Manager secret the stack creates has automatic rotation.",
  displayName: "Secrets rotate",
  severity: "medium",
  configSchema: schema,
  framework: securityHub(
    "SecretsManager.1",
    "Secrets Manager secrets should have automatic rotation enabled",
  ),
  tags: controlTags(["secrets-manager", "rotation"], { securityHub: ["SecretsManager.1"] }),
  remediationSteps:
    "Add an `aws.secretsmanager.SecretRotation` for the secret with a rotation function and a schedule.",
  validateStack: validate,
};
