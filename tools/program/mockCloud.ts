/**
 * A simulated AWS account for running the program under Pulumi's mock runtime: plausible ids and
 * ARNs for every resource type the program registers, and answers to the provider functions it
 * calls. A call nobody taught it fails loudly, so a new cloud lookup cannot slip in unnoticed.
 */
import * as pulumi from "@pulumi/pulumi";

/** The simulated account. */
export interface MockAccount {
  readonly accountId: string;
  readonly region: string;
  /** The role the deployment runs as (its session ARN is derived from it). */
  readonly deployerRoleName: string;
  /** `SecretString` that `getSecretVersion` returns (the value a real secret would hold). */
  readonly secretString: string;
  /** The id of the secret's current version. */
  readonly secretVersionId: string;
}

/** The default simulated account. */
export const DEFAULT_ACCOUNT: MockAccount = {
  accountId: "123456789012",
  region: "us-east-1",
  deployerRoleName: "zscaler-mcp-ci-deployer",
  secretString: JSON.stringify({
    ZSCALER_CLIENT_ID: "offline-client-id",
    ZSCALER_CLIENT_SECRET: "offline-client-secret",
    ZSCALER_VANITY_DOMAIN: "example",
    ZSCALER_CUSTOMER_ID: "0000000000",
    ZSCALER_CLOUD: "production",
  }),
  secretVersionId: "a1b2c3d4-0000-4000-8000-000000000001",
};

/** A short stable suffix for physical names, like Pulumi's auto-naming adds. */
function suffix(name: string, length = 7): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash.toString(16).padStart(8, "0").slice(0, length);
}

/** Builds the mocks for `account`. */
export function mockCloud(account: MockAccount): pulumi.runtime.Mocks {
  const { accountId, region } = account;
  const arn = (service: string, resource: string, scoped = true) =>
    `arn:aws:${service}:${scoped ? region : ""}:${scoped ? accountId : ""}:${resource}`;

  return {
    newResource(args: pulumi.runtime.MockResourceArgs): {
      id: string;
      state: Record<string, unknown>;
    } {
      const inputs = args.inputs as Record<string, string | undefined>;
      const physical =
        (inputs.name as string | undefined) ??
        `${inputs.namePrefix ?? `${args.name}-`}${suffix(args.name)}`;
      switch (args.type) {
        case "aws:iam/role:Role":
          return {
            id: physical,
            state: { ...inputs, name: physical, arn: `arn:aws:iam::${accountId}:role/${physical}` },
          };
        case "aws:iam/policy:Policy":
          return {
            id: physical,
            state: {
              ...inputs,
              name: physical,
              arn: `arn:aws:iam::${accountId}:policy/${physical}`,
            },
          };
        case "aws:kms/key:Key": {
          const keyId = `0d1e2f3a-${suffix(args.name, 4)}-4000-8000-${suffix(args.name, 8)}0000`;
          return { id: keyId, state: { ...inputs, keyId, arn: arn("kms", `key/${keyId}`) } };
        }
        case "aws:secretsmanager/secret:Secret": {
          const secretArn = arn("secretsmanager", `secret:${physical}-AbC123`);
          return { id: secretArn, state: { ...inputs, name: physical, arn: secretArn } };
        }
        case "aws:secretsmanager/secretVersion:SecretVersion":
          return {
            id: `${inputs.secretId}|${account.secretVersionId}`,
            state: { ...inputs, versionId: account.secretVersionId },
          };
        case "aws:s3/bucket:Bucket": {
          const bucket = inputs.bucket ?? `${args.name}-${suffix(args.name)}`;
          return { id: bucket, state: { ...inputs, bucket, arn: `arn:aws:s3:::${bucket}` } };
        }
        case "aws:cloudtrail/trail:Trail":
          return {
            id: physical,
            state: { ...inputs, arn: arn("cloudtrail", `trail/${physical}`) },
          };
        case "aws:lambda/function:Function":
          return {
            id: physical,
            state: { ...inputs, name: physical, arn: arn("lambda", `function:${physical}`) },
          };
        case "aws:cloudwatch/logGroup:LogGroup":
          return {
            id: physical,
            state: { ...inputs, name: physical, arn: arn("logs", `log-group:${physical}`) },
          };
        case "aws:cloudwatch/eventRule:EventRule":
          return {
            id: physical,
            state: { ...inputs, name: physical, arn: arn("events", `rule/${physical}`) },
          };
        case "pulumi-nodejs:dynamic/agentcore:AgentRuntime":
        case "aws:lambda/invocation:Invocation":
          return agentRuntimeState(args, inputs, account);
        case "command:local:Command":
          return {
            id: args.name,
            state: {
              ...inputs,
              stdout: "smoke check passed after 1 attempt(s): 3 tools",
              stderr: "",
            },
          };
        default:
          return {
            id: `${args.name}-id`,
            state: { ...inputs, ...(args.custom ? { arn: arn("mock", args.name) } : {}) },
          };
      }
    },

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
      const inputs = args.inputs as Record<string, string | undefined>;
      switch (args.token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
          return {
            accountId,
            arn: `arn:aws:sts::${accountId}:assumed-role/${account.deployerRoleName}/pulumi-session`,
            userId: "AROAEXAMPLEOFFLINE:pulumi-session",
            id: accountId,
          };
        case "aws:iam/getSessionContext:getSessionContext": {
          const match = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(inputs.arn ?? "");
          const issuerArn = match ? `arn:aws:iam::${match[1]}:role/${match[2]}` : inputs.arn;
          return { arn: inputs.arn, issuerArn, issuerName: match?.[2] ?? "", id: inputs.arn };
        }
        case "aws:index/getRegion:getRegion":
          return { region, name: region, id: region, endpoint: `ec2.${region}.amazonaws.com` };
        case "aws:index/getPartition:getPartition":
          return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
        case "aws:secretsmanager/getSecret:getSecret": {
          const secretArn = inputs.arn ?? arn("secretsmanager", `secret:${inputs.name}-XyZ789`);
          const name = inputs.name ?? /:secret:(.+)-[A-Za-z0-9]{6}$/.exec(secretArn)?.[1];
          return { arn: secretArn, name, kmsKeyId: "", id: secretArn };
        }
        case "aws:secretsmanager/getSecretVersion:getSecretVersion":
          return {
            arn: inputs.secretId,
            secretId: inputs.secretId,
            secretString: account.secretString,
            versionId: account.secretVersionId,
            versionStages: ["AWSCURRENT"],
            id: inputs.secretId,
          };
        case "aws:secretsmanager/getSecretVersions:getSecretVersions":
          return {
            arn: inputs.secretId,
            secretId: inputs.secretId,
            versions: [
              {
                versionId: account.secretVersionId,
                versionStages: ["AWSCURRENT"],
                createdTime: "",
                lastAccessedDate: "",
              },
            ],
            id: inputs.secretId,
          };
        case "aws:lambda/getFunction:getFunction":
          return {
            arn: inputs.functionName,
            functionName: inputs.functionName,
            role: `arn:aws:iam::${accountId}:role/service-role/zscaler-rotation-function`,
            id: inputs.functionName,
          };
        case "aws:kms/getKey:getKey": {
          const keyId = inputs.keyId ?? "";
          return {
            arn: keyId.startsWith("arn:") ? keyId : arn("kms", `key/${keyId}`),
            keyId,
            keyManager: keyId.includes("alias/aws/") ? "AWS" : "CUSTOMER",
            id: keyId,
          };
        }
        default:
          throw new Error(
            `The simulated account does not answer ${args.token}; teach tools/program/mockCloud.ts.`,
          );
      }
    },
  };
}

/** What an AgentCore runtime looks like once READY, for the dynamic resource and the deployer. */
function agentRuntimeState(
  args: pulumi.runtime.MockResourceArgs,
  inputs: Record<string, string | undefined>,
  account: MockAccount,
): { id: string; state: Record<string, unknown> } {
  let name = inputs.agentRuntimeName ?? args.name;
  if (args.type === "aws:lambda/invocation:Invocation") {
    // The deployer's deploy-time request names the runtime in its detail.
    const request = JSON.parse(inputs.input ?? "{}") as { detail?: { agentRuntimeName?: string } };
    name = request.detail?.agentRuntimeName ?? args.name;
  }
  const agentRuntimeId = `${name}-${suffix(name, 10)}`;
  const agentRuntimeArn = `arn:aws:bedrock-agentcore:${account.region}:${account.accountId}:runtime/${agentRuntimeId}`;
  const runtime = {
    agentRuntimeId,
    agentRuntimeArn,
    agentRuntimeVersion: "1",
    status: "READY",
    invocationUrl:
      `https://bedrock-agentcore.${account.region}.amazonaws.com/runtimes/` +
      `${encodeURIComponent(agentRuntimeArn)}/invocations?qualifier=DEFAULT`,
  };
  if (args.type === "aws:lambda/invocation:Invocation") {
    const result = JSON.stringify({
      action: "created",
      ...runtime,
      secretVersionId: account.secretVersionId,
    });
    return { id: `${args.name}-invocation`, state: { ...inputs, result } };
  }
  return { id: agentRuntimeId, state: { ...inputs, ...runtime } };
}
