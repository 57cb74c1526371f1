/**
 * Pieces the simulator benchmarks share: the `--scale=N` argument (simulated seconds per real
 * second), a quiet provider log, and a plain-text table.
 */
import { log } from "@pulumi/pulumi";

/** The `--scale=N` argument: how many simulated seconds pass per real second (default 20). */
export function scaleArg(): number {
  const arg = process.argv.find((a) => a.startsWith("--scale="));
  const value = arg ? Number(arg.split("=")[1]) : 20;
  if (!Number.isFinite(value) || value < 1) {
    throw new Error("`--scale` must be a number >= 1, e.g. `--scale=20`.");
  }
  return value;
}

/** Silences `pulumi.log`, whose progress lines would print between the table's rows. */
export function silencePulumiLog(): void {
  Object.assign(log, { info: () => Promise.resolve(), warn: () => Promise.resolve() });
}

/** Renders rows under a header, columns padded to their widest cell, with a rule below it. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const render = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [render(header), render(widths.map((w) => "-".repeat(w))), ...rows.map(render)].join("\n");
}
