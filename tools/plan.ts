/**
 * `npm start` / `npm run plan`: the offline plan and policy gate. For each stack file (or the
 * stacks named with `--stack`), runs the real program under Pulumi's mock runtime in a simulated
 * account, prints what it would create, and runs the policy pack against it with that stack's
 * policy configuration. Exits 1 when a program fails or any mandatory policy is violated.
 *
 *   npm start
 *   npm run plan -- --stack prod --json
 *   npm run plan -- --stack prod --config zscaler-mcp:credentialMode=predeploy
 */
import { formatGate, runGate } from "./gate";
import { planOf, renderPlan } from "./plan/render";
import { runProgram } from "./program/runProgram";
import { stackNames } from "./program/stackConfig";

interface Arguments {
  stacks: string[];
  json: boolean;
  config: Record<string, string>;
}

function parseArguments(argv: string[]): Arguments {
  const args: Arguments = { stacks: [], json: false, config: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") args.json = true;
    else if (arg === "--stack" && argv[i + 1]) args.stacks.push(argv[++i]);
    else if (arg === "--config" && argv[i + 1]?.includes("=")) {
      const [key, ...rest] = argv[++i].split("=");
      args.config[key.includes(":") ? key : `zscaler-mcp:${key}`] = rest.join("=");
    } else {
      throw new Error(
        `Unknown argument ${arg}; use --stack <name>, --config <key>=<value> and --json.`,
      );
    }
  }
  if (args.stacks.length === 0) args.stacks = stackNames();
  return args;
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  let failed = false;
  const report: unknown[] = [];
  for (const stack of args.stacks) {
    const run = await runProgram({ stack, config: args.config });
    const plan = planOf(run);
    if (run.error) {
      failed = true;
      if (args.json) report.push({ ...plan, gate: undefined });
      else console.log(`${renderPlan(plan)}\n`);
      continue;
    }
    const gate = await runGate(run.resources, stack);
    if (gate.mandatory > 0) failed = true;
    if (args.json) {
      report.push({ ...plan, gate });
    } else {
      console.log(renderPlan(plan));
      console.log(`\n${formatGate(gate)}\n`);
    }
  }
  if (args.json)
    console.log(JSON.stringify(args.stacks.length === 1 ? report[0] : report, null, 2));
  else
    console.log(
      failed
        ? "Offline plan FAILED (see above)."
        : `Offline plan passed for ${args.stacks.join(", ")}.`,
    );
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(2);
  },
);
