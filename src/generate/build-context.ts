/**
 * What the per-type arbitraries (object-arbitrary.ts, array-arbitrary.ts) ask of the schema
 * arbitrary builder (schema-arbitrary.ts), so that they depend on this contract and not on it.
 */
import type fc from "fast-check";
import type { JsonObject } from "../runtime/json-value.js";
import type { Normalizer } from "./normalize-schema.js";

/** Where the arbitrary being built is: the `$ref` targets entered, and whether to stay minimal. */
export interface BuildState {
  readonly path: ReadonlyMap<string, number>;
  readonly minimal: boolean;
}

/** Stands for an optional member or item that cannot be generated: the caller leaves it out. */
export const OMIT: unique symbol = Symbol("omit");

/** The builder's operations the per-type arbitraries use. */
export interface Builder {
  readonly normalizer: Normalizer;
  /** Valid values of `schema` (met at base `base`). */
  build(schema: unknown, base: string, state: BuildState): fc.Arbitrary<unknown>;
  /** {@link Builder.build} deferred to the first draw; {@link OMIT} or a marker when impossible. */
  lazy(schema: unknown, base: string, state: BuildState, required: boolean): fc.Arbitrary<unknown>;
  /** Valid values of an already merged schema. */
  merged(schema: JsonObject, base: string, state: BuildState): fc.Arbitrary<unknown>;
}
