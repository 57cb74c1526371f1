/**
 * The shape in which the offline plan records each resource the program registers, and in which
 * the policy gate reads them. Both sides import this file, so it is the contract between them.
 */

/** Pulumi's wire sentinel for a value that is not known until the resource exists. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** One resource as the program registered it under the mock runtime. */
export interface CapturedResource {
  /** Type token, e.g. `aws:iam/role:Role` or `pulumi-nodejs:dynamic/agentcore:AgentRuntime`. */
  readonly type: string;
  /** The logical name given to the constructor. */
  readonly name: string;
  /** The resource's URN. */
  readonly urn: string;
  /** The parent's URN; absent for children of the stack. */
  readonly parent?: string;
  /** True for custom resources (cloud objects), false for component resources. */
  readonly custom: boolean;
  /**
   * The inputs as plain JSON values. Pulumi secrets are unwrapped here, exactly as the policy
   * engine sees them; a value that would be unknown at preview is the string {@link UNKNOWN}.
   */
  readonly props: Record<string, unknown>;
  /**
   * Top-level property names whose value is, or contains, a Pulumi secret. Printers mask these.
   */
  readonly secretProps: readonly string[];
  /** Names of the resources this one depends on explicitly (`dependsOn`), as URNs. */
  readonly dependencies: readonly string[];
  /** For each input property, the URNs of the resources its value came from. */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}
