/**
 * Where policy documents live in each resource type's inputs, and how to put a rewritten document
 * back in the same place and shape (for remediation).
 */
import { TYPES } from "./types";
import { isRecord, isUnknown } from "./values";

/** Who a document speaks for: an identity, a resource, a role's trust, or a KMS key. */
export type DocumentKind = "identity" | "resource" | "trust" | "key";

/** One document found in a resource's inputs. */
export interface DocumentRef {
  /** Property path, e.g. `policy` or `inlinePolicies[1].policy`, used in messages. */
  readonly path: string;
  readonly kind: DocumentKind;
  /** The document as given: a JSON string, an object, or an unknown sentinel. */
  readonly value: unknown;
}

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
  const single = SINGLE_DOCUMENT[type];
  if (single !== undefined) {
    return props.policy === undefined
      ? []
      : [{ path: "policy", kind: single, value: props.policy }];
  }
  if (type !== TYPES.role) {
    return [];
  }
  const found: DocumentRef[] = [];
  if (props.assumeRolePolicy !== undefined) {
    found.push({ path: "assumeRolePolicy", kind: "trust", value: props.assumeRolePolicy });
  }
  const inline = props.inlinePolicies;
  if (isUnknown(inline)) {
    found.push({ path: "inlinePolicies", kind: "identity", value: inline });
  } else if (Array.isArray(inline)) {
    inline.forEach((entry: unknown, i: number) => {
      const value = isUnknown(entry) ? entry : isRecord(entry) ? entry.policy : undefined;
      if (value !== undefined) {
        found.push({ path: `inlinePolicies[${i}].policy`, kind: "identity", value });
      }
    });
  }
  return found;
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
