/**
 * Seeded generation of valid values for one schema, each checked by the caller's validator before
 * it is handed out. A value the validator rejects is a generator bug and is returned as such (with
 * the value), never mixed into the valid ones; a schema the generator cannot build values for is a
 * named result saying which keyword and why. The same seed gives the same values in the same order.
 */
import fc from "fast-check";
import { CannotGenerate } from "./cannot-generate.js";
import type { SchemaArbitraries } from "./schema-arbitrary.js";
import { findUnsatisfied } from "./unsatisfied.js";

/** The project's validator for the schema being generated for: true when `value` is valid. */
export type Validate = (value: unknown) => boolean;

/** Options of {@link generateValues}. */
export interface GenerateOptions {
  /** fast-check seed: the same seed, schema and count give the same values. */
  readonly seed: number;
  /** Values to draw. */
  readonly count: number;
}

/** What generation produced for one schema. */
export type Generated =
  | {
      readonly kind: "values";
      /** Drawn values the validator accepted, in draw order. */
      readonly values: readonly unknown[];
      /** Drawn values the validator rejected: bugs of the generator, never used. */
      readonly generatorBugs: readonly unknown[];
      /** Draws whose bounded retries found no value (a pattern, multipleOf, …), with why. */
      readonly unsatisfied: readonly string[];
    }
  | {
      readonly kind: "cannot-generate";
      /** The keyword the generator cannot satisfy (`pattern`, `not`, `$ref`, …). */
      readonly keyword: string;
      readonly reason: string;
    };

/**
 * Draw `count` values of the schema at `tokens` (from the document root of `arbitraries`'s
 * source) with `seed`, and sort them by `validate`'s verdict.
 */
export function generateValues(
  arbitraries: SchemaArbitraries,
  tokens: readonly (string | number)[],
  validate: Validate,
  options: GenerateOptions,
): Generated {
  let arbitrary: fc.Arbitrary<unknown>;
  try {
    arbitrary = arbitraries.forPointer(tokens, validate);
  } catch (error) {
    if (error instanceof CannotGenerate)
      return { kind: "cannot-generate", keyword: error.keyword, reason: error.reason };
    throw error;
  }
  const values: unknown[] = [];
  const generatorBugs: unknown[] = [];
  const unsatisfied: string[] = [];
  let drawn: unknown[];
  try {
    drawn = fc.sample(arbitrary, { seed: options.seed, numRuns: options.count });
  } catch (error) {
    // A branch built on first draw (anyOf/oneOf combinations) can be found impossible only then.
    if (error instanceof CannotGenerate)
      return { kind: "cannot-generate", keyword: error.keyword, reason: error.reason };
    throw error;
  }
  for (const value of drawn) {
    const marker = findUnsatisfied(value);
    if (marker) unsatisfied.push(marker.reason);
    else if (validate(value)) values.push(value);
    else generatorBugs.push(value);
  }
  if (values.length === 0 && generatorBugs.length === 0 && unsatisfied.length > 0) {
    return { kind: "cannot-generate", keyword: "retries", reason: unsatisfied[0] as string };
  }
  return { kind: "values", values, generatorBugs, unsatisfied };
}
