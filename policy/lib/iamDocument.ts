/**
 * IAM policy documents in every shape they reach a policy: a JSON string or an object, `Statement`
 * as one object or a list, `Action` and `Resource` as a string or a list, keys in any case. Recent
 * texts are parsed once and the result reused (documents repeat across resources of a stack).
 */
import { UNKNOWN, Unknown, isRecord, isUnknown } from "./values";

/** One string entry of an Action/Resource list, or {@link UNKNOWN}. */
export type Entry = string | Unknown;

/** A statement in normal form. Lists are undefined when the key is absent. */
export interface NormalStatement {
  /** 1-based position in the document, used in messages instead of any value. */
  readonly position: number;
  readonly effect: string | Unknown | undefined;
  readonly actions: readonly Entry[] | Unknown | undefined;
  readonly notActions: readonly Entry[] | Unknown | undefined;
  readonly resources: readonly Entry[] | Unknown | undefined;
  readonly notResources: readonly Entry[] | Unknown | undefined;
  readonly principal: unknown;
  readonly condition: Record<string, unknown> | Unknown | undefined;
}

/** The outcome of reading a document. */
export type ParsedDocument =
  | { readonly kind: "absent" }
  | { readonly kind: "unknown" }
  | { readonly kind: "invalid"; readonly reason: string }
  | { readonly kind: "parsed"; readonly statements: readonly NormalStatement[] };

const ABSENT: ParsedDocument = { kind: "absent" };
const UNKNOWN_DOCUMENT: ParsedDocument = { kind: "unknown" };
const CACHE_LIMIT = 2_000;
const cache = new Map<string, ParsedDocument>();

/** Parses a policy document given as a JSON string or an object. */
export function parseDocument(document: unknown): ParsedDocument {
  if (document === undefined || document === null || document === "") {
    return ABSENT;
  }
  if (isUnknown(document)) {
    return UNKNOWN_DOCUMENT;
  }
  if (typeof document === "string") {
    const cached = cache.get(document);
    if (cached) {
      return cached;
    }
    let result: ParsedDocument;
    try {
      result = normalise(JSON.parse(document));
    } catch {
      result = { kind: "invalid", reason: "it is not valid JSON" };
    }
    if (cache.size >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.set(document, result);
    return result;
  }
  return normalise(document);
}

/** Reads a key case-insensitively (`Statement`, `statement`, `STATEMENT`). */
export function field(object: Record<string, unknown>, name: string): unknown {
  if (name in object) {
    return object[name];
  }
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) {
    if (key.toLowerCase() === lower) {
      return object[key];
    }
  }
  return undefined;
}

function normalise(document: unknown): ParsedDocument {
  if (isUnknown(document)) {
    return UNKNOWN_DOCUMENT;
  }
  if (!isRecord(document)) {
    return { kind: "invalid", reason: "it is not a JSON object" };
  }
  const raw = field(document, "Statement");
  if (isUnknown(raw)) {
    return UNKNOWN_DOCUMENT;
  }
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const statements: NormalStatement[] = [];
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (isUnknown(item)) {
      return UNKNOWN_DOCUMENT;
    }
    if (!isRecord(item)) {
      return { kind: "invalid", reason: `statement ${i + 1} is not an object` };
    }
    statements.push({
      position: i + 1,
      effect: scalar(field(item, "Effect")),
      actions: entries(field(item, "Action")),
      notActions: entries(field(item, "NotAction")),
      resources: entries(field(item, "Resource")),
      notResources: entries(field(item, "NotResource")),
      principal: field(item, "Principal"),
      condition: condition(field(item, "Condition")),
    });
  }
  return { kind: "parsed", statements };
}

function scalar(value: unknown): string | Unknown | undefined {
  if (isUnknown(value)) {
    return UNKNOWN;
  }
  return typeof value === "string" ? value : undefined;
}

function entries(value: unknown): readonly Entry[] | Unknown | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (isUnknown(value)) {
    return UNKNOWN;
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((item: unknown) => (isUnknown(item) ? UNKNOWN : String(item)));
}

function condition(value: unknown): Record<string, unknown> | Unknown | undefined {
  if (isUnknown(value)) {
    return UNKNOWN;
  }
  return isRecord(value) ? value : undefined;
}

/** True when the statement's effect is Allow (IAM compares it case-sensitively; we do not). */
export function isAllow(statement: NormalStatement): boolean {
  return typeof statement.effect === "string" && statement.effect.toLowerCase() === "allow";
}

/** Splits an action into lower-case service and name (`secretsmanager`, `getsecretvalue`). */
export function splitAction(action: string): { service: string; name: string } {
  const lower = action.toLowerCase();
  const colon = lower.indexOf(":");
  return colon < 0
    ? { service: lower, name: "" }
    : { service: lower.slice(0, colon), name: lower.slice(colon + 1) };
}

/**
 * True when the IAM action pattern (with `*` and `?`) matches the concrete action, compared
 * case-insensitively as IAM does.
 */
export function actionMatches(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  if (!p.includes("*") && !p.includes("?")) {
    return p === a;
  }
  const source = p
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`).test(a);
}

/** Service principals a trust statement names (lower-case); {@link UNKNOWN} when unknown. */
export function servicePrincipals(principal: unknown): readonly string[] | Unknown {
  if (isUnknown(principal)) {
    return UNKNOWN;
  }
  if (!isRecord(principal)) {
    return [];
  }
  const service = field(principal, "Service");
  if (isUnknown(service)) {
    return UNKNOWN;
  }
  const list = Array.isArray(service) ? service : service === undefined ? [] : [service];
  if (list.some((item: unknown) => isUnknown(item))) {
    return UNKNOWN;
  }
  return list.map((item: unknown) => String(item).toLowerCase());
}
