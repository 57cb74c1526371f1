/**
 * The least-privilege permissions of the principal that runs `pulumi up` for one stack, derived
 * from what the stack actually manages in its credential mode. Published as a stack output (and
 * optionally as a managed policy) so a CI role can be given exactly this and nothing more.
 */
import { CredentialMode } from "./config/settings";
import { AGENTCORE_SERVICE } from "./executionRolePolicies";
import {
  ArnBuilder,
  lambdaStatements,
  runtimeStatements,
  trailStatements,
} from "./deployerServiceStatements";
import { PolicyDocument, ResolvedAccount, Statement, policyDocument } from "./policyDocument";

/** What the stack manages, as far as the deployer's permissions depend on it. */
export interface DeployerScope {
  readonly account: ResolvedAccount;
  readonly mode: CredentialMode;
  /** Prefix of every name this stack gives its IAM roles, functions, rules and buckets. */
  readonly namePrefix: string;
  /**
   * The secret as IAM names it: the full ARN of an adopted secret, or its name with AWS's
   * six-character suffix (`secret:<name>-??????`) for one the stack creates.
   */
  readonly secretResource: string;
  /** True when the stack creates (and so writes) the secret; false when it adopts it. */
  readonly createsSecret: boolean;
  /** True when the stack creates customer-managed KMS keys. */
  readonly createsKeys: boolean;
  /** The runtime's name; runtime ids start with it. */
  readonly runtimeName: string;
  /** The trail's name when the stack creates it. */
  readonly trailName?: string;
  /** True when the post-deploy smoke check runs. */
  readonly smokeCheck: boolean;
  /** The deploying principal; when it is a role, it may read itself to resolve its session. */
  readonly deployerArn: string;
  /**
   * The permissions boundary every role of the stack carries. With it, the deployer may create
   * and change roles only under that boundary, so it cannot mint a role more powerful than the
   * boundary allows; without it, role management is as powerful as the inline policies it writes.
   */
  readonly permissionsBoundaryArn?: string;
  /** The KMS aliases the stack creates (for example `alias/zscaler/mcp/credentials/prod`). */
  readonly keyAliases: readonly string[];
  /** The secret's rotation function, when rotation is on. */
  readonly rotationLambdaArn?: string;
}

/** The deployer's policy for `scope`. */
export function deployerPolicy(scope: DeployerScope): PolicyDocument {
  const { partition, region, accountId } = scope.account;
  const arn = (service: string, resource: string, inRegion = true) =>
    `arn:${partition}:${service}:${inRegion ? region : ""}:${accountId}:${resource}`;
  const secretArn = scope.secretResource;
  const roles = `arn:${partition}:iam::${accountId}:role/${scope.namePrefix}-*`;
  // The role the deployer hands to a service: the execution role to AgentCore, or in lambda mode
  // the deployer function's role to Lambda (the function passes the execution role itself).
  const passedRoles =
    scope.mode === "lambda"
      ? `arn:${partition}:iam::${accountId}:role/${scope.namePrefix}-deployer-*`
      : `arn:${partition}:iam::${accountId}:role/${scope.namePrefix}-exec-*`;
  const runtimes = arn("bedrock-agentcore", `runtime/${scope.runtimeName}-*`);

  const statements: Statement[] = [
    {
      // GetCallerIdentity does not support resource-level permissions.
      Sid: "ResolveCaller",
      Effect: "Allow",
      Action: "sts:GetCallerIdentity",
      Resource: "*",
    },
    ...(scope.deployerArn.includes(":role/")
      ? [
          {
            Sid: "ResolveCallerRole",
            Effect: "Allow" as const,
            Action: "iam:GetRole",
            Resource: scope.deployerArn,
          },
        ]
      : []),
    ...roleStatements(roles, scope.permissionsBoundaryArn),
    {
      Sid: "PassStackRoles",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: passedRoles,
      Condition: {
        StringEquals: {
          "iam:PassedToService":
            scope.mode === "lambda" ? "lambda.amazonaws.com" : AGENTCORE_SERVICE,
        },
      },
    },
    secretStatement(scope, secretArn),
    {
      // Reading or writing a secret under a customer-managed key; AWS-managed keys need no grant.
      Sid: "UseSecretKeyThroughSecretsManager",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: arn("kms", "key/*"),
      Condition: {
        StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` },
        StringLike: { "kms:EncryptionContext:SecretARN": secretArn },
      },
    },
  ];

  if (!scope.createsSecret) {
    statements.push({
      // Adopting a secret looks up its key, to grant the mode's reader kms:Decrypt on it.
      Sid: "DescribeAdoptedSecretKey",
      Effect: "Allow",
      Action: "kms:DescribeKey",
      Resource: arn("kms", "key/*"),
    });
  }
  if (scope.createsKeys) statements.push(...keyStatements(arn, scope.keyAliases));
  if (scope.rotationLambdaArn !== undefined) {
    statements.push({
      // RotateSecret invokes the rotation function once, as the caller, to check it; the stack
      // also reads the function to let its role read the secret.
      Sid: "StartRotation",
      Effect: "Allow",
      Action: ["lambda:GetFunction", "lambda:InvokeFunction"],
      Resource: scope.rotationLambdaArn,
    });
  }
  if (scope.mode !== "lambda") statements.push(...runtimeStatements(arn, runtimes, scope));
  if (scope.mode === "lambda") statements.push(...lambdaStatements(arn, scope.namePrefix));
  if (scope.smokeCheck) {
    statements.push({
      Sid: "SmokeCheckInvoke",
      Effect: "Allow",
      Action: "bedrock-agentcore:InvokeAgentRuntime",
      Resource: [runtimes, `${runtimes}/runtime-endpoint/DEFAULT`],
    });
  }
  if (scope.trailName !== undefined) {
    statements.push(
      ...trailStatements(arn, scope.trailName, `${scope.namePrefix}-audit-bucket-*`, partition),
    );
  }
  return policyDocument(statements);
}

function secretStatement(scope: DeployerScope, secretArn: string): Statement {
  // Reading a secret's description (the data source behind adoption) also reads its policy.
  const read = [
    "secretsmanager:DescribeSecret",
    "secretsmanager:GetResourcePolicy",
    "secretsmanager:ListSecretVersionIds",
  ];
  // Pulumi reads the value in predeploy mode, and whenever it manages the secret's version (a
  // created secret), because refreshing a version reads it back.
  if (scope.mode === "predeploy" || scope.createsSecret) read.push("secretsmanager:GetSecretValue");
  const write = scope.createsSecret
    ? [
        "secretsmanager:CreateSecret",
        "secretsmanager:DeleteSecret",
        "secretsmanager:UpdateSecret",
        "secretsmanager:PutSecretValue",
        "secretsmanager:TagResource",
        "secretsmanager:UntagResource",
        "secretsmanager:PutResourcePolicy",
        "secretsmanager:DeleteResourcePolicy",
        "secretsmanager:RotateSecret",
        "secretsmanager:CancelRotateSecret",
      ]
    : [];
  return {
    Sid: scope.createsSecret ? "ManageCredentialsSecret" : "ReadCredentialsSecretMetadata",
    Effect: "Allow",
    Action: [...read, ...write],
    Resource: secretArn,
  };
}

function keyStatements(arn: ArnBuilder, aliases: readonly string[]): Statement[] {
  // Managing the keys themselves is granted by each key's own policy, which names the deployer:
  // a tag-based grant here would let the deployer take over any key it can tag.
  const statements: Statement[] = [
    {
      // CreateKey takes no resource; the request must carry the project tag and keep the
      // lockout safety check, so every key made this way stays manageable.
      Sid: "CreateProjectKeys",
      Effect: "Allow",
      Action: "kms:CreateKey",
      Resource: "*",
      Condition: {
        StringEquals: { "aws:RequestTag/project": "zscaler-mcp" },
        Bool: { "kms:BypassPolicyLockoutSafetyCheck": "false" },
      },
    },
    {
      // Tagging at creation is authorized by IAM; tags grant nothing in this stack's policies.
      Sid: "TagNewKeys",
      Effect: "Allow",
      Action: "kms:TagResource",
      Resource: "*",
      Condition: { StringEquals: { "aws:RequestTag/project": "zscaler-mcp" } },
    },
    {
      // ListAliases takes no resource.
      Sid: "ListKeyAliases",
      Effect: "Allow",
      Action: "kms:ListAliases",
      Resource: "*",
    },
  ];
  if (aliases.length > 0) {
    statements.push({
      Sid: "ManageProjectKeyAliases",
      Effect: "Allow",
      Action: ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
      Resource: aliases.map((alias) => arn("kms", alias)),
    });
  }
  return statements;
}

/** What the stack's roles may be created and changed with. */
function roleStatements(roles: string, boundaryArn: string | undefined): Statement[] {
  const readAndTidy: Statement = {
    Sid: "ManageStackRoles",
    Effect: "Allow",
    Action: [
      "iam:GetRole",
      "iam:DeleteRole",
      "iam:UpdateRole",
      "iam:UpdateAssumeRolePolicy",
      "iam:TagRole",
      "iam:UntagRole",
      "iam:GetRolePolicy",
      "iam:ListRolePolicies",
      "iam:ListAttachedRolePolicies",
      "iam:ListInstanceProfilesForRole",
    ],
    Resource: roles,
  };
  const write: Statement = {
    Sid: "WriteStackRoles",
    Effect: "Allow",
    Action: ["iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy"],
    Resource: roles,
    ...(boundaryArn !== undefined
      ? { Condition: { StringEquals: { "iam:PermissionsBoundary": boundaryArn } } }
      : {}),
  };
  if (boundaryArn === undefined) return [readAndTidy, write];
  return [
    readAndTidy,
    write,
    {
      Sid: "KeepStackRoleBoundaries",
      Effect: "Deny",
      Action: ["iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary"],
      Resource: roles,
    },
  ];
}
