/**
 * Benchmark of the policy gate: runs the whole `zscaler-mcp-guardrails` pack (every resource and
 * stack rule, prod settings) over synthetic stacks of 1,000, 10,000 and 50,000 resources and prints
 * the time per stack size. The stacks repeat a 12-resource unit shaped like this project's: a
 * secret with its key and rotation, an AgentCore execution role with inline policies, a role policy
 * and a managed policy of 30 statements each, a runtime with 50 environment variables, a Lambda
 * function, and a trail with its bucket, public access block and TLS-only bucket policy. Every
 * document is distinct, so no parse is served from the cache across units.
 *
 * Target: 10,000 resources in under 1 s, time growing linearly.
 *
 * Each size runs three times after a warm-up, each time on a freshly built stack whose documents
 * no earlier run has seen (so no run profits from the parse cache); the table shows the median.
 *
 * Usage: npm run bench:policy [-- --sizes=1000,10000,50000]
 */
import { CapturedResource } from "../capturedResource";
import { GateResult, loadPolicyConfig, runGate } from "../gate";

const ACCOUNT = "123456789012";
const STATEMENTS = 30;
const ENV_VARS = 50;
/** Runs per size; the table shows the median. */
const RUNS = 3;

function resource(
  type: string,
  name: string,
  props: Record<string, unknown>,
  dependencies: string[] = [],
): CapturedResource {
  return {
    type,
    name,
    urn: `urn:pulumi:bench::zscaler-mcp::${type}::${name}`,
    custom: true,
    props,
    secretProps: [],
    dependencies,
  };
}

/** A least-privilege document of `count` statements, each on its own ARN. */
function permissions(unit: number, count: number, secretName: string): string {
  const statements: Record<string, unknown>[] = [
    {
      Sid: "ReadSecret",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${secretName}-*`,
    },
    { Sid: "EcrToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
  ];
  for (let i = statements.length; i < count; i++) {
    statements.push({
      Sid: `Logs${i}`,
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
      Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/bench/u${unit}/g${i}:*`,
      Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
    });
  }
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** The 12 resources of unit `u`. */
function unit(u: number): CapturedResource[] {
  const secretName = `zscaler/bench/u${u}`;
  const role = `exec-${u}`;
  const bucket = `trail-bucket-${u}`;
  const keyArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/k-${u}`;
  const env: Record<string, string> = { ZSCALER_SECRET_NAME: secretName, AWS_REGION: "us-east-1" };
  for (let i = 0; Object.keys(env).length < ENV_VARS; i++) {
    env[`SETTING_${i}`] = `value-${u}-${i}`;
  }
  const trust = JSON.stringify({
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "bedrock-agentcore.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": ACCOUNT },
          ArnLike: { "aws:SourceArn": `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:*` },
        },
      },
    ],
  });
  const secret = resource("aws:secretsmanager/secret:Secret", `secret-${u}`, {
    name: secretName,
    kmsKeyId: keyArn,
  });
  return [
    secret,
    resource("aws:kms/key:Key", `key-${u}`, { description: "bench", enableKeyRotation: true }),
    resource("aws:secretsmanager/secretRotation:SecretRotation", `rotation-${u}`, {
      secretId: secretName,
      rotationRules: { automaticallyAfterDays: 30 },
    }),
    resource("aws:iam/role:Role", role, {
      name: role,
      assumeRolePolicy: trust,
      inlinePolicies: [{ name: "inline", policy: permissions(u, 10, secretName) }],
    }),
    resource("aws:iam/rolePolicy:RolePolicy", `${role}-policy`, {
      role,
      policy: permissions(u + 1e6, STATEMENTS, secretName),
    }),
    resource("aws:iam/policy:Policy", `managed-${u}`, {
      policy: permissions(u + 2e6, STATEMENTS, secretName),
    }),
    resource("pulumi-nodejs:dynamic/agentcore:AgentRuntime", `runtime-${u}`, {
      agentRuntimeName: `bench_${u}`,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`,
      environmentVariables: env,
    }),
    resource("aws:lambda/function:Function", `deployer-${u}`, {
      environment: {
        variables: {
          RUNTIME_ID: `bench_${u}`,
          SECRET_ARN: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${secretName}-AbC123`,
        },
      },
    }),
    resource("aws:cloudtrail/trail:Trail", `trail-${u}`, {
      s3BucketName: bucket,
      isMultiRegionTrail: true,
      enableLogFileValidation: true,
      kmsKeyId: keyArn,
    }),
    resource("aws:s3/bucket:Bucket", bucket, { bucket }),
    resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${bucket}-block`, {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }),
    resource("aws:s3/bucketPolicy:BucketPolicy", `${bucket}-policy`, {
      bucket,
      policy: JSON.stringify({
        Statement: [
          {
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    }),
  ];
}

/**
 * A synthetic stack of exactly `size` resources. `first` numbers the first unit: stacks built with
 * different numbers share no document text, so no run profits from an earlier run's parse cache.
 */
export function syntheticStack(size: number, first = 0): CapturedResource[] {
  const resources: CapturedResource[] = [];
  for (let u = first; resources.length < size; u++) {
    resources.push(...unit(u));
  }
  return resources.slice(0, size);
}

function parseSizes(argv: string[]): number[] {
  const flag = argv.find((arg) => arg.startsWith("--sizes="));
  return flag ? flag.slice("--sizes=".length).split(",").map(Number) : [1_000, 10_000, 50_000];
}

/** Runs the gate `RUNS` times over fresh stacks of one size; returns the median wall time in ms. */
async function medianRun(size: number, config: ReturnType<typeof loadPolicyConfig>) {
  const times: number[] = [];
  let result: GateResult | undefined;
  for (let run = 0; run < RUNS; run++) {
    const stack = syntheticStack(size, (nextUnit += size));
    const start = process.hrtime.bigint();
    result = await runGate(stack, "prod", config);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)], result: result as GateResult };
}

/** First unit number of the next stack built (each stack gets unit numbers of its own). */
let nextUnit = 0;

async function main(): Promise<void> {
  const sizes = parseSizes(process.argv.slice(2));
  const config = loadPolicyConfig("prod");
  // Warm the JIT and the module graph so the first size is not charged for compilation.
  for (let i = 0; i < 3; i++)
    await runGate(syntheticStack(2_000, (nextUnit += 2_000)), "prod", config);
  const rows: string[][] = [];
  let base: number | undefined;
  for (const size of sizes) {
    const { ms, result } = await medianRun(size, config);
    const perThousand = (ms / size) * 1000;
    base ??= perThousand;
    rows.push([
      size.toLocaleString("en-US"),
      `${ms.toFixed(0)} ms`,
      `${perThousand.toFixed(1)} ms`,
      `${(perThousand / base).toFixed(2)}x`,
      `${result.mandatory}/${result.advisory}`,
      `${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
    ]);
  }
  const header = [
    "resources",
    "gate time",
    "per 1,000",
    "vs first",
    "mandatory/advisory",
    "heap after",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join("  ");
  console.log(
    `Policy gate over synthetic stacks (12-resource units, prod settings, all 10 policies, median of ${RUNS} runs)`,
  );
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(
    "Target: 10,000 resources under 1 s; growth is linear when 'per 1,000' stays flat ('vs first' near 1.00x).",
  );
}

if (require.main === module)
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
