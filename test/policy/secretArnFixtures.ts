/** Fixtures shared by the `secretsmanager-arn-suffix` tests: a role policy reading one secret. */

/** A secret ARN without its random suffix, as people write them. */
export const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:zscaler/dev/credentials";
/** The inline role policy type. */
export const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

/** A role policy whose first statement reads the secret at `resource`. */
export function document(
  resource: unknown,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadCredentials",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: resource,
        ...overrides,
      },
      { Sid: "List", Effect: "Allow", Action: "secretsmanager:ListSecrets", Resource: "*" },
    ],
  };
}

/** A role policy resource whose first statement reads the secret at `resource`. */
export function rolePolicy(resource: unknown, overrides: Record<string, unknown> = {}) {
  return {
    type: ROLE_POLICY,
    props: { role: "exec", policy: JSON.stringify(document(resource, overrides)) },
  };
}
