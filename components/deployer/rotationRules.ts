/**
 * EventBridge event patterns that fire the deployer when the credentials secret gets a new value.
 * Secrets Manager reaches EventBridge through CloudTrail (a trail must be logging management
 * events), in two shapes:
 *
 * - API calls (`AWS API Call via CloudTrail`): `PutSecretValue`, `UpdateSecret` and
 *   `UpdateSecretVersionStage` (moving AWSCURRENT by hand, a rollback for one) name the secret's
 *   full ARN in `responseElements.arn`, whatever id the caller used. Failed calls carry
 *   no response elements, so they do not match.
 * - Service events (`AWS Service Event via CloudTrail`): `RotationSucceeded` names the secret in
 *   `additionalEventData.SecretId`. The API-call detail type is accepted too, at no cost in
 *   precision: the event name and the ARN still have to match.
 *
 * A rotation function writes the new value as AWSPENDING first (a `PutSecretValue` that matches)
 * and promotes it later: the deployer then finds the current value unchanged and does nothing,
 * and the `RotationSucceeded` that follows brings the new value in.
 */

/** The API calls that give the secret a new current value. */
export const VALUE_CHANGE_EVENTS = [
  "PutSecretValue",
  "UpdateSecret",
  "UpdateSecretVersionStage",
] as const;

/** The service event of a completed rotation. */
export const ROTATION_EVENTS = ["RotationSucceeded"] as const;

/** An EventBridge event pattern, as plain data. */
export type EventPattern = Record<string, unknown>;

/** Pattern for value changes made through the API (by a person, a pipeline or a rotation function). */
export function secretValueChangePattern(secretArn: string): EventPattern {
  return {
    source: ["aws.secretsmanager"],
    "detail-type": ["AWS API Call via CloudTrail"],
    detail: {
      eventSource: ["secretsmanager.amazonaws.com"],
      eventName: [...VALUE_CHANGE_EVENTS],
      responseElements: { arn: [secretArn] },
    },
  };
}

/** Pattern for the end of a successful rotation of this secret. */
export function secretRotationPattern(secretArn: string): EventPattern {
  return {
    source: ["aws.secretsmanager"],
    "detail-type": ["AWS Service Event via CloudTrail", "AWS API Call via CloudTrail"],
    detail: {
      eventSource: ["secretsmanager.amazonaws.com"],
      eventName: [...ROTATION_EVENTS],
      additionalEventData: { SecretId: [secretArn] },
    },
  };
}

/**
 * Checks an EventBridge schedule expression's shape: `rate(<n> minute[s]|hour[s]|day[s])` or
 * `cron(<six fields>)`. Returns an error sentence, or undefined when it is well formed.
 */
export function scheduleExpressionProblem(expression: string): string | undefined {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2];
    if (n < 1) return "`rotationSchedule` must use a positive rate, e.g. `rate(1 day)`.";
    if ((n === 1) !== !unit.endsWith("s")) {
      return (
        `\`rotationSchedule\` "${expression}" must use the singular unit for 1 and the plural ` +
        "otherwise, e.g. `rate(1 day)` or `rate(7 days)`."
      );
    }
    return undefined;
  }
  if (/^cron\(\S+( \S+){5}\)$/.test(expression)) return undefined;
  return (
    `\`rotationSchedule\` "${expression}" is not an EventBridge schedule expression: ` +
    "use `rate(<n> <unit>)` such as `rate(1 day)`, or `cron(<6 fields>)` such as `cron(0 3 * * ? *)`."
  );
}
