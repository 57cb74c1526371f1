/**
 * Bucket and key policies of the audit trail: CloudTrail may write only for this trail, and
 * nobody may reach the bucket without TLS.
 */
import { keyAdministration, keyManagementByDeployer } from "./keyAdministration";
import { PolicyDocument, ResolvedAccount, policyDocument } from "./policyDocument";

/** The ARN of a trail named `trailName` in the resolved account and region. */
export function trailArnOf(account: ResolvedAccount, trailName: string): string {
  return `arn:${account.partition}:cloudtrail:${account.region}:${account.accountId}:trail/${trailName}`;
}

/** Bucket policy: TLS only; CloudTrail checks the ACL and writes, for this trail alone. */
export function trailBucketPolicy(
  account: ResolvedAccount,
  bucketArn: string,
  trailName: string,
): PolicyDocument {
  const sourceArn = { "aws:SourceArn": trailArnOf(account, trailName) };
  return policyDocument([
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
    {
      Sid: "CloudTrailAclCheck",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: bucketArn,
      Condition: { StringEquals: sourceArn },
    },
    {
      Sid: "CloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${bucketArn}/AWSLogs/${account.accountId}/*`,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", ...sourceArn } },
    },
  ]);
}

/** Key policy of the trail's KMS key: the account administers it; CloudTrail encrypts for this trail. */
export function trailKeyPolicy(
  account: ResolvedAccount,
  trailName: string,
  deployerArn: string,
): PolicyDocument {
  const { partition, accountId, region } = account;
  const root = `arn:${partition}:iam::${accountId}:root`;
  return policyDocument([
    keyAdministration(account),
    keyManagementByDeployer(deployerArn),
    {
      Sid: "CloudTrailEncryptsLogs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceArn": trailArnOf(account, trailName) },
        StringLike: {
          "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${partition}:cloudtrail:*:${accountId}:trail/*`,
        },
      },
    },
    {
      Sid: "CloudTrailDescribesKey",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:DescribeKey",
      Resource: "*",
    },
    {
      Sid: "AccountReadsLogs",
      Effect: "Allow",
      Principal: { AWS: root },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: {
        StringLike: {
          "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${partition}:cloudtrail:*:${accountId}:trail/*`,
        },
        StringEquals: {
          "kms:CallerAccount": accountId,
          "kms:ViaService": `s3.${region}.amazonaws.com`,
        },
      },
    },
  ]);
}
