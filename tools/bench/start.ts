/**
 * `npm run bench:start`: what the offline plan and gate cost on top of loading Pulumi.
 * Runs, three times each and reports the median wall time of:
 *   - loading `@pulumi/pulumi` and `@pulumi/aws` in a fresh Node process: the package index alone
 *     (which loads services lazily), and with the services the program uses;
 *   - the whole `npm start` job (`tsx tools/plan.ts`), with its peak resident memory.
 * Targets: the job adds no more than half again to the floor's time, and stays under 512 MiB.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const RUNS = 3;

interface Measurement {
  readonly seconds: number;
  readonly peakMiB: number;
}

/** Runs `argv` under GNU time and returns its wall time and peak RSS. */
function measure(argv: string[]): Measurement {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", ...argv], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  if (result.status !== 0) throw new Error(`${argv.join(" ")} failed:\n${result.stderr}`);
  const [seconds, kib] = result.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  return { seconds, peakMiB: kib / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function repeat(argv: string[]): Measurement {
  const runs = Array.from({ length: RUNS }, () => measure(argv));
  return {
    seconds: median(runs.map((run) => run.seconds)),
    peakMiB: Math.max(...runs.map((run) => run.peakMiB)),
  };
}

const indexOnly = repeat([
  process.execPath,
  "-e",
  "require('@pulumi/pulumi'); require('@pulumi/aws');",
]);
const SERVICES = ["iam", "kms", "s3", "secretsmanager", "cloudtrail", "cloudwatch", "lambda"];
const floor = repeat([
  process.execPath,
  "-e",
  "require('@pulumi/pulumi'); const aws = require('@pulumi/aws'); " +
    `for (const s of ${JSON.stringify(SERVICES)}) void aws[s]; ` +
    "require('@pulumi/command'); require('@pulumi/policy');",
]);
const job = repeat([process.execPath, "--import", "tsx", "tools/plan.ts"]);
const added = job.seconds / floor.seconds - 1;

const row = (label: string, m: Measurement) =>
  console.log(
    `${label.padEnd(44)}${m.seconds.toFixed(2).padStart(8)}${m.peakMiB.toFixed(0).padStart(10)}`,
  );
console.log(`median of ${RUNS} runs each`);
console.log(`${"".padEnd(44)}${"wall s".padStart(8)}${"peak MiB".padStart(10)}`);
row("load @pulumi/pulumi + @pulumi/aws (index)", indexOnly);
row("  + the services, command and policy used", floor);
row("npm start (plan + gate, every stack)", job);
console.log(
  `the job takes ${(added * 100).toFixed(0)}% longer than loading what it uses ` +
    `(${((job.seconds / indexOnly.seconds - 1) * 100).toFixed(0)}% longer than the index alone; ` +
    "target: at most 50%); " +
    `peak ${job.peakMiB.toFixed(0)} MiB (target: under 512 MiB)`,
);
