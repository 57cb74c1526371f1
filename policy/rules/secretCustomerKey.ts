/**
 * `secret-customer-managed-key`: the credentials secret is encrypted with a customer-managed KMS
 * key, whose key policy the team controls, rather than the account's default `aws/secretsmanager`.
 */
import {
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
} from "@pulumi/policy";
import { controlTags, projectControl, settings } from "../lib/metadata";
import { TYPES } from "../lib/types";
import { cannotDecide, isUnknown, plainProps } from "../lib/values";

/** Settings of `secret-customer-managed-key`. */
export interface CustomerKeySettings {
  /** Treat a key id computed from another resource's output (unknown at preview) as a customer key. */
  readonly trustComputedKeyIds: boolean;
}

const schema: PolicyConfigSchema = {
  properties: {
    trustComputedKeyIds: {
      type: "boolean",
      default: true,
      description:
        "A `kmsKeyId` computed from another resource (an `aws.kms.Key` of this stack) counts as a " +
        "customer-managed key at preview; when false, the rule waits for the value.",
    },
  },
};

/** True for a reference to the AWS managed key (`alias/aws/secretsmanager`, by alias name or ARN). */
export function isAwsManagedKey(keyId: string): boolean {
  return /(^|:)alias\/aws\//.test(keyId);
}

/** The message when no key, or the AWS managed key, encrypts the secret. */
export const CMK_MESSAGE =
  "The secret must be encrypted with a customer-managed KMS key: `kmsKeyId` is empty or names the " +
  "AWS managed key `aws/secretsmanager`, whose policy anyone in the account with Secrets Manager " +
  "access can use; create an `aws.kms.Key` for the secret and set its ARN as `kmsKeyId`.";

function validate(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
  if (args.type !== TYPES.secret) {
    args.notApplicable("only Secrets Manager secrets are checked");
  }
  const keyId = plainProps(args.props).kmsKeyId;
  if (isUnknown(keyId)) {
    // Only a key this stack creates makes the id unknown at preview, and AWS managed keys are never
    // created by a stack: the computed id names a customer-managed key.
    if (settings<CustomerKeySettings>(args, schema).trustComputedKeyIds) {
      return;
    }
    cannotDecide(
      "The secret's key cannot be checked before the update: `kmsKeyId` is computed from another " +
        "resource's output. The check runs again when the value is known.",
    );
  }
  if (typeof keyId !== "string" || keyId === "" || isAwsManagedKey(keyId)) {
    reportViolation(CMK_MESSAGE);
  }
}

/** Checks that the secret uses a customer-managed KMS key. */
export const secretCustomerManagedKey: ResourceValidationPolicy = {
  name: "secret-customer-managed-key",
  description: "Checks that Secrets Manager secrets are encrypted with a customer-managed KMS key.",
  displayName: "Secret uses a customer-managed key",
  severity: "medium",
  configSchema: schema,
  framework: projectControl("ZMG-SM-2", "Secrets are encrypted with a customer-managed KMS key"),
  tags: controlTags(["secrets-manager", "kms", "encryption"], { checkov: ["CKV_AWS_149"] }),
  remediationSteps:
    "Create an `aws.kms.Key` (with rotation) and pass its ARN as the secret's `kmsKeyId`.",
  validateResource: validate,
};
