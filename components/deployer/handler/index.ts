/**
 * Entry point of the deployer Lambda, bundled with esbuild (AWS SDK clients included) by the
 * RuntimeDeployer component. Invoked by Pulumi at deploy time, by the EventBridge rules when the
 * secret's value changes, optionally on a schedule, or by hand with any event.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { createControlClient } from "../../agentcore/client";
import { readDeployerConfig } from "../deployerConfig";
import { type DeployResult, deployRuntime } from "./deploy";
import { createLambdaLogger } from "./logger";

/** Secrets Manager attempts per call; throttles and 5xx are retried by the SDK. */
const SECRETS_MAX_ATTEMPTS = 5;

/**
 * The Lambda handler. Clients are created per invocation from the function's role and region.
 * Errors leave with their message scrubbed of every credential value read in this invocation.
 */
export async function handler(event: unknown): Promise<DeployResult> {
  const log = createLambdaLogger();
  try {
    const config = readDeployerConfig(process.env);
    const secrets = new SecretsManagerClient({
      region: config.region,
      maxAttempts: SECRETS_MAX_ATTEMPTS,
    });
    const control = createControlClient(config.region);
    try {
      return await deployRuntime({ config, secrets, control, log }, event);
    } finally {
      secrets.destroy();
      control.destroy();
    }
  } catch (err) {
    const message = log.scrub(err instanceof Error ? err.message : String(err));
    log.error(`Deployment failed: ${message}`);
    // A fresh error: the original's stack, cause and SDK metadata are not sent back to the caller.
    const safe = new Error(message);
    safe.name = "DeployerError";
    throw safe;
  }
}
