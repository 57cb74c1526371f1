/**
 * Test helpers over the program runner: run `index.ts` for a stack under mocks, then find
 * resources and read their IAM documents.
 */
import { CapturedResource } from "../../tools/capturedResource";
import { ProgramRun, RunOptions, runProgram } from "../../tools/program/runProgram";
import type { PolicyDocument, Statement } from "../../components/policyDocument";

export { ProgramRun, RunOptions, runProgram };

/** Runs the program and fails the test with the program's own error if it failed. */
export async function runStack(options: RunOptions): Promise<ProgramRun> {
  const run = await runProgram(options);
  if (run.error) throw new Error(`The program failed for ${options.stack}: ${run.error.message}`);
  return run;
}

/** Every resource of `type`. */
export function ofType(run: ProgramRun, type: string): CapturedResource[] {
  return run.resources.filter((resource) => resource.type === type);
}

/** The one resource of `type` whose name ends with `nameSuffix`; fails if not exactly one. */
export function one(run: ProgramRun, type: string, nameSuffix = ""): CapturedResource {
  const found = ofType(run, type).filter((resource) => resource.name.endsWith(nameSuffix));
  if (found.length !== 1) {
    throw new Error(`Expected one ${type} named *${nameSuffix}, found ${found.length}.`);
  }
  return found[0];
}

/** True when some resource of `type` ends with `nameSuffix`. */
export function has(run: ProgramRun, type: string, nameSuffix = ""): boolean {
  return ofType(run, type).some((resource) => resource.name.endsWith(nameSuffix));
}

/** Parses the IAM document in `resource.props[prop]`. */
export function documentOf(resource: CapturedResource, prop = "policy"): PolicyDocument {
  const value = resource.props[prop];
  return (typeof value === "string" ? JSON.parse(value) : value) as PolicyDocument;
}

/** The statement with `sid` in `document`; fails if absent. */
export function statement(document: PolicyDocument, sid: string): Statement {
  const found = document.Statement.find((candidate) => candidate.Sid === sid);
  if (!found)
    throw new Error(
      `No statement ${sid}; the document has ${document.Statement.map((s) => s.Sid).join(", ")}.`,
    );
  return found;
}

/** Every action any Allow statement of `document` grants, lower-cased. */
export function allowedActions(document: PolicyDocument): string[] {
  return document.Statement.filter((s) => s.Effect === "Allow").flatMap((s) =>
    (Array.isArray(s.Action) ? s.Action : [s.Action]).map((action) => action.toLowerCase()),
  );
}
