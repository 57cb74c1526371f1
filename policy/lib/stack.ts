/**
 * Helpers for stack policies: resources by type with plain properties, and links between
 * resources that hold even at preview, when the linking value (a bucket name, a secret id) is still
 * unknown and only the dependency graph says which resource it comes from.
 */
import { PolicyResource } from "@pulumi/policy";
import { isUnknown, plainProps } from "./values";

/** A stack resource with its properties read plainly. */
export interface StackResource {
  readonly resource: PolicyResource;
  readonly props: Record<string, unknown>;
}

/** The stack's resources of one type, with plain properties. */
export function resourcesOfType(
  resources: readonly PolicyResource[],
  type: string,
): StackResource[] {
  const found: StackResource[] = [];
  for (const resource of resources) {
    if (resource.type === type) {
      found.push({ resource, props: plainProps(resource.props) });
    }
  }
  return found;
}

/** How `source.props[property]` relates to a target resource. */
export type Link = "linked" | "not-linked" | "undecided";

/**
 * Whether `source.props[property]` refers to `target`: by value (it equals one of the target's
 * identifying properties) or, when the value is unknown, by the dependency graph. When the graph
 * says nothing and `target` is the only candidate of its type, the unknown value can only have
 * come from it... or from somewhere else entirely, so that case stays undecided unless `unique`.
 */
export function linkOf(
  source: StackResource,
  property: string,
  target: StackResource,
  identifiers: readonly string[],
  unique: boolean,
): Link {
  const value = source.props[property];
  if (value === undefined || value === null) {
    return "not-linked";
  }
  if (!isUnknown(value)) {
    return identifiers.some((key) => {
      const candidate = target.props[key];
      return typeof candidate === "string" && !isUnknown(candidate) && candidate === value;
    }) || matchesUrnName(value, target)
      ? "linked"
      : "not-linked";
  }
  const byProperty = source.resource.propertyDependencies?.[property];
  if (byProperty && byProperty.length > 0) {
    return byProperty.some((dep) => dep.urn === target.resource.urn) ? "linked" : "not-linked";
  }
  if (source.resource.dependencies.some((dep) => dep.urn === target.resource.urn)) {
    return "linked";
  }
  return unique ? "linked" : "undecided";
}

/** A known value equal to the target's id is also a link (outputs carry `id` after creation). */
function matchesUrnName(value: unknown, target: StackResource): boolean {
  const id = target.props.id;
  return typeof id === "string" && id === value;
}
