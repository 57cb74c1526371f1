/**
 * Every configuration mistake is reported before any resource is registered, as one sentence
 * that names the key, what is wrong and how to fix it, and never repeats a credential.
 */
import * as assert from "node:assert/strict";
import { runProgram } from "../support/programHarness";

import { FIRST_CASES } from "./badConfigCases";
import { SECOND_CASES } from "./moreBadConfigCases";

const CASES = [...FIRST_CASES, ...SECOND_CASES];

describe("Configuration validation", () => {
  for (const {
    title,
    case: [, stack, config],
    expected,
  } of CASES) {
    it(`rejects ${title} with its exact message`, async () => {
      const run = await runProgram({ stack, config });
      assert.equal(run.error?.message, expected);
      assert.equal(run.error?.name, "ConfigError");
      assert.deepEqual(
        run.resources.filter((resource) => resource.custom).map((resource) => resource.type),
        [],
        "no cloud resource may be registered before the configuration is valid",
      );
      assert.doesNotMatch(run.error?.message ?? "", /canary/);
    });
  }
});
