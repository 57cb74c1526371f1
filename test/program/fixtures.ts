/** Names the program tests share: the simulated account and the resource types they look up. */

/** The simulated account id. */
export const ACCOUNT = "123456789012";
/** The AgentCore runtime's dynamic resource type. */
export const RUNTIME = "pulumi-nodejs:dynamic/agentcore:AgentRuntime";
/** IAM role type. */
export const ROLE = "aws:iam/role:Role";
/** IAM inline role policy type. */
export const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
/** The role the simulated deployment runs as. */
export const DEPLOYER_ROLE = `arn:aws:iam::${ACCOUNT}:role/zscaler-mcp-ci-deployer`;
/** Configuration that selects a credential mode. */
export const mode = (value: string) => ({ "zscaler-mcp:credentialMode": value });
