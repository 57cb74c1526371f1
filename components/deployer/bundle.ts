/**
 * Compiles and bundles the deployer handler with esbuild at program time: one CommonJS file with
 * the AWS SDK clients inside, because the AgentCore control client is newer than the SDK that
 * Lambda's Node.js runtime ships. The result is deterministic (same sources, same bytes), so an
 * unchanged handler never shows as a code change.
 */
import { createHash } from "node:crypto";
import * as path from "node:path";
import { buildSync } from "esbuild";

/** The Lambda runtime the bundle targets. */
export const DEPLOYER_RUNTIME = "nodejs22.x";

/** The handler setting of the function: `index.js`, export `handler`. */
export const DEPLOYER_HANDLER = "index.handler";

/** The bundled handler. */
export interface DeployerBundle {
  /** The JavaScript source of `index.js`. */
  readonly code: string;
  /** Hex SHA-256 of the code, for triggers and tests. */
  readonly sha256: string;
}

/** The handler's entry file. */
export const HANDLER_ENTRY = path.join(__dirname, "handler", "index.ts");

/**
 * The bundle is cached on `globalThis`, not in a module variable, so that runners which reload
 * the program's modules for each stack (the offline plan) do not bundle again every time.
 */
const CACHE_KEY = Symbol.for("zscaler-mcp.deployer.bundle");

type BundleCache = { [CACHE_KEY]?: DeployerBundle };

/**
 * Bundles the handler (once per process). Throws with esbuild's first error message when the
 * handler does not compile.
 */
export function bundleDeployerHandler(): DeployerBundle {
  const cache = globalThis as BundleCache;
  const cached = cache[CACHE_KEY];
  if (cached) return cached;
  const result = buildSync({
    entryPoints: [HANDLER_ENTRY],
    absWorkingDir: path.resolve(__dirname, "..", ".."),
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    minify: true,
    keepNames: true,
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  const file = result.outputFiles[0];
  if (!file) {
    throw new Error(
      "esbuild produced no output for the deployer handler: run `npm ci` to restore esbuild and try again.",
    );
  }
  const code = file.text;
  const bundle = { code, sha256: createHash("sha256").update(code).digest("hex") };
  cache[CACHE_KEY] = bundle;
  return bundle;
}
