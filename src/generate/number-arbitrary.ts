/**
 * Numbers and integers for one schema: `minimum`/`maximum`, exclusive bounds (2020-12 numbers;
 * 3.0's booleans were turned into numbers by normalize-schema.ts), `multipleOf` (generated as
 * whole multiples, then checked the way ajv checks it) and the numeric formats of
 * src/runtime/formats.ts (`int32`, `int64`, `float`, `double`).
 */
import fc from "fast-check";
import { formats } from "../runtime/formats.js";
import type { JsonObject } from "../runtime/json-value.js";
import { CannotGenerate } from "./cannot-generate.js";
import { retryUntil } from "./unsatisfied.js";

const INT32 = 2 ** 31;
const FLOAT_MAX = 3.4028234663852886e38;
/** How far from a single bound unbounded values go. */
const SPAN = 1_000_000;

/** Values of `type: integer` (`integer` true) or `number` under `schema`'s numeric keywords. */
export function numberArbitrary(schema: JsonObject, integer: boolean): fc.Arbitrary<unknown> {
  let min = -Number.MAX_SAFE_INTEGER;
  let max = Number.MAX_SAFE_INTEGER;
  let minExcluded = false;
  let maxExcluded = false;
  if (typeof schema.minimum === "number") min = Math.max(min, schema.minimum);
  if (typeof schema.maximum === "number") max = Math.min(max, schema.maximum);
  if (typeof schema.exclusiveMinimum === "number" && schema.exclusiveMinimum >= min) {
    min = schema.exclusiveMinimum;
    minExcluded = true;
  }
  if (typeof schema.exclusiveMaximum === "number" && schema.exclusiveMaximum <= max) {
    max = schema.exclusiveMaximum;
    maxExcluded = true;
  }
  const format = typeof schema.format === "string" ? schema.format : undefined;
  if (format === "int32") {
    integer = true;
    min = Math.max(min, -INT32);
    max = Math.min(max, INT32 - 1);
  } else if (format === "int64") integer = true;
  else if (format === "float") {
    min = Math.max(min, -FLOAT_MAX);
    max = Math.min(max, FLOAT_MAX);
  }
  const formatCheck = format === undefined ? undefined : formats[format];
  const fraction = schema["x-gen-fraction"] === true;
  const multipleOf =
    typeof schema.multipleOf === "number" && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  const accept = (n: number): boolean =>
    Number.isFinite(n) &&
    (minExcluded ? n > min : n >= min) &&
    (maxExcluded ? n < max : n <= max) &&
    (!integer || Number.isInteger(n)) &&
    (!fraction || !Number.isInteger(n)) &&
    (multipleOf === undefined || Number.isInteger(n / multipleOf)) &&
    (formatCheck?.type !== "number" || (formatCheck.validate as (value: number) => boolean)(n));
  const reason = `no ${integer ? "integer" : "number"} in ${minExcluded ? "(" : "["}${min}, ${max}${maxExcluded ? ")" : "]"}${multipleOf === undefined ? "" : ` that is a multiple of ${multipleOf}`}`;
  if (min > max || (min === max && (minExcluded || maxExcluded)))
    throw new CannotGenerate("maximum", reason);
  let base: fc.Arbitrary<number>;
  if (multipleOf !== undefined) {
    let low = Math.ceil(min / multipleOf);
    let high = Math.floor(max / multipleOf);
    // Unbounded sides stay near the other bound (or zero), where multiples are exact.
    if (min <= -Number.MAX_SAFE_INTEGER)
      low = Math.max(low, (high > SPAN ? high : Math.min(high, 0)) - SPAN);
    if (max >= Number.MAX_SAFE_INTEGER)
      high = Math.min(high, (low < -SPAN ? low : Math.max(low, 0)) + SPAN);
    if (low > high) throw new CannotGenerate("multipleOf", reason);
    base = wholeBetween(low, high).map((k) => k * multipleOf);
  } else if (integer) {
    let low = Math.ceil(min);
    let high = Math.floor(max);
    if (minExcluded && low === min) low++;
    if (maxExcluded && high === max) high--;
    if (low > high) throw new CannotGenerate("maximum", reason);
    // Unbounded sides stay near the other bound, or in the int32 range when both are open.
    const openLow = low <= -Number.MAX_SAFE_INTEGER;
    const openHigh = high >= Number.MAX_SAFE_INTEGER;
    if (openLow && openHigh) {
      low = -INT32;
      high = INT32 - 1;
    } else if (openLow) low = high - SPAN;
    else if (openHigh) high = low + SPAN;
    base = wholeBetween(low, high);
  } else if (fraction) {
    base = fc.double({ min, max, noNaN: true, noDefaultInfinity: true, minExcluded, maxExcluded });
  } else {
    const lowWhole = Math.max(Math.ceil(min), -INT32);
    const highWhole = Math.min(Math.floor(max), INT32 - 1);
    const doubles = fc.double({
      min,
      max,
      noNaN: true,
      noDefaultInfinity: true,
      minExcluded,
      maxExcluded,
    });
    base = lowWhole <= highWhole ? fc.oneof(doubles, wholeBetween(lowWhole, highWhole)) : doubles;
  }
  return retryUntil(base, accept, reason);
}

/** Whole numbers in [low, high], small ones preferred when the range is unbounded in practice. */
function wholeBetween(low: number, high: number): fc.Arbitrary<number> {
  if (low >= -INT32 && high < INT32) return fc.integer({ min: low, max: high });
  return fc.bigInt({ min: BigInt(low), max: BigInt(high) }).map(Number);
}
