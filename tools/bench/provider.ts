/**
 * Benchmark of the AgentCore runtime provider's waiting: create, update and delete against the
 * loopback simulator with transitions of 5 s, 30 s and 120 s, through the real provider and SDK.
 * Prints, per case and strategy, the API calls made, the status polls among them, and how long
 * after the runtime became READY (or gone) the provider noticed.
 *
 * Strategies: the provider's defaults (`DEFAULT_WAIT`), the same provider polling at a fixed 5 s,
 * and a fixed 15 s sleep (the guide's rotation script), which is computed: it makes no poll and
 * proceeds after 15 s whatever the status.
 *
 * Time is compressed by `--scale=N` (default 20): every delay in the simulator and every wait
 * setting is divided by N and measured lags are multiplied back, so figures read in real seconds.
 * Poll counts do not depend on the scale. `--scale=1` runs in real time (about 16 minutes).
 *
 * Usage: npm run bench:provider [-- --scale=20]
 */
import { renderTable, scaleArg, silencePulumiLog } from "./common";
import type * as pulumi from "@pulumi/pulumi";
import { agentRuntimeProvider } from "../../components/agentcore/provider";
import type { AgentRuntimeInputs, AgentRuntimeOutputs } from "../../components/agentcore/props";
import { DEFAULT_WAIT, pollDelayMs } from "../../components/agentcore/wait";
import {
  type AgentCoreSimulator,
  startAgentCoreSimulator,
  useSimulatorEnv,
} from "../../test/support/agentcoreSimulator";

type Provider = Required<pulumi.dynamic.ResourceProvider<AgentRuntimeInputs, AgentRuntimeOutputs>>;
const provider = agentRuntimeProvider as Provider;

const TRANSITIONS_S = [5, 30, 120];
const OPERATIONS = ["create", "update", "delete"] as const;
type Operation = (typeof OPERATIONS)[number];

interface Row {
  transitionS: number;
  operation: Operation;
  strategy: string;
  apiCalls: number | string;
  polls: number | string;
  lagS: number | undefined;
  worstLagS: number | undefined;
  note: string;
}

function inputs(
  name: string,
  scale: number,
  pollMs: { min: number; max: number },
): AgentRuntimeInputs {
  return {
    agentRuntimeName: name,
    containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler-mcp:1.2.3",
    roleArn: "arn:aws:iam::123456789012:role/zscaler-mcp-runtime",
    networkConfiguration: { networkMode: "PUBLIC" },
    protocolConfiguration: { serverProtocol: "MCP" },
    environmentVariables: {
      ZSCALER_CLIENT_ID: "bench-id",
      ZSCALER_CLIENT_SECRET: "bench-secret-1",
    },
    region: "us-east-1",
    waitTimeoutSeconds: DEFAULT_WAIT.timeoutSeconds / scale,
    minPollDelayMs: pollMs.min / scale,
    maxPollDelayMs: pollMs.max / scale,
  };
}

/** Runs one measured operation and returns its calls, polls and detection lag (scaled back). */
async function measure(
  sim: AgentCoreSimulator,
  operation: Operation,
  transitionS: number,
  scale: number,
  pollMs: { min: number; max: number },
  name: string,
): Promise<{ apiCalls: number; polls: number; lagS: number }> {
  const base = inputs(name, scale, pollMs);
  let id = "";
  let outs = {} as AgentRuntimeOutputs;
  if (operation !== "create") {
    Object.assign(sim.delays, { createMs: 1, updateMs: 1, deleteMs: 1 });
    const made = await provider.create(base);
    id = made.id;
    outs = made.outs as AgentRuntimeOutputs;
  }
  const ms = (transitionS * 1000) / scale;
  Object.assign(sim.delays, { createMs: ms, updateMs: ms, deleteMs: ms });
  sim.reset();
  const eventsBefore = sim.events.length;
  if (operation === "create") id = (await provider.create(base)).id;
  if (operation === "update") {
    const rotated = {
      ...base,
      environmentVariables: {
        ...base.environmentVariables,
        ZSCALER_CLIENT_SECRET: "bench-secret-2",
      },
    };
    await provider.update(id, outs, rotated);
  }
  if (operation === "delete") await provider.delete(id, outs);
  const noticedAt = Date.now();
  const goal = operation === "delete" ? "GONE" : "READY";
  const settled = sim.events
    .slice(eventsBefore)
    .find((e) => e.agentRuntimeId === id && e.status === goal);
  if (!settled) throw new Error(`the simulator recorded no ${goal} event for ${id}`);
  return {
    apiCalls: sim.totalCalls(),
    polls: sim.calls.GetAgentRuntime,
    lagS: ((noticedAt - settled.at) * scale) / 1000,
  };
}

function fixedSleepRow(transitionS: number, operation: Operation): Row {
  const early = transitionS > 15;
  return {
    transitionS,
    operation,
    strategy: "fixed 15 s sleep",
    apiCalls: 1,
    polls: 0,
    lagS: early ? undefined : 15 - transitionS,
    worstLagS: undefined,
    note: early
      ? `proceeds ${transitionS - 15} s before ${operation === "delete" ? "gone" : "READY"}`
      : verdict(transitionS, 15 - transitionS, 0),
  };
}

/**
 * The longest possible lag for a transition ending near `transitionS`: the length of the poll
 * interval that contains it (the transition ends just after one poll, the next one sees it).
 * The measured lag depends on where the transition falls between two polls; this does not.
 */
function worstLagS(transitionS: number, poll: { min: number; max: number }): number {
  const wait = {
    timeoutSeconds: DEFAULT_WAIT.timeoutSeconds,
    minPollDelayMs: poll.min,
    maxPollDelayMs: poll.max,
  };
  let at = 0;
  for (let attempt = 0; ; attempt++) {
    const next = at + pollDelayMs(attempt, wait) / 1000;
    if (next >= transitionS) return next - at;
    at = next;
  }
}

function targetLagS(transitionS: number): number {
  return Math.max(0.1 * transitionS, 2);
}

/** "meets target", or which part of it is missed (the poll budget applies to 120 s only). */
function verdict(transitionS: number, lagS: number, polls: number): string {
  const misses: string[] = [];
  if (lagS > targetLagS(transitionS)) misses.push("lag");
  if (transitionS === 120 && polls > 15) misses.push(`${polls} polls > 15`);
  return misses.length === 0 ? "meets target" : `misses target: ${misses.join(", ")}`;
}

function format(rows: Row[]): string {
  const header = [
    "transition",
    "operation",
    "strategy",
    "API calls",
    "polls",
    "lag (s)",
    "worst lag",
    "target lag",
    "note",
  ];
  const lines = rows.map((r) => [
    `${r.transitionS} s`,
    r.operation,
    r.strategy,
    String(r.apiCalls),
    String(r.polls),
    r.lagS === undefined ? "-" : r.lagS.toFixed(2),
    r.worstLagS === undefined ? "-" : `${r.worstLagS.toFixed(0)} s`,
    `<= ${targetLagS(r.transitionS).toFixed(1)} s`,
    r.note,
  ]);
  return renderTable(header, lines);
}

async function main(): Promise<void> {
  const scale = scaleArg();
  silencePulumiLog();
  const sim = await startAgentCoreSimulator();
  const restore = useSimulatorEnv(sim);
  const rows: Row[] = [];
  const strategies = [
    {
      name: "provider default",
      poll: { min: DEFAULT_WAIT.minPollDelayMs, max: DEFAULT_WAIT.maxPollDelayMs },
    },
    { name: "fixed 5 s poll", poll: { min: 5000, max: 5000 } },
  ];
  let n = 0;
  try {
    for (const transitionS of TRANSITIONS_S) {
      for (const operation of OPERATIONS) {
        for (const strategy of strategies) {
          const result = await measure(
            sim,
            operation,
            transitionS,
            scale,
            strategy.poll,
            `bench_${n++}`,
          );
          rows.push({
            transitionS,
            operation,
            strategy: strategy.name,
            ...result,
            worstLagS: worstLagS(transitionS, strategy.poll),
            note: verdict(transitionS, result.lagS, result.polls),
          });
        }
        rows.push(fixedSleepRow(transitionS, operation));
      }
    }
  } finally {
    restore();
    await sim.close();
  }
  console.log(
    `AgentCore provider wait benchmark (time scale 1/${scale}; figures in real seconds)\n`,
  );
  console.log(format(rows));
  console.log(
    "\nTargets: for a 120 s transition at most 15 status polls and a lag of at most max(10% of the transition, 2 s)." +
      "\nworst lag: the poll interval containing the transition's end, the lag if it ends just after a poll." +
      "\nAPI calls count every request of the operation (the update also reads the live configuration and tags);" +
      " polls are its GetAgentRuntime calls.",
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
