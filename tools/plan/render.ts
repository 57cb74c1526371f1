/**
 * Renders a recorded program run the way `pulumi preview` shows a plan: a tree of the resources
 * to create, the inputs that matter for each, the stack outputs, and a summary line. Secret
 * values never reach the output; they print as `[secret]`.
 */
import { CapturedResource, UNKNOWN } from "../capturedResource";
import { ProgramRun } from "../program/runProgram";

/** What a value that is a Pulumi secret prints as. */
export const MASK = "[secret]";

/** A resource as the plan shows it, secrets masked. */
export interface PlannedResource {
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  readonly inputs: Record<string, unknown>;
}

/** The plan of one stack, as `npm run plan -- --json` prints it. */
export interface StackPlan {
  readonly stack: string;
  readonly resources: PlannedResource[];
  readonly outputs: Record<string, unknown>;
  readonly summary: { readonly create: number; readonly components: number };
  readonly error?: string;
}

/** Inputs that are plumbing, not configuration: left out of the plan. */
const HIDDEN_INPUTS = new Set(["__provider", "tags", "tagsAll"]);

function masked(resource: CapturedResource): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource.props)) {
    if (HIDDEN_INPUTS.has(key) || value === undefined) continue;
    inputs[key] = resource.secretProps.includes(key) ? MASK : value;
  }
  return inputs;
}

/** Builds the plan of a run. */
export function planOf(run: ProgramRun): StackPlan {
  const byUrn = new Map(run.resources.map((resource) => [resource.urn, resource]));
  const resources = run.resources.map((resource) => ({
    type: resource.type,
    name: resource.name,
    parent: resource.parent ? byUrn.get(resource.parent)?.name : undefined,
    inputs: masked(resource),
  }));
  const outputs: Record<string, unknown> = {};
  for (const [name, output] of Object.entries(run.outputs)) {
    if (output.value !== undefined) outputs[name] = output.secret ? MASK : output.value;
  }
  return {
    stack: run.stack,
    resources,
    outputs,
    summary: {
      create: run.resources.filter((resource) => resource.custom).length,
      components: run.resources.filter((resource) => !resource.custom).length,
    },
    error: run.error?.message,
  };
}

/** One input value on one line: JSON documents summarized by their statement ids. */
function describe(value: unknown): string {
  if (value === UNKNOWN) return "(known after apply)";
  if (typeof value === "string") {
    if (value.startsWith('{"Version":"2012-10-17"')) {
      const statements = (JSON.parse(value) as { Statement: { Sid?: string }[] }).Statement;
      return `policy with ${statements.length} statement(s): ${statements.map((s) => s.Sid ?? "?").join(", ")}`;
    }
    return value.length > 100 ? `${value.slice(0, 97)}...` : value;
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    const text = JSON.stringify(value);
    if (text.length <= 100) return text;
    return `{ ${keys.length} entries: ${keys.join(", ")} }`.slice(0, 160);
  }
  const text = JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

/** The plan as text. */
export function renderPlan(plan: StackPlan): string {
  const lines: string[] = [
    `Offline plan of stack ${plan.stack} (simulated account, no cloud calls)`,
    "",
  ];
  const children = new Map<string | undefined, PlannedResource[]>();
  for (const resource of plan.resources) {
    const list = children.get(resource.parent) ?? [];
    list.push(resource);
    children.set(resource.parent, list);
  }
  const walk = (parent: string | undefined, indent: string) => {
    for (const resource of children.get(parent) ?? []) {
      lines.push(` +  ${indent}${resource.type}  ${resource.name}`);
      for (const [key, value] of Object.entries(resource.inputs)) {
        if (resource.type.startsWith("zscaler-mcp:")) continue;
        lines.push(`    ${indent}    ${key}: ${describe(value)}`);
      }
      walk(resource.name, `${indent}  `);
    }
  };
  walk(undefined, "");
  if (plan.error !== undefined) {
    lines.push("", `error: ${plan.error}`);
    return lines.join("\n");
  }
  lines.push("", "Outputs:");
  for (const [name, value] of Object.entries(plan.outputs))
    lines.push(`    ${name}: ${describe(value)}`);
  lines.push(
    "",
    `Resources: + ${plan.summary.create} to create (${plan.summary.components} components)`,
  );
  return lines.join("\n");
}
