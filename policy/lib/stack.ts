/**
 * Helpers for stack policies: resources by type with plain properties, and links between
 * resources that hold even at preview, when the linking value (a bucket name, a secret id) is still
 * unknown and only the dependency graph says which resource it comes from. Links are resolved
 * through an index, so a stack rule stays linear in the number of resources.
 */
import { PolicyResource } from "@pulumi/policy";
import { isUnknown, plainProps } from "./values";

/** A stack resource with its properties read plainly. */
export interface StackResource {
  readonly resource: PolicyResource;
  readonly props: Record<string, unknown>;
}

/** The stack's resources grouped by type, with plain properties (read once per stack rule). */
export class StackIndex {
  private readonly byType = new Map<string, StackResource[]>();

  constructor(resources: readonly PolicyResource[]) {
    for (const resource of resources) {
      let list = this.byType.get(resource.type);
      if (!list) {
        list = [];
        this.byType.set(resource.type, list);
      }
      list.push({ resource, props: plainProps(resource.props) });
    }
  }

  /** The resources of one type, in stack order. */
  ofType(type: string): StackResource[] {
    return this.byType.get(type) ?? [];
  }
}

/** How one source property resolves against a set of targets. */
export interface Resolution {
  /** The targets the property names (usually zero or one). */
  readonly targets: readonly StackResource[];
  /** True when the value is unknown and nothing says which target it comes from. */
  readonly undecided: boolean;
}

const NONE: Resolution = { targets: [], undecided: false };

/**
 * Resolves properties that name a target resource (a rotation's `secretId`, a trail's
 * `s3BucketName`): by value, when the value is known and equals one of the target's identifying
 * properties; otherwise by the dependency graph (property dependencies first, then dependencies);
 * and for an unknown value with no graph at all, by elimination if only one target exists.
 */
export class LinkIndex {
  private readonly byValue = new Map<string, StackResource[]>();
  private readonly byUrn = new Map<string, StackResource>();

  constructor(
    private readonly targets: readonly StackResource[],
    identifiers: readonly string[],
  ) {
    for (const target of targets) {
      this.byUrn.set(target.resource.urn, target);
      for (const key of [...identifiers, "id"]) {
        const value = target.props[key];
        if (typeof value === "string" && !isUnknown(value)) {
          const list = this.byValue.get(value) ?? [];
          if (!list.includes(target)) {
            list.push(target);
          }
          this.byValue.set(value, list);
        }
      }
    }
  }

  /** What `source.props[property]` names among the targets. */
  resolve(source: StackResource, property: string): Resolution {
    const value = source.props[property];
    if (value === undefined || value === null) {
      return NONE;
    }
    if (!isUnknown(value)) {
      const matches = typeof value === "string" ? this.byValue.get(value) : undefined;
      // Without a match by value, the value may still be a target's output that the properties do
      // not show (an auto-generated name when only inputs are known): the graph tells.
      return { targets: matches ?? this.fromGraph(source, property) ?? [], undecided: false };
    }
    const fromGraph = this.fromGraph(source, property);
    if (fromGraph !== undefined) {
      return { targets: fromGraph, undecided: false };
    }
    if (this.targets.length === 1) {
      return { targets: this.targets, undecided: false };
    }
    return { targets: [], undecided: this.targets.length > 0 };
  }

  /**
   * The targets the dependency graph links the property to: its property dependencies when
   * recorded, else all the resource's dependencies (the graph lists every resource the inputs came
   * from); undefined when the resource has no graph at all.
   */
  private fromGraph(source: StackResource, property: string): StackResource[] | undefined {
    const byProperty = source.resource.propertyDependencies?.[property];
    if (byProperty && byProperty.length > 0) {
      return this.known(byProperty);
    }
    if (source.resource.dependencies.length > 0) {
      return this.known(source.resource.dependencies);
    }
    return undefined;
  }

  private known(resources: readonly PolicyResource[]): StackResource[] {
    const found: StackResource[] = [];
    for (const dependency of resources) {
      const target = this.byUrn.get(dependency.urn);
      if (target) {
        found.push(target);
      }
    }
    return found;
  }
}
