/**
 * Resource policies for the credentials secret and the key policy of its customer-managed key.
 */
import { keyAdministration, keyManagementByDeployer } from "./keyAdministration";
import { PolicyDocument, ResolvedAccount, policyDocument } from "./policyDocument";

/**
 * The secret's resource policy: deny reading the value to every principal not named here. The
 * names are role or user ARNs; `aws:PrincipalArn` carries the role ARN for assumed-role sessions,
 * so one entry covers every session of a role.
 */
export function secretReadPolicy(
  secretArn: string,
  allowedPrincipals: readonly string[],
): PolicyDocument {
  const allowed = [...new Set(allowedPrincipals)].sort();
  return policyDocument([
    {
      Sid: "DenyReadToUnnamedPrincipals",
      Effect: "Deny",
      Principal: "*",
      Action: "secretsmanager:GetSecretValue",
      Resource: secretArn,
      Condition: { StringNotEquals: { "aws:PrincipalArn": allowed } },
    },
  ]);
}

/**
 * Key policy of a customer-managed key for the secret: the account administers the key through
 * IAM, the deploying principal manages it, and only Secrets Manager in this account and region
 * may use it to encrypt and decrypt.
 */
export function secretKeyPolicy(account: ResolvedAccount, deployerArn: string): PolicyDocument {
  const { partition, accountId, region } = account;
  return policyDocument([
    keyAdministration(account),
    keyManagementByDeployer(deployerArn),
    {
      Sid: "UseThroughSecretsManagerOnly",
      Effect: "Allow",
      Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
      Action: [
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:DescribeKey",
      ],
      Resource: "*",
      Condition: {
        StringEquals: {
          "kms:ViaService": `secretsmanager.${region}.amazonaws.com`,
          "kms:CallerAccount": accountId,
        },
      },
    },
  ]);
}
