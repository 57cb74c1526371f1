/**
 * A loopback stand-in for AWS Secrets Manager (127.0.0.1, random port) speaking the JSON 1.1
 * protocol the real SDK client sends: GetSecretValue, PutSecretValue and UpdateSecret over
 * versioned secrets with AWSCURRENT / AWSPREVIOUS / AWSPENDING stages. It counts calls, injects
 * faults per operation, and records the EventBridge events CloudTrail would deliver for each
 * value change (and for a simulated rotation), so tests can feed them to rules and handlers.
 */
import { randomUUID } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** A secret to start with. */
export interface SeedSecret {
  /** Secret name, e.g. `zscaler/mcp/dev`. */
  readonly name: string;
  /** Initial `SecretString`. */
  readonly secretString: string;
}

/** Options of {@link startSecretsManagerSimulator}. */
export interface SecretsManagerSimulatorOptions {
  /** Secrets present at start. */
  readonly secrets?: readonly SeedSecret[];
  /** Region used in ARNs; default `us-east-1`. */
  readonly region?: string;
  /** Account used in ARNs; default `123456789012`. */
  readonly accountId?: string;
}

/** An EventBridge event as CloudTrail delivers it for Secrets Manager. */
export interface SecretsManagerEvent {
  readonly source: "aws.secretsmanager";
  readonly "detail-type": "AWS API Call via CloudTrail" | "AWS Service Event via CloudTrail";
  readonly account: string;
  readonly region: string;
  readonly detail: Record<string, unknown>;
}

interface Version {
  readonly versionId: string;
  readonly secretString: string;
  stages: string[];
  readonly createdAt: number;
}

interface Secret {
  readonly arn: string;
  readonly name: string;
  versions: Version[];
}

/** A running simulator. */
export interface SecretsManagerSimulator {
  /** Base URL for `AWS_ENDPOINT_URL_SECRETS_MANAGER` or a client's `endpoint`. */
  readonly endpoint: string;
  /** Calls per operation, e.g. `{ GetSecretValue: 2 }`, including failed ones. */
  readonly calls: Record<string, number>;
  /** Events CloudTrail would have delivered to EventBridge, oldest first. */
  readonly events: SecretsManagerEvent[];
  /** The full ARN of a seeded or created secret. */
  arnOf(name: string): string;
  /** The current (`AWSCURRENT`) version id of a secret. */
  currentVersionId(name: string): string;
  /** Makes the next `count` calls of `operation` fail with the given error type and HTTP status. */
  failNext(operation: string, errorType: string, count: number, status?: number): void;
  /**
   * Simulates a managed rotation: a new AWSPENDING version (recorded as `PutSecretValue` by the
   * rotation function), promoted to AWSCURRENT, then the `RotationSucceeded` service event.
   * Returns the new version id.
   */
  rotate(name: string, secretString: string): string;
  /** Stops the server. */
  close(): Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** Starts the simulator on 127.0.0.1 and resolves when it listens. */
export async function startSecretsManagerSimulator(
  options: SecretsManagerSimulatorOptions = {},
): Promise<SecretsManagerSimulator> {
  const region = options.region ?? "us-east-1";
  const accountId = options.accountId ?? "123456789012";
  const secrets: Secret[] = [];
  const calls: Record<string, number> = {};
  const events: SecretsManagerEvent[] = [];
  const faults = new Map<string, { type: string; status: number; remaining: number }>();
  let suffixCounter = 0;

  const addSecret = (name: string, secretString: string): Secret => {
    const suffix = `Ab${String(++suffixCounter).padStart(4, "0")}`;
    const secret: Secret = {
      arn: `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${suffix}`,
      name,
      versions: [],
    };
    secret.versions.push(newVersion(secretString, ["AWSCURRENT"]));
    secrets.push(secret);
    return secret;
  };
  const find = (id: unknown): Secret => {
    const hit = secrets.find((s) => s.arn === id || s.name === id);
    if (!hit) {
      throw new ApiError(
        "ResourceNotFoundException",
        "Secrets Manager can't find the specified secret.",
      );
    }
    return hit;
  };
  const record = (
    detailType: SecretsManagerEvent["detail-type"],
    detail: Record<string, unknown>,
  ): void => {
    events.push({
      source: "aws.secretsmanager",
      "detail-type": detailType,
      account: accountId,
      region,
      detail: { eventSource: "secretsmanager.amazonaws.com", awsRegion: region, ...detail },
    });
  };
  const addVersion = (
    secret: Secret,
    secretString: string,
    stages: string[],
    token?: string,
  ): Version => {
    const existing = token ? secret.versions.find((v) => v.versionId === token) : undefined;
    if (existing) return existing;
    const version = newVersion(secretString, [], token);
    secret.versions.push(version);
    for (const stage of stages) moveStage(secret, stage, version);
    return version;
  };

  for (const seed of options.secrets ?? []) addSecret(seed.name, seed.secretString);

  const operations: Record<string, (body: Record<string, unknown>) => unknown> = {
    GetSecretValue(body) {
      const secret = find(body.SecretId);
      const version =
        typeof body.VersionId === "string"
          ? secret.versions.find((v) => v.versionId === body.VersionId)
          : secret.versions.find((v) =>
              v.stages.includes(String(body.VersionStage ?? "AWSCURRENT")),
            );
      if (!version) {
        throw new ApiError(
          "ResourceNotFoundException",
          "Secrets Manager can't find the specified secret value.",
        );
      }
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: version.versionId,
        SecretString: version.secretString,
        VersionStages: version.stages,
        CreatedDate: version.createdAt,
      };
    },
    PutSecretValue(body) {
      const secret = find(body.SecretId);
      const stages = Array.isArray(body.VersionStages)
        ? body.VersionStages.map(String)
        : ["AWSCURRENT"];
      const token =
        typeof body.ClientRequestToken === "string" ? body.ClientRequestToken : undefined;
      const version = addVersion(secret, String(body.SecretString ?? ""), stages, token);
      const response = {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: version.versionId,
        VersionStages: version.stages,
      };
      record("AWS API Call via CloudTrail", {
        eventName: "PutSecretValue",
        requestParameters: { secretId: body.SecretId, clientRequestToken: version.versionId },
        responseElements: { arn: secret.arn },
      });
      return response;
    },
    UpdateSecret(body) {
      const secret = find(body.SecretId);
      let versionId: string | undefined;
      if (typeof body.SecretString === "string") {
        const token =
          typeof body.ClientRequestToken === "string" ? body.ClientRequestToken : undefined;
        versionId = addVersion(secret, body.SecretString, ["AWSCURRENT"], token).versionId;
      }
      record("AWS API Call via CloudTrail", {
        eventName: "UpdateSecret",
        requestParameters: { secretId: body.SecretId },
        responseElements: {
          arn: secret.arn,
          name: secret.name,
          ...(versionId ? { versionId } : {}),
        },
      });
      return { ARN: secret.arn, Name: secret.name, ...(versionId ? { VersionId: versionId } : {}) };
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "");
      const operation = target.replace(/^secretsmanager\./, "");
      calls[operation] = (calls[operation] ?? 0) + 1;
      const reply = (status: number, payload: unknown, errorType?: string): void => {
        res.writeHead(status, {
          "content-type": "application/x-amz-json-1.1",
          ...(errorType ? { "x-amzn-errortype": errorType } : {}),
        });
        res.end(JSON.stringify(payload));
      };
      try {
        const fault = faults.get(operation);
        if (fault && fault.remaining > 0) {
          fault.remaining -= 1;
          throw new ApiError(fault.type, `Injected ${fault.type}.`, fault.status);
        }
        const handler = operations[operation];
        if (!handler)
          throw new ApiError("InvalidRequestException", `Unsupported operation ${target}.`);
        const body =
          chunks.length > 0
            ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>)
            : {};
        reply(200, handler(body));
      } catch (err) {
        const apiError =
          err instanceof ApiError ? err : new ApiError("InternalServiceError", String(err), 500);
        reply(apiError.status, { __type: apiError.type, message: apiError.message }, apiError.type);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    events,
    arnOf: (name) => find(name).arn,
    currentVersionId: (name) => {
      const version = find(name).versions.find((v) => v.stages.includes("AWSCURRENT"));
      return version?.versionId ?? "";
    },
    failNext(operation, errorType, count, status = 400) {
      faults.set(operation, { type: errorType, status, remaining: count });
    },
    rotate(name, secretString) {
      const secret = find(name);
      const pending = addVersion(secret, secretString, ["AWSPENDING"]);
      record("AWS API Call via CloudTrail", {
        eventName: "PutSecretValue",
        requestParameters: { secretId: secret.arn, clientRequestToken: pending.versionId },
        responseElements: { arn: secret.arn },
      });
      pending.stages = pending.stages.filter((s) => s !== "AWSPENDING");
      moveStage(secret, "AWSCURRENT", pending);
      record("AWS Service Event via CloudTrail", {
        eventName: "RotationSucceeded",
        additionalEventData: { SecretId: secret.arn },
      });
      return pending.versionId;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function newVersion(secretString: string, stages: string[], token?: string): Version {
  return {
    versionId: token ?? randomUUID(),
    secretString,
    stages: [...stages],
    createdAt: Date.now() / 1000,
  };
}

/** Moves a staging label to `target`; moving AWSCURRENT leaves AWSPREVIOUS on the old current. */
function moveStage(secret: Secret, stage: string, target: Version): void {
  for (const version of secret.versions) {
    if (version === target || !version.stages.includes(stage)) continue;
    version.stages = version.stages.filter((s) => s !== stage);
    if (stage === "AWSCURRENT") {
      for (const v of secret.versions) v.stages = v.stages.filter((s) => s !== "AWSPREVIOUS");
      version.stages.push("AWSPREVIOUS");
    }
  }
  if (!target.stages.includes(stage)) target.stages.push(stage);
}
