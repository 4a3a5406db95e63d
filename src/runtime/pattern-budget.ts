/**
 * Which strings ran out of a guarded pattern's step budget (guarded-regexp.ts), so that the
 * violation for them says `pattern-budget-exceeded` (to-violations.ts). A module of its own with no
 * imports: validation reads it on every `pattern` error, and must not load the regex engines to do so.
 */

/** Inputs remembered per pattern; the oldest is forgotten first. */
const REMEMBERED = 1000;
const exceededInputs = new Map<string, Set<string>>();

/** The record of one pattern's over-budget inputs (created on first use). */
export function budgetRecord(pattern: string): {
  has(input: string): boolean;
  add(input: string): void;
} {
  let inputs = exceededInputs.get(pattern);
  if (!inputs) {
    inputs = new Set();
    exceededInputs.set(pattern, inputs);
  }
  const seen = inputs;
  return {
    has: (input) => seen.has(input),
    add(input) {
      if (seen.size >= REMEMBERED) seen.delete(seen.values().next().value as string);
      seen.add(input);
    },
  };
}

/**
 * Whether testing `input` against the guarded `pattern` ran out of budget (to-violations.ts
 * reports such a `pattern` error as `pattern-budget-exceeded`).
 */
export function patternBudgetExceeded(pattern: unknown, input: unknown): boolean {
  return (
    typeof pattern === "string" &&
    typeof input === "string" &&
    exceededInputs.get(pattern)?.has(input) === true
  );
}
