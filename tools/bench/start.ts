/**
 * `npm run bench:start`: what the offline plan and gate cost on top of loading Pulumi.
 * Runs, three times each and reports the median wall time of:
 *   - loading `@pulumi/pulumi` and `@pulumi/aws` in a fresh Node process (the floor);
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

const floor = repeat([
  process.execPath,
  "-e",
  "require('@pulumi/pulumi'); require('@pulumi/aws');",
]);
const job = repeat([process.execPath, "--import", "tsx", "tools/plan.ts"]);
const added = job.seconds / floor.seconds - 1;

console.log(`median of ${RUNS} runs each`);
console.log(`${"".padEnd(44)}${"wall s".padStart(8)}${"peak MiB".padStart(10)}`);
console.log(
  `${"load @pulumi/pulumi + @pulumi/aws".padEnd(44)}${floor.seconds.toFixed(2).padStart(8)}${floor.peakMiB.toFixed(0).padStart(10)}`,
);
console.log(
  `${"npm start (plan + gate, every stack)".padEnd(44)}${job.seconds.toFixed(2).padStart(8)}${job.peakMiB.toFixed(0).padStart(10)}`,
);
console.log(
  `the job takes ${(added * 100).toFixed(0)}% longer than loading Pulumi alone (target: at most 50%); ` +
    `peak ${job.peakMiB.toFixed(0)} MiB (target: under 512 MiB)`,
);
