import { BedrockAgentCoreControlClient } from "@aws-sdk/client-bedrock-agentcore-control";

/**
 * How many times the control client tries one request before giving up. The SDK default is 3;
 * AgentCore throttles control-plane calls hard during bursts (many stacks deploying at once), so
 * the client gets more room before a throttle or a 5xx becomes a failed deployment.
 */
export const CONTROL_MAX_ATTEMPTS = 8;

/**
 * Creates a Bedrock AgentCore control-plane client.
 *
 * Credentials come from the standard AWS chain and the endpoint from the standard settings, so
 * `AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL` (or `AWS_ENDPOINT_URL`) redirects it with no code
 * here. Throttling, 5xx responses and dropped connections are retried by the SDK's standard retry
 * mode (exponential backoff with jitter) with {@link CONTROL_MAX_ATTEMPTS} attempts instead of 3.
 * Adaptive mode was measured and rejected: its client-side rate limiter, fed by a few calls per
 * minute, held a create for 10 s after three throttles, and each operation gets a fresh client
 * anyway, so its learned rate would not carry over.
 *
 * Call it inside each operation and never keep the client in a module-level variable: dynamic
 * provider code is serialized into the Pulumi state, and a captured client breaks serialization
 * (and could capture resolved credentials).
 *
 * @param region The AWS region; when omitted the SDK resolves it (`AWS_REGION`, profile, IMDS).
 */
export function createControlClient(region?: string): BedrockAgentCoreControlClient {
  return new BedrockAgentCoreControlClient({
    ...(region ? { region } : {}),
    retryMode: "standard",
    maxAttempts: CONTROL_MAX_ATTEMPTS,
  });
}
