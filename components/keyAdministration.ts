/**
 * The administration statement every customer-managed key of this stack carries: the account
 * manages the key through IAM policies (so no key is ever unmanageable), while the use of the key
 * is granted by each key's own, narrower statements.
 */
import { ResolvedAccount, Statement } from "./policyDocument";

/** Key-policy statement letting the account's IAM policies administer (not use) the key. */
export function keyAdministration(account: ResolvedAccount): Statement {
  return {
    Sid: "AccountAdministersKeyThroughIam",
    Effect: "Allow",
    Principal: { AWS: `arn:${account.partition}:iam::${account.accountId}:root` },
    Action: [
      "kms:Create*",
      "kms:Describe*",
      "kms:Enable*",
      "kms:List*",
      "kms:Put*",
      "kms:Update*",
      "kms:Revoke*",
      "kms:Disable*",
      "kms:Get*",
      "kms:Delete*",
      "kms:TagResource",
      "kms:UntagResource",
      "kms:ScheduleKeyDeletion",
      "kms:CancelKeyDeletion",
      "kms:RotateKeyOnDemand",
    ],
    // In a key policy, "*" is the key itself.
    Resource: "*",
  };
}

/**
 * Key-policy statement letting the deploying principal manage a key this stack created (but not
 * use it), so the deployer needs no tag- or wildcard-based KMS grant in IAM.
 */
export function keyManagementByDeployer(deployerArn: string): Statement {
  return {
    Sid: "DeployerManagesKey",
    Effect: "Allow",
    Principal: { AWS: deployerArn },
    Action: [
      "kms:DescribeKey",
      "kms:GetKeyPolicy",
      "kms:PutKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:EnableKeyRotation",
      "kms:ListResourceTags",
      "kms:TagResource",
      "kms:UntagResource",
      "kms:UpdateKeyDescription",
      "kms:ScheduleKeyDeletion",
      "kms:CreateAlias",
      "kms:DeleteAlias",
      "kms:UpdateAlias",
    ],
    Resource: "*",
  };
}
