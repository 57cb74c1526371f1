/**
 * A canary credential, set the way users set theirs (`pulumi config set --secret`) and stored in
 * the simulated secret, may appear only inside Pulumi secrets: never in a plain input, a plain
 * output, or the offline plan's text and JSON.
 */
import * as assert from "node:assert/strict";
import { planOf, renderPlan } from "../../tools/plan/render";
import { runStack } from "../support/programHarness";

const CANARY_ID = "canary-client-id-5be1";
const CANARY_SECRET = "canary-client-secret-93f7";

function mentionsCanary(value: unknown): boolean {
  const text = JSON.stringify(value) ?? "";
  return text.includes(CANARY_ID) || text.includes(CANARY_SECRET);
}

for (const [stack, mode] of [
  ["dev", "predeploy"],
  ["dev", "runtime"],
  ["prod", "runtime"],
  ["prod", "predeploy"],
  ["dev", "lambda"],
] as const) {
  describe(`Canary credential in ${stack} (${mode} mode)`, () => {
    it("stays inside Pulumi secrets in every input and output, and out of the plan", async () => {
      const run = await runStack({
        stack,
        config: {
          "zscaler-mcp:credentialMode": mode,
          "zscaler-mcp:zscalerClientId": { secure: CANARY_ID },
          "zscaler-mcp:zscalerClientSecret": { secure: CANARY_SECRET },
        },
        account: {
          secretString: JSON.stringify({
            ZSCALER_CLIENT_ID: CANARY_ID,
            ZSCALER_CLIENT_SECRET: CANARY_SECRET,
          }),
        },
      });
      let carriers = 0;
      for (const resource of run.resources) {
        for (const [key, value] of Object.entries(resource.props)) {
          if (!mentionsCanary(value)) continue;
          carriers += 1;
          assert.ok(
            resource.secretProps.includes(key),
            `${resource.type} ${resource.name} carries the canary in plain input ${key}`,
          );
        }
      }
      // The created secret's value always carries it; predeploy also hands it to the runtime.
      assert.equal(carriers, mode === "predeploy" ? 2 : 1);
      for (const [name, output] of Object.entries(run.outputs)) {
        assert.ok(
          !mentionsCanary(output.value) || output.secret,
          `output ${name} carries the canary in plain text`,
        );
      }
      const plan = planOf(run);
      assert.equal(mentionsCanary(plan), false);
      assert.equal(renderPlan(plan).includes("canary-client"), false);
    });
  });
}
