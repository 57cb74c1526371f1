/**
 * The `lambda` credential mode: a deployer function that reads the credentials secret and creates
 * or updates the AgentCore runtime in place, invoked by Pulumi at deploy time and by EventBridge
 * whenever the secret gets a new value, so a rotated credential reaches the runtime unattended.
 */
import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_WAIT } from "../agentcore/lifecycle";
import { AccountContext, PolicyDocument, policyJson, resolveAccount } from "../policyDocument";
import { DEPLOYER_HANDLER, DEPLOYER_RUNTIME, bundleDeployerHandler } from "./bundle";
import {
  DEPLOYER_CONFIG_ENV,
  DeployerConfig,
  PULUMI_EVENT_SOURCE,
  DeployerRuntimeSettings,
  serializeDeployerConfig,
  validateDeployerConfig,
} from "./deployerConfig";
import { deployerPermissionsPolicy, deployerTrustPolicy } from "./deployerPolicies";
import { parseInvocationResult } from "./invocationResult";
import {
  EventPattern,
  scheduleExpressionProblem,
  secretRotationPattern,
  secretValueChangePattern,
} from "./rotationRules";

/** Default wait for READY inside the function, in seconds. */
export const DEFAULT_DEPLOYER_WAIT_SECONDS = 600;

/** Lambda's hard limit on a function's timeout, in seconds. */
const LAMBDA_MAX_TIMEOUT = 900;

/** Time the function keeps after the wait for reading the secret and answering, in seconds. */
const TIMEOUT_MARGIN = 60;

/** Arguments of {@link RuntimeDeployer}. */
export interface RuntimeDeployerArgs {
  /** Account, region and partition the stack deploys into; the runtime lives there too. */
  readonly account: AccountContext;
  /** ARN of the credentials secret (full ARN); the deployer may read this secret alone. */
  readonly secretArn: pulumi.Input<string>;
  /**
   * The customer-managed KMS key encrypting the secret, if any: the deployer gets `kms:Decrypt`
   * on it through Secrets Manager only. Omit for the AWS-managed key.
   */
  readonly secretKmsKeyArn?: pulumi.Input<string | undefined>;
  /** The AgentCore execution role the runtime runs as; the deployer may pass it to AgentCore only. */
  readonly executionRoleArn: pulumi.Input<string>;
  /**
   * The runtime settings, without the role and without credentials: `environmentVariables` holds
   * plain settings only (e.g. `ZSCALER_MCP_WRITE_ENABLED`); a credential key there is an error.
   * Changing any of them re-invokes the deployer.
   */
  readonly runtime: pulumi.Input<DeployerRuntimeSettings>;
  /**
   * The secret's current version id. A new version re-invokes the deployer at the next deploy,
   * besides the EventBridge trigger that does so as soon as the value changes.
   */
  readonly secretVersionId: pulumi.Input<string>;
  /**
   * Optional EventBridge schedule (`rate(1 day)`, `cron(0 3 * * ? *)`) that also runs the
   * deployer, as a safety net for missed events. Decides whether a rule exists, so plain.
   */
  readonly rotationSchedule?: string;
  /** Retention of the function's log group in days; default 30. */
  readonly logRetentionDays?: pulumi.Input<number>;
  /**
   * How long the function waits for the runtime to become READY, in seconds; default 600, at
   * most 840 (the function's timeout is this plus 60 s, and Lambda stops at 900 s). Plain,
   * because it sets the function's timeout.
   */
  readonly waitTimeoutSeconds?: number;
  /**
   * Prefix of the physical names, ending in a separator, e.g. `zscaler-mcp-dev-`: the function
   * and log group are `<namePrefix>deployer`, the role and rules `<namePrefix>deployer-...`.
   * At most 29 characters.
   */
  readonly namePrefix: string;
  /** Tags for every resource. */
  readonly tags?: pulumi.Input<Record<string, string>>;
  /** Permissions boundary of the deployer's role, when the stack's roles carry one. */
  readonly permissionsBoundaryArn?: string;
}

/** The deployer function, its role, logs, triggers and deploy-time invocation. */
export class RuntimeDeployer extends pulumi.ComponentResource {
  /** ARN of the deployer function. */
  public readonly functionArn: pulumi.Output<string>;
  /** Name of the deployer function (`aws lambda invoke --function-name ...`). */
  public readonly functionName: pulumi.Output<string>;
  /** ARN of the deployer's role; add it to the secret's resource policy as an allowed reader. */
  public readonly roleArn: pulumi.Output<string>;
  /** The deployer role's permissions. */
  public readonly permissions: pulumi.Output<PolicyDocument>;
  /** Name of the function's log group. */
  public readonly logGroupName: pulumi.Output<string>;
  /** ARNs of the EventBridge rules that invoke the deployer (value change, rotation, schedule). */
  public readonly ruleArns: pulumi.Output<string[]>;
  /** ARN of the runtime the deployer manages. */
  public readonly agentRuntimeArn: pulumi.Output<string>;
  /** Id of the runtime. */
  public readonly agentRuntimeId: pulumi.Output<string>;
  /** Version of the runtime after the deploy-time invocation. */
  public readonly agentRuntimeVersion: pulumi.Output<string>;
  /** Status of the runtime after the deploy-time invocation (`READY`). */
  public readonly status: pulumi.Output<string>;
  /** The URL MCP clients call. */
  public readonly invocationUrl: pulumi.Output<string>;
  /** The secret version the runtime received at deploy time. */
  public readonly deployedSecretVersionId: pulumi.Output<string>;

  constructor(name: string, args: RuntimeDeployerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("zscaler-mcp:deployer:RuntimeDeployer", name, {}, opts);
    const waitSeconds = args.waitTimeoutSeconds ?? DEFAULT_DEPLOYER_WAIT_SECONDS;
    if (!Number.isInteger(waitSeconds) || waitSeconds < 60 || waitSeconds > 840) {
      throw new pulumi.ResourceError(
        `\`waitTimeoutSeconds\` is ${waitSeconds}, but it must be a whole number from 60 to 840 ` +
          "(the function also needs 60 s of its 900 s limit): choose a value in that range.",
        this,
      );
    }
    if (args.rotationSchedule !== undefined) {
      const problem = scheduleExpressionProblem(args.rotationSchedule);
      if (problem) throw new pulumi.ResourceError(problem, this);
    }
    const functionName = `${args.namePrefix}deployer`;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(functionName) || args.namePrefix.length > 29) {
      throw new pulumi.ResourceError(
        `\`namePrefix\` "${args.namePrefix}" must be at most 29 letters, digits, \`-\` or \`_\` ` +
          "(the function is named `<namePrefix>deployer`, its role name prefix `<namePrefix>deployer-`): shorten it.",
        this,
      );
    }
    const account = resolveAccount(args.account);
    const tags = args.tags ?? {};

    const config: pulumi.Output<DeployerConfig> = pulumi
      .all([args.secretArn, args.executionRoleArn, args.runtime, account])
      .apply(([secretArn, executionRoleArn, runtime, resolved]) => {
        const value: DeployerConfig = {
          secretArn,
          executionRoleArn,
          region: resolved.region,
          runtime,
          wait: { ...DEFAULT_WAIT, timeoutSeconds: waitSeconds },
        };
        validateDeployerConfig(value);
        return value;
      });
    const configJson = config.apply(serializeDeployerConfig);

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/aws/lambda/${functionName}`, retentionInDays: args.logRetentionDays ?? 30, tags },
      { parent: this },
    );
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        namePrefix: `${functionName}-`,
        description: `Deployer of the AgentCore runtime (function ${functionName})`,
        assumeRolePolicy: policyJson(deployerTrustPolicy()),
        maxSessionDuration: 3600,
        permissionsBoundary: args.permissionsBoundaryArn,
        tags,
      },
      { parent: this },
    );
    this.permissions = pulumi
      .all([
        account,
        args.secretArn,
        args.secretKmsKeyArn,
        args.executionRoleArn,
        config,
        logGroup.arn,
      ])
      .apply(([resolved, secretArn, secretKmsKeyArn, executionRoleArn, cfg, logGroupArn]) =>
        deployerPermissionsPolicy(resolved, {
          secretArn,
          ...(secretKmsKeyArn ? { secretKmsKeyArn } : {}),
          executionRoleArn,
          runtimeName: cfg.runtime.agentRuntimeName,
          logGroupArn,
        }),
      );
    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      { role: role.name, name: "deploy-agentcore-runtime", policy: policyJson(this.permissions) },
      { parent: this },
    );

    const bundle = bundleDeployerHandler();
    const fn = new aws.lambda.Function(
      `${name}-function`,
      {
        name: functionName,
        description:
          "Creates or updates the AgentCore runtime in place with the secret's current credentials",
        runtime: DEPLOYER_RUNTIME,
        handler: DEPLOYER_HANDLER,
        architectures: ["arm64"],
        memorySize: 256,
        timeout: Math.min(LAMBDA_MAX_TIMEOUT, waitSeconds + TIMEOUT_MARGIN),
        role: role.arn,
        code: new pulumi.asset.AssetArchive({
          "index.js": new pulumi.asset.StringAsset(bundle.code),
        }),
        environment: { variables: { [DEPLOYER_CONFIG_ENV]: configJson } },
        loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
        tags,
      },
      // The role must be able to write logs and read the secret before the first invocation.
      { parent: this, dependsOn: [policy, logGroup] },
    );

    const configSha256 = configJson.apply(sha256);
    const invocation = new aws.lambda.Invocation(
      `${name}-deploy`,
      {
        functionName: fn.name,
        input: pulumi.jsonStringify({
          source: PULUMI_EVENT_SOURCE,
          "detail-type": "Pulumi deployment",
          detail: {
            agentRuntimeName: config.runtime.agentRuntimeName,
            secretVersionId: args.secretVersionId,
            configSha256,
          },
        }),
        triggers: {
          secretVersionId: args.secretVersionId,
          configSha256,
          codeSha256: bundle.sha256,
        },
      },
      // What the component waits for (the execution role's policies, the secret's value) must be
      // in place before the function creates or updates the runtime; children do not inherit it.
      {
        parent: this,
        dependsOn: pulumi.output(opts?.dependsOn ?? []).apply((d) => [policy, ...[d].flat()]),
      },
    );
    const result = invocation.result.apply(parseInvocationResult);

    const rules: aws.cloudwatch.EventRule[] = [];
    const addRule = (suffix: string, ruleArgs: aws.cloudwatch.EventRuleArgs): void => {
      const rule = new aws.cloudwatch.EventRule(
        `${name}-${suffix}`,
        { ...ruleArgs, name: `${functionName}-${suffix}`, tags },
        { parent: this },
      );
      new aws.cloudwatch.EventTarget(
        `${name}-${suffix}`,
        { rule: rule.name, arn: fn.arn },
        { parent: this },
      );
      new aws.lambda.Permission(
        `${name}-${suffix}`,
        {
          function: fn.name,
          action: "lambda:InvokeFunction",
          principal: "events.amazonaws.com",
          sourceArn: rule.arn,
        },
        { parent: this },
      );
      rules.push(rule);
    };
    const pattern = (build: (arn: string) => EventPattern): pulumi.Output<string> =>
      pulumi.output(args.secretArn).apply((arn) => JSON.stringify(build(arn)));
    addRule("secret-change", {
      description: "Runs the AgentCore deployer when the credentials secret gets a new value",
      eventPattern: pattern(secretValueChangePattern),
    });
    addRule("rotation", {
      description: "Runs the AgentCore deployer when a rotation of the credentials secret succeeds",
      eventPattern: pattern(secretRotationPattern),
    });
    if (args.rotationSchedule !== undefined) {
      addRule("schedule", {
        description: "Runs the AgentCore deployer on a schedule, in case an event was missed",
        scheduleExpression: args.rotationSchedule,
      });
    }

    this.functionArn = fn.arn;
    this.functionName = fn.name;
    this.roleArn = role.arn;
    this.logGroupName = logGroup.name;
    this.ruleArns = pulumi.all(rules.map((rule) => rule.arn));
    this.agentRuntimeArn = result.agentRuntimeArn;
    this.agentRuntimeId = result.agentRuntimeId;
    this.agentRuntimeVersion = result.agentRuntimeVersion;
    this.status = result.status;
    this.invocationUrl = result.invocationUrl;
    this.deployedSecretVersionId = result.secretVersionId;
    this.registerOutputs({
      functionArn: this.functionArn,
      functionName: this.functionName,
      roleArn: this.roleArn,
      permissions: this.permissions,
      logGroupName: this.logGroupName,
      ruleArns: this.ruleArns,
      agentRuntimeArn: this.agentRuntimeArn,
      agentRuntimeId: this.agentRuntimeId,
      agentRuntimeVersion: this.agentRuntimeVersion,
      status: this.status,
      invocationUrl: this.invocationUrl,
      deployedSecretVersionId: this.deployedSecretVersionId,
    });
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
