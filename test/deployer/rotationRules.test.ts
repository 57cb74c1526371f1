import * as assert from "node:assert/strict";
import {
  scheduleExpressionProblem,
  secretRotationPattern,
  secretValueChangePattern,
} from "../../components/deployer/rotationRules";
import {
  type SecretsManagerSimulator,
  startSecretsManagerSimulator,
} from "../support/secretsManagerSimulator";
import { matchesPattern } from "./eventPatternMatch";
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";

const OURS = "zscaler/mcp/dev";
const OTHER = "zscaler/mcp/dev-other";

describe("rotation rule patterns", () => {
  let sim: SecretsManagerSimulator;
  let client: SecretsManagerClient;

  beforeEach(async () => {
    sim = await startSecretsManagerSimulator({
      secrets: [
        { name: OURS, secretString: "{}" },
        { name: OTHER, secretString: "{}" },
      ],
    });
    client = new SecretsManagerClient({
      region: "us-east-1",
      endpoint: sim.endpoint,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
  });

  afterEach(async () => {
    client.destroy();
    await sim.close();
  });

  it("names exactly this secret's ARN and the three value-changing calls", () => {
    const arn = sim.arnOf(OURS);
    assert.deepEqual(secretValueChangePattern(arn), {
      source: ["aws.secretsmanager"],
      "detail-type": ["AWS API Call via CloudTrail"],
      detail: {
        eventSource: ["secretsmanager.amazonaws.com"],
        eventName: ["PutSecretValue", "UpdateSecret", "UpdateSecretVersionStage"],
        responseElements: { arn: [arn] },
      },
    });
    assert.deepEqual(secretRotationPattern(arn), {
      source: ["aws.secretsmanager"],
      "detail-type": ["AWS Service Event via CloudTrail", "AWS API Call via CloudTrail"],
      detail: {
        eventSource: ["secretsmanager.amazonaws.com"],
        eventName: ["RotationSucceeded"],
        additionalEventData: { SecretId: [arn] },
      },
    });
  });

  it("matches PutSecretValue and UpdateSecret on this secret whatever id the caller used", async () => {
    await client.send(new PutSecretValueCommand({ SecretId: OURS, SecretString: "{}" }));
    await client.send(new UpdateSecretCommand({ SecretId: sim.arnOf(OURS), SecretString: "{}" }));
    const pattern = secretValueChangePattern(sim.arnOf(OURS));
    assert.equal(sim.events.length, 2);
    assert.deepEqual(
      sim.events.map((event) => matchesPattern(pattern, event)),
      [true, true],
    );
  });

  it("ignores value changes of another secret whose name starts the same", async () => {
    await client.send(new PutSecretValueCommand({ SecretId: OTHER, SecretString: "{}" }));
    await client.send(new UpdateSecretCommand({ SecretId: OTHER, SecretString: "{}" }));
    const pattern = secretValueChangePattern(sim.arnOf(OURS));
    assert.deepEqual(
      sim.events.map((event) => matchesPattern(pattern, event)),
      [false, false],
    );
  });

  it("ignores reads and failed writes, which carry no response elements", async () => {
    await client.send(new GetSecretValueCommand({ SecretId: OURS }));
    const failed = {
      source: "aws.secretsmanager",
      "detail-type": "AWS API Call via CloudTrail",
      detail: {
        eventSource: "secretsmanager.amazonaws.com",
        eventName: "PutSecretValue",
        errorCode: "AccessDenied",
        requestParameters: { secretId: sim.arnOf(OURS) },
      },
    };
    assert.equal(sim.events.length, 0);
    assert.equal(matchesPattern(secretValueChangePattern(sim.arnOf(OURS)), failed), false);
  });

  it("matches RotationSucceeded of this secret only", () => {
    sim.rotate(OURS, "{}");
    sim.rotate(OTHER, "{}");
    const rotation = secretRotationPattern(sim.arnOf(OURS));
    const change = secretValueChangePattern(sim.arnOf(OURS));
    const names = sim.events.map((event) => String(event.detail.eventName));
    assert.deepEqual(names, [
      "PutSecretValue",
      "RotationSucceeded",
      "PutSecretValue",
      "RotationSucceeded",
    ]);
    assert.deepEqual(
      sim.events.map((event) => matchesPattern(rotation, event)),
      [false, true, false, false],
    );
    assert.deepEqual(
      sim.events.map((event) => matchesPattern(change, event)),
      [true, false, false, false],
    );
  });
});

describe("scheduleExpressionProblem", () => {
  it("accepts rate and cron expressions", () => {
    for (const ok of ["rate(1 day)", "rate(7 days)", "rate(30 minutes)", "cron(0 3 * * ? *)"]) {
      assert.equal(scheduleExpressionProblem(ok), undefined, ok);
    }
  });

  it("names the unit rule when singular and plural are mixed up", () => {
    assert.equal(
      scheduleExpressionProblem("rate(1 days)"),
      '`rotationSchedule` "rate(1 days)" must use the singular unit for 1 and the plural ' +
        "otherwise, e.g. `rate(1 day)` or `rate(7 days)`.",
    );
  });

  it("refuses anything else with both accepted forms", () => {
    assert.equal(
      scheduleExpressionProblem("daily"),
      '`rotationSchedule` "daily" is not an EventBridge schedule expression: use ' +
        "`rate(<n> <unit>)` such as `rate(1 day)`, or `cron(<6 fields>)` such as `cron(0 3 * * ? *)`.",
    );
    assert.equal(
      scheduleExpressionProblem("rate(0 days)"),
      "`rotationSchedule` must use a positive rate, e.g. `rate(1 day)`.",
    );
  });
});
