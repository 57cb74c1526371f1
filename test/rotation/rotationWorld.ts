/**
 * The world every rotation test runs in: the AgentCore simulator and the Secrets Manager stand-in,
 * both reached through the real SDK clients, plus helpers to change the secret and to read it the
 * way each credential mode does.
 */
import { log } from "@pulumi/pulumi";
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import type { AgentRuntimeInputs, AgentRuntimeOutputs } from "../../components/agentcore/props";
import { agentRuntimeProvider } from "../../components/agentcore/provider";
import type { ServerSettings } from "../../components/config/settings";
import { credentialEnvironment, parseCredentialPayload } from "../../components/secretPayload";
import {
  type AgentCoreSimulator,
  startAgentCoreSimulator,
  useSimulatorEnv,
} from "../support/agentcoreSimulator";
import {
  type SecretsManagerSimulator,
  startSecretsManagerSimulator,
} from "../support/secretsManagerSimulator";

/** The secret every rotation test rotates. */
export const SECRET_NAME = "zscaler/mcp/rotation";

/** The value before rotation. */
export const FIRST_VALUE = {
  ZSCALER_CLIENT_ID: "client-id",
  ZSCALER_CLIENT_SECRET: "client-secret-before-rotation",
  ZSCALER_VANITY_DOMAIN: "acme",
};

/** The value after rotation. */
export const ROTATED_VALUE = {
  ...FIRST_VALUE,
  ZSCALER_CLIENT_SECRET: "client-secret-after-rotation",
};

/** Wait settings that keep the tests in milliseconds. */
export const FAST_WAIT = { waitTimeoutSeconds: 5, minPollDelayMs: 5, maxPollDelayMs: 20 };

/** A running pair of simulators. */
export interface RotationWorld {
  readonly agentcore: AgentCoreSimulator;
  readonly secrets: SecretsManagerSimulator;
  readonly client: SecretsManagerClient;
  /** The secret's full ARN. */
  readonly secretArn: string;
  /** Writes a new value the way a person or pipeline would; returns the new version id. */
  putSecret(value: unknown): Promise<string>;
  /** Reads the current value as Pulumi does in `predeploy` mode: version id and credential env. */
  readCredentials(): Promise<{ versionId: string; env: Record<string, string> }>;
  /** Stops both simulators and restores the environment. */
  stop(): Promise<void>;
}

/** Starts both simulators, with the secret at {@link FIRST_VALUE}, and silences `pulumi.log`. */
/** Server settings with nothing switched on, the rotation tests' starting point. */
export const PLAIN_SERVER: ServerSettings = {
  writeEnabled: false,
  writeTools: [],
  extraEnvironment: {},
  redeployOnRotation: false,
};

/**
 * A fresh world around each test of the enclosing `describe`: the returned object forwards to
 * the current test's world.
 */
export function useRotationWorld(): RotationWorld {
  let current: RotationWorld | undefined;
  beforeEach(async () => {
    current = await startRotationWorld();
  });
  afterEach(() => current?.stop());
  return new Proxy({} as RotationWorld, {
    get(_target, key) {
      const world = current as unknown as Record<string | symbol, unknown>;
      const value = world[key];
      return typeof value === "function" ? value.bind(world) : value;
    },
  });
}

export async function startRotationWorld(): Promise<RotationWorld> {
  const agentcore = await startAgentCoreSimulator({ createDelayMs: 30, updateDelayMs: 30 });
  const secrets = await startSecretsManagerSimulator({
    secrets: [{ name: SECRET_NAME, secretString: JSON.stringify(FIRST_VALUE) }],
  });
  const restoreEnv = useSimulatorEnv(agentcore);
  const client = new SecretsManagerClient({ region: "us-east-1", endpoint: secrets.endpoint });
  const original = { info: log.info, warn: log.warn };
  Object.assign(log, { info: () => Promise.resolve(), warn: () => Promise.resolve() });
  return {
    agentcore,
    secrets,
    client,
    secretArn: secrets.arnOf(SECRET_NAME),
    async putSecret(value) {
      const out = await client.send(
        new PutSecretValueCommand({ SecretId: SECRET_NAME, SecretString: JSON.stringify(value) }),
      );
      return out.VersionId ?? "";
    },
    async readCredentials() {
      const out = await client.send(new GetSecretValueCommand({ SecretId: SECRET_NAME }));
      const env = credentialEnvironment(parseCredentialPayload(out.SecretString, SECRET_NAME));
      return { versionId: out.VersionId ?? "", env };
    },
    async stop() {
      Object.assign(log, original);
      client.destroy();
      restoreEnv();
      await agentcore.close();
      await secrets.close();
    },
  };
}

/** Provider inputs of the rotation tests' runtime with the given environment. */
export function runtimeInputs(environmentVariables: Record<string, string>): AgentRuntimeInputs {
  return {
    agentRuntimeName: "zscaler_mcp_rotation",
    description: "Zscaler MCP server (rotation test)",
    containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1.2.3",
    roleArn: "arn:aws:iam::123456789012:role/zscaler-mcp-rotation-exec",
    networkConfiguration: { networkMode: "PUBLIC" },
    protocolConfiguration: { serverProtocol: "MCP" },
    lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 },
    environmentVariables,
    tags: { project: "zscaler-mcp" },
    region: "us-east-1",
    ...FAST_WAIT,
  };
}

/** Resolves a Pulumi Output (or plain value) in a test. */
export function resolved<T>(value: { apply<U>(fn: (v: T) => U): unknown }): Promise<T> {
  return new Promise((resolve) => value.apply((v) => resolve(v)));
}

/** Creates a runtime through the dynamic provider, as `pulumi up` would. */
export async function providerCreate(
  inputs: AgentRuntimeInputs,
): Promise<{ id: string; outs: AgentRuntimeOutputs }> {
  const result = await agentRuntimeProvider.create!(inputs);
  if (!result.outs) throw new Error("The provider's create returned no outputs.");
  return { id: result.id, outs: result.outs };
}

/** Updates a runtime through the dynamic provider, as `pulumi up` would after a diff. */
export async function providerUpdate(
  id: string,
  olds: AgentRuntimeOutputs,
  news: AgentRuntimeInputs,
): Promise<AgentRuntimeOutputs> {
  const result = await agentRuntimeProvider.update!(id, olds, news);
  if (!result.outs) throw new Error("The provider's update returned no outputs.");
  return result.outs;
}
