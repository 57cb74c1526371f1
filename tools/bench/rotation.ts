/**
 * Benchmark of credential rotation: the guide's scripts (find the runtime, delete it, sleep 15 s,
 * create it again) against this project's in-place update, over the loopback AgentCore simulator
 * with create, update and delete transitions of 5 s, 30 s and 120 s.
 *
 * Per case it prints how long no runtime version could serve requests, how long until the new
 * credential was live, whether the runtime's ARN changed (every MCP client holds that ARN), and
 * the control-plane calls made. A runtime serves while it is READY, and also while UPDATING or
 * UPDATE_FAILED, because the DEFAULT endpoint keeps the previous version until the new one is
 * ready; CREATING, DELETING and gone serve nothing.
 *
 * Strategies:
 * - `guide, as written`: the script from the guide, which does not check that the deletion
 *   finished; when the deletion outlasts the 15 s sleep the create fails (the name is taken) and
 *   the service stays down until someone runs it again.
 * - `guide + retry`: the same, retrying the create every 5 s until the name is free (the best the
 *   approach can do).
 * - `in place, provider`: `pulumi up` in `predeploy` (or `runtime` with a forced version) mode,
 *   through the dynamic provider's update.
 * - `in place, deployer`: the `lambda` mode's handler, as EventBridge invokes it after the secret
 *   changes (it reads the secret from the Secrets Manager stand-in).
 *
 * Time is compressed by `--scale=N` (default 20): every simulated delay, the guide's sleeps and
 * every wait setting are divided by N and measured times multiplied back, so figures read in real
 * seconds, within about N milliseconds of loopback overhead. `--scale=1` runs in real time.
 *
 * Usage: npm run bench:rotation [-- --scale=20]
 */
import { renderTable, scaleArg, silencePulumiLog } from "./common";
import { randomUUID } from "node:crypto";
import {
  type BedrockAgentCoreControlClient,
  CreateAgentRuntimeCommand,
  DeleteAgentRuntimeCommand,
  ListAgentRuntimesCommand,
} from "@aws-sdk/client-bedrock-agentcore-control";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { createControlClient } from "../../components/agentcore/client";
import {
  type AgentRuntimeInputs,
  type AgentRuntimeOutputs,
  specOf,
} from "../../components/agentcore/props";
import { agentRuntimeProvider } from "../../components/agentcore/provider";
import { type RuntimeSpec, toCreateRequest } from "../../components/agentcore/spec";
import { DEFAULT_WAIT, sleep } from "../../components/agentcore/wait";
import { deployRuntime } from "../../components/deployer/handler/deploy";
import { createLambdaLogger } from "../../components/deployer/handler/logger";
import {
  type AgentCoreSimulator,
  type SimEvent,
  startAgentCoreSimulator,
  useSimulatorEnv,
} from "../../test/support/agentcoreSimulator";
import {
  type SecretsManagerSimulator,
  startSecretsManagerSimulator,
} from "../../test/support/secretsManagerSimulator";

const TRANSITIONS_S = [5, 30, 120];
const GUIDE_SLEEP_S = 15;
const GUIDE_RETRY_S = 5;
const SERVING = new Set(["READY", "UPDATING", "UPDATE_FAILED"]);
const STRATEGIES = [
  "guide, as written",
  "guide + retry",
  "in place, provider",
  "in place, deployer",
];

interface Row {
  transitionS: number;
  strategy: string;
  downS: number;
  downOpen: boolean;
  liveAfterS: number | undefined;
  arnChanged: boolean;
  apiCalls: number;
  outcome: string;
}

interface Context {
  sim: AgentCoreSimulator;
  secrets: SecretsManagerSimulator;
  scale: number;
}

function credentials(secret: string): Record<string, string> {
  return { ZSCALER_CLIENT_ID: "bench-client", ZSCALER_CLIENT_SECRET: secret };
}

function inputs(name: string, secret: string, scale: number): AgentRuntimeInputs {
  return {
    agentRuntimeName: name,
    containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1.2.3",
    roleArn: "arn:aws:iam::123456789012:role/zscaler-mcp-runtime",
    networkConfiguration: { networkMode: "PUBLIC" },
    protocolConfiguration: { serverProtocol: "MCP" },
    environmentVariables: credentials(secret),
    region: "us-east-1",
    waitTimeoutSeconds: DEFAULT_WAIT.timeoutSeconds / scale,
    minPollDelayMs: DEFAULT_WAIT.minPollDelayMs / scale,
    maxPollDelayMs: DEFAULT_WAIT.maxPollDelayMs / scale,
  };
}

/**
 * Milliseconds between `from` and `until` during which no runtime of the set served, given that
 * `initial` (READY) was the only one serving at `from`.
 */
function downtime(
  events: SimEvent[],
  ids: Set<string>,
  initial: string,
  from: number,
  until: number,
): number {
  const status = new Map<string, string>([[initial, "READY"]]);
  let down = 0;
  let last = from;
  const serving = (): boolean => [...status.values()].some((s) => SERVING.has(s));
  for (const event of events.filter((e) => e.at >= from && e.at <= until)) {
    if (!ids.has(event.agentRuntimeId)) continue;
    if (!serving()) down += event.at - last;
    last = event.at;
    status.set(event.agentRuntimeId, event.status);
  }
  if (!serving()) down += until - last;
  return down;
}

async function findId(client: BedrockAgentCoreControlClient, name: string): Promise<string> {
  const page = await client.send(new ListAgentRuntimesCommand({ maxResults: 100 }));
  const hit = page.agentRuntimes?.find((r) => r.agentRuntimeName === name);
  if (!hit?.agentRuntimeId) throw new Error(`runtime ${name} not found`);
  return hit.agentRuntimeId;
}

/** The guide's script: list, delete, sleep 15 s, create; optionally retrying a refused create. */
async function guide(
  ctx: Context,
  spec: RuntimeSpec,
  retry: boolean,
): Promise<{ newId?: string; outcome: string }> {
  const client = createControlClient("us-east-1");
  try {
    const id = await findId(client, spec.agentRuntimeName);
    await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id }));
    await sleep((GUIDE_SLEEP_S * 1000) / ctx.scale);
    for (let attempt = 1; ; attempt++) {
      try {
        // The CLI sends a fresh idempotency token on every run.
        const out = await client.send(
          new CreateAgentRuntimeCommand(toCreateRequest(spec, randomUUID())),
        );
        return {
          newId: out.agentRuntimeId,
          outcome: attempt === 1 ? "ok" : `ok after ${attempt} creates`,
        };
      } catch (err) {
        if ((err as Error).name !== "ConflictException") throw err;
        if (!retry) return { outcome: "create refused: name still taken; down until rerun" };
        await sleep((GUIDE_RETRY_S * 1000) / ctx.scale);
      }
    }
  } finally {
    client.destroy();
  }
}

async function waitForReady(ctx: Context, id: string, since: number): Promise<number> {
  for (;;) {
    const ready = ctx.sim.events.find(
      (e) => e.agentRuntimeId === id && e.at >= since && e.status === "READY",
    );
    if (ready) return ready.at;
    await sleep(Math.max(1, 200 / ctx.scale));
  }
}

async function runCase(
  ctx: Context,
  transitionS: number,
  strategy: string,
  name: string,
): Promise<Row> {
  const { sim, scale } = ctx;
  const before = inputs(name, "secret-before", scale);
  const after = inputs(name, "secret-after", scale);
  Object.assign(sim.delays, { createMs: 1, updateMs: 1, deleteMs: 1 });
  const created = await agentRuntimeProvider.create!(before);
  const outs = created.outs as AgentRuntimeOutputs;
  const secretName = `bench/${name}`;
  if (strategy === "in place, deployer") {
    await ctx.secrets.close();
    ctx.secrets = await startSecretsManagerSimulator({
      secrets: [{ name: secretName, secretString: JSON.stringify(credentials("secret-after")) }],
    });
  }
  const ms = (transitionS * 1000) / scale;
  Object.assign(sim.delays, { createMs: ms, updateMs: ms, deleteMs: ms });
  sim.reset();
  const start = Date.now();
  let newId = created.id;
  let outcome = "ok";
  if (strategy.startsWith("guide")) {
    const result = await guide(ctx, specOf(after), strategy === "guide + retry");
    outcome = result.outcome;
    if (result.newId) newId = result.newId;
  } else if (strategy === "in place, provider") {
    await agentRuntimeProvider.update!(created.id, outs, after);
  } else {
    const client = new SecretsManagerClient({
      region: "us-east-1",
      endpoint: ctx.secrets.endpoint,
    });
    const control = createControlClient("us-east-1");
    try {
      const runtime: Partial<RuntimeSpec> = { ...specOf(before) };
      delete runtime.roleArn;
      delete runtime.environmentVariables;
      await deployRuntime(
        {
          config: {
            secretArn: ctx.secrets.arnOf(secretName),
            executionRoleArn: before.roleArn,
            region: "us-east-1",
            runtime: runtime as Omit<RuntimeSpec, "roleArn">,
            wait: {
              timeoutSeconds: DEFAULT_WAIT.timeoutSeconds / scale,
              minPollDelayMs: DEFAULT_WAIT.minPollDelayMs / scale,
              maxPollDelayMs: DEFAULT_WAIT.maxPollDelayMs / scale,
            },
          },
          secrets: client,
          control,
          log: createLambdaLogger(() => undefined),
        },
        { source: "aws.secretsmanager", detail: { eventName: "PutSecretValue" } },
      );
    } finally {
      client.destroy();
      control.destroy();
    }
  }
  const apiCalls = sim.totalCalls();
  const failed = outcome.startsWith("create refused");
  // Every strategy is judged from the same start until the new credential is live (or, for a
  // failed script, until the old runtime is gone and nothing replaced it).
  const live = failed ? undefined : await waitForReady(ctx, newId, start);
  const end = live ?? (await goneAt(ctx, created.id, start));
  const ids = new Set([created.id, newId]);
  const env = sim.runtimes.get(newId)?.config.environmentVariables as
    Record<string, string> | undefined;
  if (!failed && env?.ZSCALER_CLIENT_SECRET !== "secret-after") {
    throw new Error(`${strategy} left the old credential in ${newId}`);
  }
  return {
    transitionS,
    strategy,
    downS: (downtime(sim.events, ids, created.id, start, end) * scale) / 1000,
    downOpen: failed,
    liveAfterS: live === undefined ? undefined : ((live - start) * scale) / 1000,
    arnChanged: newId !== created.id,
    apiCalls,
    outcome,
  };
}

async function goneAt(ctx: Context, id: string, since: number): Promise<number> {
  for (;;) {
    const gone = ctx.sim.events.find(
      (e) => e.agentRuntimeId === id && e.at >= since && e.status === "GONE",
    );
    if (gone) return gone.at;
    await sleep(Math.max(1, 200 / ctx.scale));
  }
}

function format(rows: Row[]): string {
  const header = [
    "transition",
    "strategy",
    "no version serving (s)",
    "new credential live (s)",
    "ARN changed",
    "API calls",
    "outcome",
  ];
  const lines = rows.map((r) => [
    `${r.transitionS} s`,
    r.strategy,
    r.downOpen ? `>= ${r.downS.toFixed(1)}, open` : r.downS.toFixed(1),
    r.liveAfterS === undefined ? "never" : r.liveAfterS.toFixed(1),
    r.downOpen ? "runtime gone" : r.arnChanged ? "yes" : "no",
    String(r.apiCalls),
    r.outcome,
  ]);
  return renderTable(header, lines);
}

async function main(): Promise<void> {
  const scale = scaleArg();
  silencePulumiLog();
  const sim = await startAgentCoreSimulator();
  const restore = useSimulatorEnv(sim);
  const ctx: Context = { sim, secrets: await startSecretsManagerSimulator(), scale };
  const rows: Row[] = [];
  let n = 0;
  try {
    for (const transitionS of TRANSITIONS_S) {
      for (const strategy of STRATEGIES)
        rows.push(await runCase(ctx, transitionS, strategy, `rotation_${n++}`));
    }
  } finally {
    restore();
    await sim.close();
    await ctx.secrets.close();
  }
  console.log(
    `Credential rotation over the AgentCore simulator (time scale 1:${scale}; create, update and ` +
      "delete each take the transition time)\n",
  );
  console.log(format(rows));
  console.log(
    "\nA runtime serves while READY, UPDATING or UPDATE_FAILED (the DEFAULT endpoint keeps the " +
      "previous version). API calls count every control-plane request, status polls included; " +
      "the guide's scripts do not poll.",
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
