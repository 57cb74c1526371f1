/**
 * Entry point of the policy pack. Constructing the pack starts the analyzer the Pulumi CLI talks
 * to, so nothing but `pulumi preview --policy-pack` (or `pulumi policy publish`) loads this file.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./policies";

new PolicyPack(PACK_NAME, {
  policies,
  enforcementLevel: "advisory",
  displayName: "Zscaler MCP on AgentCore guardrails",
  description:
    "Guardrails for the Zscaler MCP server on Bedrock AgentCore: secret ARN scoping, no plaintext " +
    "credentials, CloudTrail, least-privilege IAM and secret hygiene.",
  provider: "aws",
  tags: ["aws", "agentcore", "secrets-manager", "iam", "cloudtrail"],
});
