/**
 * Resource type tokens the policies recognise, checked against `@pulumi/aws` 7.x and the program's
 * own dynamic provider. Policies compare `args.type` with these strings instead of importing
 * `@pulumi/aws`, which keeps the pack small and fast to load.
 */

/** Type tokens, one per resource kind. */
export const TYPES = {
  secret: "aws:secretsmanager/secret:Secret",
  secretPolicy: "aws:secretsmanager/secretPolicy:SecretPolicy",
  secretRotation: "aws:secretsmanager/secretRotation:SecretRotation",
  kmsKey: "aws:kms/key:Key",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  userPolicy: "aws:iam/userPolicy:UserPolicy",
  groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
  managedPolicy: "aws:iam/policy:Policy",
  trail: "aws:cloudtrail/trail:Trail",
  bucket: "aws:s3/bucket:Bucket",
  bucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  lambdaFunction: "aws:lambda/function:Function",
  agentRuntime: "pulumi-nodejs:dynamic/agentcore:AgentRuntime",
  nativeAgentRuntime: "aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime",
} as const;

/** The service principal AgentCore uses to assume a runtime's execution role. */
export const AGENTCORE_PRINCIPAL = "bedrock-agentcore.amazonaws.com";

/** Resources whose inputs carry identity-based IAM policy documents (who may do what). */
export const IDENTITY_DOCUMENT_TYPES: ReadonlySet<string> = new Set([
  TYPES.managedPolicy,
  TYPES.rolePolicy,
  TYPES.userPolicy,
  TYPES.groupPolicy,
  TYPES.role,
]);

/** Resources whose inputs carry resource-based policies naming principals. */
export const RESOURCE_DOCUMENT_TYPES: ReadonlySet<string> = new Set([
  TYPES.secretPolicy,
  TYPES.secret,
  TYPES.bucketPolicy,
]);

/** Resources whose inputs carry container or function environment variables. */
export const ENVIRONMENT_TYPES: ReadonlySet<string> = new Set([
  TYPES.agentRuntime,
  TYPES.nativeAgentRuntime,
  TYPES.lambdaFunction,
]);
