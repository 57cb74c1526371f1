/**
 * Credential values are masked in provider errors and deployer log lines, also where a service
 * message quotes them inside JSON (escaped quotes and backslashes).
 */
import { strict as assert } from "node:assert";
import { maskValues, redactError } from "../../components/agentcore/errors";
import { createLambdaLogger } from "../../components/deployer/handler/logger";

const CANARY = 'canary"secret\\value-41';

describe("Credential masking", () => {
  it("masks a value as it is and as it appears inside a JSON string", () => {
    const quoted = JSON.stringify({ ZSCALER_CLIENT_SECRET: CANARY });
    assert.equal(
      maskValues(`raw ${CANARY} json ${quoted}`, [CANARY], "***"),
      'raw *** json {"ZSCALER_CLIENT_SECRET":"***"}',
    );
  });

  it("leaves values shorter than four characters alone", () => {
    assert.equal(maskValues("id abc", ["abc"], "***"), "id abc");
  });

  it("masks a JSON-quoted value in a provider error", () => {
    const error = redactError(
      new Error(`ValidationException: body ${JSON.stringify({ v: CANARY })}`),
      [CANARY],
    );
    assert.equal(error.message, 'ValidationException: body {"v":"***"}');
  });

  it("masks a JSON-quoted value in a deployer log line", () => {
    const lines: string[] = [];
    const logger = createLambdaLogger((line) => lines.push(line));
    logger.redact([CANARY]);
    logger.warn(`service said ${JSON.stringify(CANARY)}`);
    assert.equal(lines.join("\n").includes("canary"), false);
    assert.deepEqual(JSON.parse(lines[0]), {
      level: "WARN",
      logger: "zscaler-mcp-deployer",
      message: 'service said "[redacted]"',
    });
  });
});
