/**
 * Where policy documents live in each resource type's inputs, and how to put a rewritten document
 * back in the same place and shape (for remediation).
 */
import { NormalStatement, ParsedDocument, isAllow, parseDocument } from "./iamDocument";
import { TYPES } from "./types";
import { UNKNOWN, Undecided, isRecord, isUnknown } from "./values";

/** Who a document speaks for: an identity, a resource, a role's trust, or a KMS key. */
export type DocumentKind = "identity" | "resource" | "trust" | "key";

/** One document found in a resource's inputs; parsed on first use, then kept. */
export class DocumentRef {
  private parsedDocument?: ParsedDocument;

  constructor(
    /** Property path, e.g. `policy` or `inlinePolicies[1].policy`, used in messages. */
    readonly path: string,
    readonly kind: DocumentKind,
    /** The document as given: a JSON string, an object, or an unknown sentinel. */
    readonly value: unknown,
  ) {}

  /** The document in normal form. */
  get parsed(): ParsedDocument {
    this.parsedDocument ??= parseDocument(this.value);
    return this.parsedDocument;
  }
}

// The documents of the last properties object read: every policy run on one resource in a row
// shares them, so each document is parsed once per resource.
let lastProps: object | undefined;
let lastDocuments: DocumentRef[] = [];

const SINGLE_DOCUMENT: Readonly<Record<string, DocumentKind>> = {
  [TYPES.managedPolicy]: "identity",
  [TYPES.rolePolicy]: "identity",
  [TYPES.userPolicy]: "identity",
  [TYPES.groupPolicy]: "identity",
  [TYPES.secretPolicy]: "resource",
  [TYPES.secret]: "resource",
  [TYPES.bucketPolicy]: "resource",
  [TYPES.kmsKey]: "key",
};

/** Every policy document in a resource's (plain) inputs. */
export function documentsOf(type: string, props: Record<string, unknown>): DocumentRef[] {
  if (props !== lastProps) {
    lastDocuments = collect(type, props);
    lastProps = props;
  }
  return lastDocuments;
}

function collect(type: string, props: Record<string, unknown>): DocumentRef[] {
  const single = SINGLE_DOCUMENT[type];
  if (single !== undefined) {
    return props.policy === undefined ? [] : [new DocumentRef("policy", single, props.policy)];
  }
  if (type !== TYPES.role) {
    return [];
  }
  const list: DocumentRef[] = [];
  if (props.assumeRolePolicy !== undefined) {
    list.push(new DocumentRef("assumeRolePolicy", "trust", props.assumeRolePolicy));
  }
  const inline = props.inlinePolicies;
  if (isUnknown(inline)) {
    list.push(new DocumentRef("inlinePolicies", "identity", inline));
  } else if (Array.isArray(inline)) {
    inline.forEach((entry: unknown, i: number) => {
      const value = isUnknown(entry) ? entry : isRecord(entry) ? entry.policy : undefined;
      if (value !== undefined) {
        list.push(new DocumentRef(`inlinePolicies[${i}].policy`, "identity", value));
      }
    });
  }
  return list;
}

/**
 * Returns a copy of `props` with the document at `path` replaced. A document that arrived as a
 * JSON string goes back as a JSON string; an object goes back as an object.
 */
export function replaceDocument(
  props: Record<string, unknown>,
  path: string,
  original: unknown,
  document: Record<string, unknown>,
): Record<string, unknown> {
  const next = typeof original === "string" ? JSON.stringify(document) : document;
  const copy: Record<string, unknown> = { ...props };
  const inline = /^inlinePolicies\[(\d+)\]\.policy$/.exec(path);
  if (inline) {
    const index = Number(inline[1]);
    const list = Array.isArray(props.inlinePolicies) ? [...props.inlinePolicies] : [];
    const entry: unknown = list[index];
    list[index] = { ...(isRecord(entry) ? entry : {}), policy: next };
    copy.inlinePolicies = list;
  } else {
    copy[path] = next;
  }
  return copy;
}

/** One Allow statement of a known document, with the document it came from. */
export interface AllowStatement {
  readonly ref: DocumentRef;
  readonly statement: NormalStatement;
}

/**
 * The Allow statements of `refs`' documents. A document or an effect not known yet is noted in
 * `undecided` (so the rule can say what it could not judge) and skipped.
 */
export function* allowStatements(
  refs: Iterable<DocumentRef>,
  undecided: Undecided,
): Generator<AllowStatement> {
  for (const ref of refs) {
    const parsed = ref.parsed;
    if (parsed.kind === "unknown") {
      undecided.add(`\`${ref.path}\` is computed from other resources' outputs`);
      continue;
    }
    if (parsed.kind !== "parsed") continue;
    for (const statement of parsed.statements) {
      if (statement.effect === UNKNOWN) {
        undecided.add(
          `the effect of statement ${statement.position} in \`${ref.path}\` is unknown`,
        );
        continue;
      }
      if (isAllow(statement)) yield { ref, statement };
    }
  }
}
