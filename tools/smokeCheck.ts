/**
 * Command-line entry of the post-deploy smoke check, run by the `SmokeCheck` component:
 *   SMOKE_RUNTIME_ARN=... SMOKE_REGION=... [SMOKE_TIMEOUT_SECONDS=120] node --import tsx tools/smokeCheck.ts
 * Exits 0 and prints the tools when the MCP server answers `tools/list`; exits 1 with the reason.
 */
import { SmokeCheckError, runSmokeCheck } from "../components/smoke/toolsList";

async function main(): Promise<number> {
  const runtimeArn = process.env.SMOKE_RUNTIME_ARN;
  const region = process.env.SMOKE_REGION ?? process.env.AWS_REGION;
  const timeoutSeconds = Number(process.env.SMOKE_TIMEOUT_SECONDS ?? "120");
  if (!runtimeArn || !region || !Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    console.error(
      "smoke check: set SMOKE_RUNTIME_ARN, SMOKE_REGION and a positive SMOKE_TIMEOUT_SECONDS.",
    );
    return 2;
  }
  try {
    const result = await runSmokeCheck({ runtimeArn, region, timeoutSeconds });
    console.log(
      `smoke check passed after ${result.attempts} attempt(s): ${result.tools.length} tools ` +
        `(${result.tools.slice(0, 5).join(", ")}${result.tools.length > 5 ? ", ..." : ""})`,
    );
    return 0;
  } catch (error) {
    console.error(
      error instanceof SmokeCheckError ? error.message : `smoke check: ${String(error)}`,
    );
    return 1;
  }
}

main().then((code) => process.exit(code));
