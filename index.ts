/**
 * Deploys the Zscaler MCP server to Amazon Bedrock AgentCore Runtime for one stack:
 * validated configuration -> credentials secret, execution role, audit trail, and the runtime
 * (directly, or through the deployer function in `lambda` mode) -> stack outputs.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AuditTrail } from "./components/auditTrail";
import { accessPrincipals, deployRuntime } from "./components/credentialModes";
import { loadSettings } from "./components/config/load";
import { ecrRepositoryOf } from "./components/config/rules";
import { CredentialsSecret, secretKeyAlias } from "./components/credentialsSecret";
import { lookupAccount } from "./components/accountLookup";
import { deployerPolicy } from "./components/deployerPermissions";
import { ExecutionRole } from "./components/executionRole";
import { policyJson, resolveAccount } from "./components/policyDocument";

const settings = loadSettings();
const prefix = `zscaler-mcp-${settings.environment}`;
const account = lookupAccount(settings.secret.deployerPrincipalArn);
const tags = settings.tags;

const secret = new CredentialsSecret(`${prefix}-credentials`, {
  account,
  create: settings.secret.create,
  name: settings.secret.name,
  arn: settings.secret.arn,
  values: settings.secret.values,
  kms: settings.secret.kms,
  rotation: settings.secret.rotation,
  recoveryWindowDays: settings.secret.recoveryWindowDays,
  deployerArn: account.deployerArn,
  tags,
});

const executionRole = new ExecutionRole(`${prefix}-execution`, {
  account,
  image: ecrRepositoryOf(settings.runtime.containerUri),
  runtimeName: settings.runtime.name,
  namePrefix: `${prefix}-exec-`,
  permissionsBoundaryArn: settings.deployer.permissionsBoundaryArn,
  secretAccess:
    settings.credentialMode === "runtime"
      ? { secretArn: secret.arn, kmsKeyArn: secret.kmsKeyArn }
      : undefined,
  tags,
});

const audit = new AuditTrail(`${prefix}-audit`, {
  account,
  settings: settings.audit,
  trailName: prefix,
  deployerArn: account.deployerArn,
  tags,
});

const runtime = deployRuntime({ settings, prefix, account, secret, executionRole, tags });

// A rotation function reads and writes the value as its own role, which must stay allowed.
const rotationRoleArn = settings.secret.rotation
  ? aws.lambda.getFunctionOutput({ functionName: settings.secret.rotation.lambdaArn }).role
  : undefined;
const secretPolicyDocument = secret.restrictReads(
  accessPrincipals(settings, account.deployerArn, [runtime.secretReaderArn, rotationRoleArn]),
);

const deployerPolicyDocument = policyJson(
  pulumi.all([resolveAccount(account), account.deployerArn]).apply(([resolved, deployerArn]) =>
    deployerPolicy({
      account: resolved,
      mode: settings.credentialMode,
      namePrefix: prefix,
      secretResource:
        settings.secret.arn ??
        `arn:${resolved.partition}:secretsmanager:${resolved.region}:${resolved.accountId}:` +
          `secret:${settings.secret.name}-??????`,
      createsSecret: settings.secret.create,
      createsKeys:
        settings.secret.kms.kind === "create" ||
        (settings.audit.kind === "create" && settings.audit.kmsEncryption),
      runtimeName: settings.runtime.name,
      trailName: settings.audit.kind === "create" ? prefix : undefined,
      smokeCheck: settings.smokeCheck.enabled && settings.credentialMode !== "lambda",
      deployerArn,
      permissionsBoundaryArn: settings.deployer.permissionsBoundaryArn,
      keyAliases:
        settings.secret.create && settings.secret.kms.kind === "create"
          ? [secretKeyAlias(settings.secret.name)]
          : [],
      rotationLambdaArn: settings.secret.rotation?.lambdaArn,
    }),
  ),
);
if (settings.deployer.createManagedPolicy) {
  new aws.iam.Policy(`${prefix}-deployer-policy`, {
    namePrefix: `${prefix}-deployer-`,
    description: `Least privilege to deploy the ${settings.stack} stack of zscaler-mcp`,
    policy: deployerPolicyDocument,
    tags,
  });
}

/** The credential mode this stack runs in. */
export const credentialMode = settings.credentialMode;
/** The AgentCore runtime's ARN. */
export const runtimeArn = runtime.runtimeArn;
/** The AgentCore runtime's id. */
export const runtimeId = runtime.runtimeId;
/** The runtime's current version. */
export const runtimeVersion = runtime.runtimeVersion;
/** The runtime's status after this deployment. */
export const runtimeStatus = runtime.status;
/** The MCP endpoint clients connect to. */
export const mcpInvocationUrl = runtime.invocationUrl;
/** The credentials secret's ARN. */
export const secretArn = secret.arn;
/** The execution role's ARN. */
export const executionRoleArn = executionRole.roleArn;
/** The CloudTrail trail that records the stack's API calls. */
export const trailArn = audit.trailArn;
/** The server's CloudWatch log group. */
export const logGroupName = runtime.logGroupName;
/** Paste to follow the server's logs. */
export const logsCommand = runtime.logsCommand;
/** Paste to see the runtime's configuration and status. */
export const describeCommand = runtime.describeCommand;
/** The least-privilege policy for the principal that deploys this stack. */
export const deployerPermissions = deployerPolicyDocument;
/** The secret's resource policy (attached when this stack created the secret). */
export const secretResourcePolicy = secretPolicyDocument;
/** `lambda` mode: the deployer function's name. */
export const deployerFunctionName = runtime.deployerFunctionName;
