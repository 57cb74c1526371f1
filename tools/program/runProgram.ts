/**
 * Runs the real `index.ts` under Pulumi's mock runtime for one stack and records what it would
 * deploy: every resource with its inputs, parent and dependencies, the stack outputs, and the
 * program's log lines. The offline plan, the policy gate and the tests all use this one runner.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { isUnknown } from "@pulumi/pulumi/output";
import { CapturedResource, UNKNOWN } from "../capturedResource";
import { DEFAULT_ACCOUNT, MockAccount, mockCloud } from "./mockCloud";
import { ROOT } from "./projectFile";
import { loadStackConfig } from "./stackConfig";

/** Pulumi's wire markers for secrets. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Options of one run. */
export interface RunOptions {
  /** The stack whose `Pulumi.<stack>.yaml` is read. */
  readonly stack: string;
  /** Configuration to add or replace (full keys; `undefined` removes; `{ secure }` is secret). */
  readonly config?: Record<string, unknown>;
  /** Changes to the simulated account (for example the secret's current value). */
  readonly account?: Partial<MockAccount>;
  /** Run as a preview (values from other resources unknown where Pulumi would not know them). */
  readonly preview?: boolean;
}

/** A stack output, with its secretness. */
export interface CapturedOutput {
  readonly value: unknown;
  readonly secret: boolean;
}

/** What one run recorded. */
export interface ProgramRun {
  readonly stack: string;
  readonly resources: CapturedResource[];
  readonly outputs: Record<string, CapturedOutput>;
  /** The program's error (a configuration error, a failed secret read), if it failed. */
  readonly error?: Error;
}

/** Turns deserialized inputs into plain JSON: secrets unwrapped, unknowns as {@link UNKNOWN}. */
export function plainValue(value: unknown, onSecret: () => void = () => undefined): unknown {
  if (isUnknown(value)) return UNKNOWN;
  if (Array.isArray(value)) return value.map((item) => plainValue(item, onSecret));
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) {
      onSecret();
      return plainValue(record.value, onSecret);
    }
    if (record[SIG_KEY] !== undefined) return `[${String(record[SIG_KEY])}]`;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) out[key] = plainValue(item, onSecret);
    return out;
  }
  return value;
}

/** The parts of the monitor's RegisterResource request this runner reads. */
interface RegisterRequest {
  getObject(): unknown;
  getParent(): string;
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(callback: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
}

/** The mock monitor, whose registrations the runner observes. */
interface ObservableMonitor {
  registerResource(
    req: RegisterRequest,
    callback: (err: unknown, resp?: { getUrn(): string }) => void,
  ): void;
}

/** The SDK's Output internals the runner awaits (not part of the public type). */
interface OutputInternals {
  promise(): Promise<unknown>;
  readonly isSecret: Promise<boolean>;
}

function capture(req: RegisterRequest, urn: string): CapturedResource {
  const struct = req.getObject() as Parameters<typeof pulumi.runtime.deserializeProperties>[0];
  const inputs = pulumi.runtime.deserializeProperties(struct, true) as Record<string, unknown>;
  const props: Record<string, unknown> = {};
  const secretProps: string[] = [];
  for (const [key, value] of Object.entries(inputs)) {
    let secret = false;
    props[key] = plainValue(value, () => (secret = true));
    if (secret) secretProps.push(key);
  }
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((value, key) => {
    propertyDependencies[key] = value.getUrnsList();
  });
  const parent: string = req.getParent();
  return {
    type: req.getType(),
    name: req.getName(),
    urn,
    parent: parent === "" ? undefined : parent,
    custom: req.getCustom(),
    props,
    secretProps,
    dependencies: req.getDependenciesList(),
    propertyDependencies,
  };
}

/**
 * The SDK counts every promise a program leaves pending and, at process exit, turns a clean exit
 * into exit code 1 when any remain. A run that stopped at a program error leaves the outputs
 * that depended on it pending on purpose; they belong to a finished run, so they are forgotten.
 */
function forgetPendingPromises(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const state = require("@pulumi/pulumi/runtime/state") as {
    getStore(): { leakCandidates?: Set<unknown> };
  };
  state.getStore().leakCandidates?.clear();
}

/**
 * Drops the program's modules from the require cache so each run reads its configuration anew.
 * The AgentCore provider's modules stay: they read no configuration, and keeping the provider
 * object lets the SDK reuse its serialized form instead of serializing it again on every run.
 */
function forgetProgramModules(): void {
  const programDirs = [path.join(ROOT, "components") + path.sep, path.join(ROOT, "index.ts")];
  const kept = path.join(ROOT, "components", "agentcore") + path.sep;
  for (const id of Object.keys(require.cache)) {
    if (programDirs.some((dir) => id.startsWith(dir)) && !id.startsWith(kept))
      delete require.cache[id];
  }
}

async function settle(value: unknown): Promise<CapturedOutput> {
  if (pulumi.Output.isInstance(value)) {
    const output = value as unknown as OutputInternals;
    const [resolved, secret] = await Promise.all([output.promise(), output.isSecret]);
    return { value: plainValue(resolved), secret };
  }
  return { value: plainValue(value), secret: false };
}

/** Runs `index.ts` for `options.stack` under mocks. Never throws for the program's own errors. */
export async function runProgram(options: RunOptions): Promise<ProgramRun> {
  const config = loadStackConfig(options.stack, options.config);
  const region = config.values["aws:region"] ?? DEFAULT_ACCOUNT.region;
  const account: MockAccount = { ...DEFAULT_ACCOUNT, region, ...options.account };

  pulumi.runtime.setAllConfig(config.values, config.secretKeys);
  await pulumi.runtime.setMocks(
    mockCloud(account),
    "zscaler-mcp",
    options.stack,
    options.preview ?? false,
  );

  const resources: CapturedResource[] = [];
  const monitor = pulumi.runtime.getMonitor() as unknown as ObservableMonitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    register(req, (err, resp) => {
      if (!err && resp) resources.push(capture(req, resp.getUrn()));
      callback(err, resp);
    });

  // A failed apply never settles the outputs that depend on it; the SDK reports it only as an
  // unhandled rejection. Every wait below therefore also ends at the first failure.
  const failures: Error[] = [];
  let signalFailure: () => void = () => undefined;
  const failed = new Promise<"failed">((resolve) => (signalFailure = () => resolve("failed")));
  const onRejection = (reason: unknown) => {
    failures.push(reason instanceof Error ? reason : new Error(String(reason)));
    signalFailure();
  };
  process.on("unhandledRejection", onRejection);
  const outputs: Record<string, CapturedOutput> = {};
  try {
    forgetProgramModules();
    // A fresh require (not import) so that every run evaluates the program anew.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require(path.join(ROOT, "index.ts")) as Record<string, unknown>;
    for (const [name, value] of Object.entries(program)) {
      const settled = await Promise.race([settle(value), failed]).catch((error: Error) => {
        failures.push(error);
        return "failed" as const;
      });
      if (settled === "failed") break;
      outputs[name] = settled;
    }
    // Let registrations started by the last applies finish.
    await new Promise((resolve) => setTimeout(resolve, 20));
  } catch (error) {
    failures.push(error as Error);
  } finally {
    process.off("unhandledRejection", onRejection);
    forgetPendingPromises();
  }
  return { stack: options.stack, resources, outputs, error: failures[0] };
}
