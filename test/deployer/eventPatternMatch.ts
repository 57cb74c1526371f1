/**
 * A small EventBridge pattern matcher for tests: exact-value lists and nested objects, which is
 * every construct the deployer's rules use. A field the pattern names must exist in the event;
 * a list matches when the event's value (or any element of an event array) is one of its entries.
 */
export function matchesPattern(pattern: Record<string, unknown>, event: unknown): boolean {
  if (event === null || typeof event !== "object") return false;
  const record = event as Record<string, unknown>;
  return Object.entries(pattern).every(([key, expected]) => {
    const actual = record[key];
    if (actual === undefined) return false;
    if (Array.isArray(expected)) {
      const values = Array.isArray(actual) ? actual : [actual];
      return values.some((value) => expected.includes(value));
    }
    if (expected !== null && typeof expected === "object") {
      return matchesPattern(expected as Record<string, unknown>, actual);
    }
    throw new Error(`Pattern field \`${key}\` must be a list or an object.`);
  });
}
