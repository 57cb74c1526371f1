/**
 * Looks up the account, region and partition the stack deploys into, and the principal that runs
 * the deployment (as its IAM role or user ARN, never the STS session ARN).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "./policyDocument";

/** What {@link lookupAccount} returns. */
export interface AccountLookup extends AccountContext {
  /** The deploying principal's role ARN (resolved from its session) or user ARN. */
  readonly deployerArn: pulumi.Output<string>;
}

/**
 * Looks up the caller. `deployerOverride` replaces the caller's own ARN when the configuration
 * names the deploying principal explicitly (for example a CI role assumed through a chain).
 */
export function lookupAccount(
  deployerOverride?: string,
  opts?: pulumi.InvokeOptions,
): AccountLookup {
  const caller = aws.getCallerIdentityOutput({}, opts);
  const region = aws.getRegionOutput({}, opts);
  const partition = aws.getPartitionOutput({}, opts);
  const deployerArn =
    deployerOverride !== undefined
      ? pulumi.output(deployerOverride)
      : aws.iam.getSessionContextOutput({ arn: caller.arn }, opts).issuerArn;
  return {
    accountId: caller.accountId,
    region: region.region,
    partition: partition.partition,
    deployerArn,
  };
}
