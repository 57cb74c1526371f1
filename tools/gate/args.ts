/**
 * Builds the argument bags `@pulumi/policy` hands to policies, exactly as its analyzer does:
 * properties behind the unknown-checking proxy, resource options, `isType`/`asType`, `getConfig`,
 * `notApplicable`, and for stack policies parents and dependencies resolved to resource objects.
 */
import * as policySdk from "@pulumi/policy";
import {
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";

/** One resource as the gate or a test describes it. */
export interface ResourceInput {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly props: Record<string, unknown>;
  readonly parent?: string;
  readonly dependencies?: readonly string[];
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

/** Thrown by `notApplicable`; one instance, since throwing it is routine and must stay cheap. */
export class NotApplicable extends Error {
  constructor() {
    super("policy does not apply");
  }
}

/** The single {@link NotApplicable} instance. */
export const NOT_APPLICABLE = new NotApplicable();

function throwNotApplicable(): never {
  throw NOT_APPLICABLE;
}

interface EngineProxy {
  readonly unknownCheckingProxy: <T>(value: T) => T;
}

/** The analyzer's proxy, which throws its unknown-value error when a policy reads an unknown. */
const unknownCheckingProxy = (policySdk as unknown as EngineProxy).unknownCheckingProxy;

const NO_TAGS: ReadonlyMap<string, string> = new Map();

/** The resource's type token as a resource class carries it. */
function classType(resourceClass: unknown): string | undefined {
  const type = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
  return typeof type === "string" ? type : undefined;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
  const declared = classType(resourceClass);
  if (declared !== undefined) {
    return declared === type;
  }
  const isInstance = (resourceClass as { isInstance?: (o: unknown) => boolean }).isInstance;
  return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function options(input: ResourceInput): PolicyResourceOptions {
  const opts: PolicyResourceOptions = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
  };
  if (input.parent !== undefined) {
    opts.parent = input.parent;
  }
  return opts;
}

/** Wraps properties the way the analyzer does (a proxy that throws on unknowns). */
export function proxiedProps(props: Record<string, unknown>): Record<string, unknown> {
  return unknownCheckingProxy(props);
}

/**
 * `ResourceValidationArgs` for one resource. `settings` is the policy's settings, or a function
 * returning the settings of the policy being run (so one bag serves every policy in turn).
 */
export function resourceArgs(
  input: ResourceInput,
  settings: Record<string, unknown> | (() => Record<string, unknown>),
  props: Record<string, unknown> = proxiedProps(input.props),
): ResourceValidationArgs {
  const { type } = input;
  const current = typeof settings === "function" ? settings : () => settings;
  return {
    type,
    props,
    urn: input.urn,
    name: input.name,
    opts: options(input),
    stackTags: NO_TAGS,
    isType: (resourceClass) => isTypeOf(type, resourceClass),
    asType: ((resourceClass: unknown) =>
      isTypeOf(type, resourceClass) ? props : undefined) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => ({ ...current() }) as T,
    notApplicable: throwNotApplicable,
  };
}

/** The stack's resources as `PolicyResource`s, parents and dependencies linked, built once. */
export function policyResources(inputs: readonly ResourceInput[]): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  const resources = inputs.map((input) => {
    const props = proxiedProps(input.props);
    const type = input.type;
    const resource: PolicyResource = {
      type,
      props,
      urn: input.urn,
      name: input.name,
      opts: options(input),
      dependencies: [],
      propertyDependencies: {},
      isType: (resourceClass) => isTypeOf(type, resourceClass),
      asType: ((resourceClass: unknown) =>
        isTypeOf(type, resourceClass) ? props : undefined) as PolicyResource["asType"],
    };
    byUrn.set(input.urn, resource);
    return resource;
  });
  inputs.forEach((input, i) => {
    const resource = resources[i];
    if (input.parent !== undefined && byUrn.has(input.parent)) {
      resource.parent = byUrn.get(input.parent);
    }
    resource.dependencies = (input.dependencies ?? [])
      .map((urn) => byUrn.get(urn))
      .filter((r): r is PolicyResource => r !== undefined);
    for (const [key, urns] of Object.entries(input.propertyDependencies ?? {})) {
      resource.propertyDependencies[key] = urns
        .map((urn) => byUrn.get(urn))
        .filter((r): r is PolicyResource => r !== undefined);
    }
  });
  return resources;
}

/** `StackValidationArgs` over prepared resources under one policy's settings. */
export function stackArgs(
  resources: PolicyResource[],
  settings: Record<string, unknown>,
): StackValidationArgs {
  return {
    resources,
    stackTags: NO_TAGS,
    getConfig: <T extends object>() => ({ ...settings }) as T,
    notApplicable: throwNotApplicable,
  };
}
