/**
 * How an IAM policy names a Secrets Manager secret. AWS appends a hyphen and six random characters
 * to every secret's ARN, so a policy that names a secret without them matches nothing, and a
 * policy that ends in a bare `*` matches other secrets too.
 */
import { Entry } from "./iamDocument";
import { UNKNOWN } from "./values";

/** What one `Resource` entry says about Secrets Manager secrets. */
export type SecretReference =
  | { readonly kind: "unknown" }
  | { readonly kind: "not-a-secret" }
  | { readonly kind: "any-resource" }
  | { readonly kind: "all-secrets" }
  | { readonly kind: "full-arn"; readonly name: string }
  | { readonly kind: "suffix-wildcard"; readonly name: string }
  | { readonly kind: "suffix-exact"; readonly name: string }
  | { readonly kind: "prefix-wildcard"; readonly name: string }
  | { readonly kind: "wildcard-name"; readonly name: string }
  | { readonly kind: "not-resource" }
  | { readonly kind: "wrong-length"; readonly name: string; readonly length: number }
  | { readonly kind: "bare-name"; readonly name: string };

const RANDOM_SUFFIX = /-[A-Za-z0-9]{6}$/;
const QUESTION_SUFFIX = /-(\?+)$/;

/** Parses `arn:<partition>:secretsmanager:<region>:<account>:secret:<name...>`; undefined otherwise. */
export function secretNamePart(arn: string): string | undefined {
  const parts = arn.split(":");
  if (parts.length < 7 || parts[0].toLowerCase() !== "arn") {
    return undefined;
  }
  if (parts[2].toLowerCase() !== "secretsmanager" || parts[5].toLowerCase() !== "secret") {
    return undefined;
  }
  return parts.slice(6).join(":");
}

/** Classifies one `Resource` entry. */
export function classifySecretResource(entry: Entry): SecretReference {
  if (entry === UNKNOWN) {
    return { kind: "unknown" };
  }
  if (entry === "*") {
    return { kind: "any-resource" };
  }
  const parts = entry.split(":");
  if (parts.length === 6 && parts[2].toLowerCase() === "secretsmanager" && parts[5] === "*") {
    return { kind: "all-secrets" };
  }
  const name = secretNamePart(entry);
  if (name === undefined) {
    return { kind: "not-a-secret" };
  }
  return classifySecretName(name);
}

/** Classifies the name part of a secret ARN (everything after `secret:`). */
/**
 * A wildcard before the suffix (`*-*`, `zscaler/*-*`, `zscaler?dev-??????`) matches many
 * secrets however the name ends; undefined when the base names one secret.
 */
function wildcardInName(base: string): SecretReference | undefined {
  if (base === "*") return { kind: "all-secrets" };
  return /[*?]/.test(base) ? { kind: "wildcard-name", name: base } : undefined;
}

export function classifySecretName(name: string): SecretReference {
  if (name === "*" || name === "") {
    return { kind: "all-secrets" };
  }
  if (name.endsWith("-*")) {
    return (
      wildcardInName(name.slice(0, -2)) ?? { kind: "suffix-wildcard", name: name.slice(0, -2) }
    );
  }
  const question = QUESTION_SUFFIX.exec(name);
  if (question) {
    const length = question[1].length;
    const base = name.slice(0, -(length + 1));
    return (
      wildcardInName(base) ??
      (length === 6
        ? { kind: "suffix-exact", name: base }
        : { kind: "wrong-length", name: base, length })
    );
  }
  if (name.endsWith("*")) {
    return { kind: "prefix-wildcard", name: name.slice(0, -1) };
  }
  if (RANDOM_SUFFIX.test(name)) {
    return { kind: "full-arn", name: name.slice(0, -7) };
  }
  return { kind: "bare-name", name };
}

/**
 * The one secret a reference can match (its full ARN, `<name>-*` or `<name>-??????`), or undefined
 * when it can match several secrets or none.
 */
export function onlySecretName(reference: SecretReference): string | undefined {
  switch (reference.kind) {
    case "full-arn":
    case "suffix-wildcard":
    case "suffix-exact":
      return reference.name;
    default:
      return undefined;
  }
}
