/**
 * The real program under mocks: the credentials secret (its policy, keys, adoption, rotation and
 * the predeploy read) and the audit trail.
 */
import * as assert from "node:assert/strict";
import { documentOf, has, ofType, one, runStack, statement } from "../support/programHarness";
import { ACCOUNT, DEPLOYER_ROLE, ROLE, ROLE_POLICY } from "./fixtures";

describe("Program: credentials secret", () => {
  it("denies reading the value to everyone but the deploying role in predeploy mode", async () => {
    const run = await runStack({ stack: "dev" });
    const policy = documentOf(one(run, "aws:secretsmanager/secretPolicy:SecretPolicy"));
    assert.deepEqual(policy.Statement, [
      {
        Sid: "DenyReadToUnnamedPrincipals",
        Effect: "Deny",
        Principal: "*",
        Action: "secretsmanager:GetSecretValue",
        Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:zscaler/mcp/credentials/dev-AbC123`,
        Condition: { StringNotEquals: { "aws:PrincipalArn": [DEPLOYER_ROLE] } },
      },
    ]);
  });

  it("lets the execution role and the administrators read it in runtime mode", async () => {
    const run = await runStack({ stack: "prod" });
    const policy = documentOf(one(run, "aws:secretsmanager/secretPolicy:SecretPolicy"));
    assert.deepEqual(policy.Statement[0].Condition, {
      StringNotEquals: {
        "aws:PrincipalArn": [
          `arn:aws:iam::${ACCOUNT}:role/security-admin`,
          `arn:aws:iam::${ACCOUNT}:role/zscaler-mcp-ci-deployer`,
          run.outputs.executionRoleArn.value,
        ].sort(),
      },
    });
  });

  it("creates the prod secret under a customer-managed key with rotation on the key", async () => {
    const run = await runStack({ stack: "prod" });
    const key = one(run, "aws:kms/key:Key", "-credentials-key");
    assert.equal(key.props.enableKeyRotation, true);
    const secret = one(run, "aws:secretsmanager/secret:Secret");
    assert.equal(secret.props.name, "zscaler/mcp/credentials/prod");
    assert.match(String(secret.props.kmsKeyId), /^arn:aws:kms:us-east-1:123456789012:key\//);
    assert.deepEqual(one(run, "aws:secretsmanager/secretVersion:SecretVersion").secretProps, [
      "secretString",
    ]);
  });

  it("adopts an existing secret by ARN without creating or re-policing it", async () => {
    const arn = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:shared/zscaler-Xy12Z9`;
    const run = await runStack({
      stack: "prod",
      config: {
        "zscaler-mcp:createSecret": false,
        "zscaler-mcp:secretArn": arn,
        "zscaler-mcp:zscalerClientId": undefined,
        "zscaler-mcp:zscalerClientSecret": undefined,
      },
    });
    assert.equal(has(run, "aws:secretsmanager/secret:Secret"), false);
    assert.equal(has(run, "aws:secretsmanager/secretPolicy:SecretPolicy"), false);
    assert.equal(
      statement(
        documentOf(one(run, ROLE_POLICY, "-execution-secret-read")),
        "ReadCredentialsSecret",
      ).Resource,
      arn,
    );
    assert.equal(run.outputs.secretArn.value, arn);
  });

  it("turns on rotation with the given function and schedule, and lets the function's role read", async () => {
    const lambdaArn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:RotateZscaler`;
    const run = await runStack({
      stack: "prod",
      config: { "zscaler-mcp:rotationLambdaArn": lambdaArn },
    });
    const rotation = one(run, "aws:secretsmanager/secretRotation:SecretRotation");
    assert.equal(rotation.props.rotationLambdaArn, lambdaArn);
    assert.deepEqual(rotation.props.rotationRules, { scheduleExpression: "rate(30 days)" });
    const condition = documentOf(one(run, "aws:secretsmanager/secretPolicy:SecretPolicy"))
      .Statement[0].Condition;
    assert.ok(
      (condition?.StringNotEquals["aws:PrincipalArn"] as string[]).includes(
        `arn:aws:iam::${ACCOUNT}:role/service-role/zscaler-rotation-function`,
      ),
    );
  });

  it("lets the deploying role manage the keys it creates, in each key's own policy", async () => {
    const run = await runStack({ stack: "prod" });
    for (const suffix of ["-credentials-key", "-audit-key"]) {
      const deployer = statement(
        documentOf(one(run, "aws:kms/key:Key", suffix)),
        "DeployerManagesKey",
      );
      assert.deepEqual(deployer.Principal, { AWS: DEPLOYER_ROLE });
      const actions = deployer.Action as string[];
      assert.equal(
        actions.some((action) => /Decrypt|Encrypt|GenerateDataKey/.test(action)),
        false,
      );
    }
  });

  it("puts every role under the permissions boundary when one is configured", async () => {
    const boundary = `arn:aws:iam::${ACCOUNT}:policy/zscaler-mcp-boundary`;
    for (const mode of ["runtime", "lambda"]) {
      const run = await runStack({
        stack: "prod",
        config: {
          "zscaler-mcp:permissionsBoundaryArn": boundary,
          "zscaler-mcp:credentialMode": mode,
        },
      });
      const roles = ofType(run, ROLE);
      assert.equal(roles.length, mode === "lambda" ? 2 : 1);
      for (const role of roles)
        assert.equal(role.props.permissionsBoundary, boundary, `${mode}: ${role.name}`);
    }
  });

  it("fails predeploy with the missing keys, never the values, when the secret lacks the client secret", async () => {
    const { runProgram } = await import("../support/programHarness");
    const run = await runProgram({
      stack: "dev",
      account: { secretString: JSON.stringify({ ZSCALER_CLIENT_ID: "canary-id-7731" }) },
    });
    assert.equal(
      run.error?.message,
      'error serializing property "environmentVariables": ' +
        "Secret `zscaler/mcp/credentials/dev` is missing required key `ZSCALER_CLIENT_SECRET` " +
        "(or `ZSCALER_PRIVATE_KEY`) (absent or empty): store a JSON object such as " +
        '{"ZSCALER_CLIENT_ID": "...", "ZSCALER_CLIENT_SECRET": "...", "ZSCALER_VANITY_DOMAIN": "..."} ' +
        "as the secret's SecretString.",
    );
  });

  it("fails predeploy when the secret is not a JSON object", async () => {
    const { runProgram } = await import("../support/programHarness");
    const run = await runProgram({
      stack: "dev",
      account: { secretString: "canary-not-json-8812" },
    });
    assert.match(
      run.error?.message ?? "",
      /: Secret `zscaler\/mcp\/credentials\/dev` is not valid JSON: store a JSON object/,
    );
    assert.doesNotMatch(run.error?.message ?? "", /canary/);
  });
});

describe("Program: audit trail", () => {
  it("creates a multi-region, validated trail with a locked-down bucket", async () => {
    const run = await runStack({ stack: "dev" });
    const trail = one(run, "aws:cloudtrail/trail:Trail");
    assert.equal(trail.props.name, "zscaler-mcp-dev");
    assert.equal(trail.props.isMultiRegionTrail, true);
    assert.equal(trail.props.includeGlobalServiceEvents, true);
    assert.equal(trail.props.enableLogFileValidation, true);
    assert.equal(trail.props.enableLogging, true);
    assert.equal(trail.props.kmsKeyId, undefined);
    const block = one(run, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").props;
    assert.deepEqual(
      [
        block.blockPublicAcls,
        block.blockPublicPolicy,
        block.ignorePublicAcls,
        block.restrictPublicBuckets,
      ],
      [true, true, true, true],
    );
    const policy = documentOf(one(run, "aws:s3/bucketPolicy:BucketPolicy"));
    assert.deepEqual(statement(policy, "DenyInsecureTransport").Condition, {
      Bool: { "aws:SecureTransport": "false" },
    });
    assert.deepEqual(statement(policy, "CloudTrailWrite").Condition, {
      StringEquals: {
        "s3:x-amz-acl": "bucket-owner-full-control",
        "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/zscaler-mcp-dev`,
      },
    });
  });

  it("encrypts prod trail logs with a customer-managed key", async () => {
    const run = await runStack({ stack: "prod" });
    const key = one(run, "aws:kms/key:Key", "-audit-key");
    assert.match(String(one(run, "aws:cloudtrail/trail:Trail").props.kmsKeyId), /^arn:aws:kms:/);
    assert.equal(key.props.enableKeyRotation, true);
  });

  it("relies on an existing organization trail instead of creating one", async () => {
    const trailArn = "arn:aws:cloudtrail:us-east-1:999999999999:trail/org-trail";
    const run = await runStack({
      stack: "dev",
      config: { "zscaler-mcp:createTrail": false, "zscaler-mcp:existingTrailArn": trailArn },
    });
    assert.equal(has(run, "aws:cloudtrail/trail:Trail"), false);
    assert.equal(has(run, "aws:s3/bucket:Bucket"), false);
    assert.equal(run.outputs.trailArn.value, trailArn);
  });
});
