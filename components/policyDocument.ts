/**
 * IAM policy documents as plain data, so that every statement this program generates can be
 * built, read and tested without the cloud.
 */
import * as pulumi from "@pulumi/pulumi";

/** A condition block: operator -> key -> value(s). */
export type Condition = Record<string, Record<string, string | string[]>>;

/** One IAM statement. `Principal` appears only in trust and resource policies. */
export interface Statement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: "*" | Record<string, string | string[]>;
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Condition;
}

/** A whole IAM policy document. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: Statement[];
}

/** Wraps statements into a document. */
export function policyDocument(statements: Statement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** Serializes a document whose statements may hold Outputs, for a resource's `policy` input. */
export function policyJson(document: pulumi.Input<PolicyDocument>): pulumi.Output<string> {
  return pulumi.jsonStringify(pulumi.output(document));
}

/** Account, region and partition of the stack, resolved once and handed to every component. */
export interface AccountContext {
  readonly accountId: pulumi.Input<string>;
  readonly region: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
}

/** The plain form of {@link AccountContext}, inside an `apply`. */
export interface ResolvedAccount {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

/** Resolves an {@link AccountContext} into one Output. */
export function resolveAccount(account: AccountContext): pulumi.Output<ResolvedAccount> {
  return pulumi
    .all([account.accountId, account.region, account.partition])
    .apply(([accountId, region, partition]) => ({ accountId, region, partition }));
}
