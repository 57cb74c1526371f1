/**
 * Reading resource properties the way the policies need: without tripping the engine's
 * unknown-checking proxy, so that a rule can see which values are unknown at preview and say in
 * its own words what it could not decide.
 */
import * as policySdk from "@pulumi/policy";

/**
 * Pulumi's sentinels for values not known until a resource exists. The engine sends every unknown
 * as the string sentinel; the others are listed so that a value from any source is recognised.
 */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** The string sentinel, which is how the engine and the offline plan both write an unknown. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `value` is a value that is unknown until the update runs. */
export function isUnknown(value: unknown): boolean {
  return typeof value === "string" && value.length === 36 && UNKNOWN_SENTINELS.has(value);
}

/**
 * Returns a resource's properties as a plain object. The engine hands policies a proxy that throws
 * on reading an unknown; reading through property descriptors sees the raw sentinel instead, and
 * everything below the top level is already plain data.
 */
export function plainProps(props: Record<string, unknown>): Record<string, unknown> {
  if (props === lastProps && lastPlain !== undefined) {
    return lastPlain;
  }
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(props)) {
    const descriptor = Object.getOwnPropertyDescriptor(props, key);
    if (descriptor && "value" in descriptor) {
      result[key] = descriptor.value;
    }
  }
  lastProps = props;
  lastPlain = result;
  return result;
}

// The last copy made: the analyzer runs every policy on one resource before the next, and the
// offline gate hands them all the same properties object, so one entry catches the repeats
// without the cost of a cache the size of the stack.
let lastProps: object | undefined;
let lastPlain: Record<string, unknown> | undefined;

/** The engine's own error for "this value is unknown during preview" (exported at run time only). */
interface EngineInternals {
  readonly UnknownValueError: new (sentinel: string, path: string[]) => Error;
}

/** The engine's unknown-value error class, which it reports as an advisory "cannot run" note. */
export const EngineUnknownValueError = (policySdk as unknown as EngineInternals).UnknownValueError;

/**
 * Stops a rule that cannot decide because a value is unknown at preview, with a message in the
 * rule's own words. The engine reports it as an advisory note and runs the rule again at update
 * time, when the value is known; the offline gate does the same.
 */
export function cannotDecide(message: string): never {
  const error = new EngineUnknownValueError(UNKNOWN_STRING, []);
  error.message = message;
  throw error;
}

/** True when `error` is the engine's unknown-value error (ours or the proxy's). */
export function isUnknownValueError(error: unknown): error is Error {
  return error instanceof EngineUnknownValueError;
}

/**
 * Collects what a rule could not decide while it goes on checking everything else, then reports
 * all of it at once (after every decidable violation has been reported).
 */
export class Undecided {
  private readonly reasons: string[] = [];

  /** Records one thing that could not be decided (a property path and why). */
  add(reason: string): void {
    if (!this.reasons.includes(reason)) {
      this.reasons.push(reason);
    }
  }

  /** True when nothing is pending. */
  get empty(): boolean {
    return this.reasons.length === 0;
  }

  /** How many distinct reasons are pending. */
  get size(): number {
    return this.reasons.length;
  }

  /** Throws the collected reasons as one "cannot decide" note, if there are any. */
  settle(subject: string): void {
    if (this.reasons.length > 0) {
      cannotDecide(
        `${subject} cannot be fully checked before the update: ${this.reasons.join("; ")}. ` +
          "The check runs again when these values are known.",
      );
    }
  }
}

/** Marks a value that is unknown at preview, as returned by the readers below. */
export const UNKNOWN: unique symbol = Symbol("unknown at preview");

/** The type of {@link UNKNOWN}. */
export type Unknown = typeof UNKNOWN;

/** Reads a string property: the string, {@link UNKNOWN}, or undefined when absent or not a string. */
export function stringProp(value: unknown): string | Unknown | undefined {
  if (isUnknown(value)) {
    return UNKNOWN;
  }
  return typeof value === "string" ? value : undefined;
}

/** Reads a boolean property: true/false, {@link UNKNOWN}, or undefined when absent. */
export function boolProp(value: unknown): boolean | Unknown | undefined {
  if (isUnknown(value)) {
    return UNKNOWN;
  }
  return typeof value === "boolean" ? value : undefined;
}

/** Narrows to a plain object record. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Unwraps a value the engine marked secret for a remediation (remediations see secrets wrapped so
 * that a rewritten value stays secret), and says whether it was wrapped.
 */
export function unwrapSecret(value: unknown): {
  readonly value: unknown;
  readonly secret: boolean;
} {
  return value instanceof policySdk.Secret
    ? { value: (value as policySdk.Secret).value, secret: true }
    : { value, secret: false };
}

/** Wraps a rewritten value again when the original was secret. */
export function rewrapSecret(value: unknown, secret: boolean): unknown {
  return secret ? new policySdk.Secret(value) : value;
}
