/**
 * The two ways generation can fail without looping: a schema the generator cannot build values
 * for ({@link CannotGenerate}, found while building the arbitrary) and a value that a bounded number
 * of retries did not find ({@link Unsatisfied}, a marker inside a generated value).
 */
import fc from "fast-check";

/** Candidates drawn before a retrying arbitrary gives up with an {@link Unsatisfied} marker. */
export const RETRIES = 24;

/** Stands in a generated value where retries found no candidate; never sent anywhere. */
export class Unsatisfied {
  constructor(readonly reason: string) {}
}

/** `base`'s values that pass `accept`; after {@link RETRIES} misses, an {@link Unsatisfied} marker. */
export function retryUntil<T>(
  base: fc.Arbitrary<T>,
  accept: (value: T) => boolean,
  reason: string,
): fc.Arbitrary<T | Unsatisfied> {
  const retries = fc
    .array(base, { minLength: RETRIES, maxLength: RETRIES })
    .map((candidates): T | Unsatisfied => candidates.find(accept) ?? new Unsatisfied(reason));
  return base.chain((value) => (accept(value) ? fc.constant(value) : retries));
}

/** The first {@link Unsatisfied} marker inside `value`, if any (bounded by the value's size). */
export function findUnsatisfied(value: unknown): Unsatisfied | undefined {
  if (value instanceof Unsatisfied) return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findUnsatisfied(item);
      if (found) return found;
    }
  } else if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) {
      const found = findUnsatisfied(item);
      if (found) return found;
    }
  }
  return undefined;
}
