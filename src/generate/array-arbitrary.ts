/**
 * Arrays for one (merged) schema: `prefixItems` then `items` (or nothing more when `items: false`
 * or `unevaluatedItems: false` closes the tuple), `minItems`/`maxItems`, `contains` with
 * `minContains` (matching items placed after the tuple), `uniqueItems` (checked on the whole array,
 * with bounded retries). `maxContains` bounds the extra items; the caller's validator filters the
 * rest (filtered-keywords.ts).
 */
import fc from "fast-check";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import { type Builder, type BuildState, OMIT } from "./build-context.js";
import { CannotGenerate } from "./cannot-generate.js";
import { retryUntil } from "./unsatisfied.js";

/** Extra items generated beyond `minItems` at most. */
const EXTRA_ITEMS = 3;

/** Values of `type: array` under `schema`'s array keywords. */
export function arrayArbitrary(
  builder: Builder,
  schema: JsonObject,
  base: string,
  state: BuildState,
): fc.Arbitrary<unknown> {
  const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as unknown[]) : [];
  const items = schema.items;
  const unevaluated = schema.unevaluatedItems;
  const closed = items === false || (items === undefined && unevaluated === false);
  const tailSchema: unknown = items ?? (isJsonObject(unevaluated) ? unevaluated : true);
  const minItems = typeof schema.minItems === "number" ? schema.minItems : 0;
  let maxItems = typeof schema.maxItems === "number" ? schema.maxItems : Number.POSITIVE_INFINITY;
  if (closed) maxItems = Math.min(maxItems, prefix.length);
  if (minItems > maxItems)
    throw new CannotGenerate(
      "minItems",
      `minItems ${minItems} exceeds the ${maxItems} items allowed`,
    );

  const contains = schema.contains;
  const minContains =
    contains === undefined ? 0 : typeof schema.minContains === "number" ? schema.minContains : 1;
  // The tuple is generated whole when it fits; an optional item that cannot be generated ends it.
  const prefixArbs = prefix
    .slice(0, Math.min(prefix.length, maxItems))
    .map((item, i) => builder.lazy(item, base, state, i < minItems));
  if (minContains > 0 && closed) {
    throw new CannotGenerate("contains", "contains needs items after a closed tuple");
  }
  const containsArb =
    minContains > 0
      ? builder.lazy({ allOf: [tailSchema, contains] }, base, state, true)
      : fc.constant(undefined);
  const tailMin = Math.max(0, minItems - prefixArbs.length - minContains);
  const room = maxItems - prefixArbs.length - minContains;
  if (room < tailMin)
    throw new CannotGenerate("maxItems", `maxItems ${maxItems} leaves no room for contains`);
  // With maxContains, extra items (which may match `contains` too) stay within its slack; what
  // still exceeds it is filtered by the caller's validator (filtered-keywords.ts).
  const maxContains =
    contains !== undefined && typeof schema.maxContains === "number"
      ? schema.maxContains
      : Number.POSITIVE_INFINITY;
  if (maxContains < minContains)
    throw new CannotGenerate(
      "maxContains",
      `maxContains ${maxContains} is below minContains ${minContains}`,
    );
  const extra = Math.min(state.minimal ? 0 : EXTRA_ITEMS, maxContains - minContains);
  const tailMax = Math.min(room, tailMin + Math.max(0, extra));
  const tailArb: fc.Arbitrary<unknown> =
    tailMax > 0 ? builder.lazy(tailSchema, base, state, tailMin > 0) : fc.constant(undefined);
  const unique = schema.uniqueItems === true;
  const tail =
    tailMax === 0
      ? fc.constant([] as unknown[])
      : unique
        ? fc.uniqueArray(tailArb, { minLength: tailMin, maxLength: tailMax, selector: canonical })
        : fc.array(tailArb, { minLength: tailMin, maxLength: tailMax });
  const whole = fc
    .tuple(
      fc.tuple(...prefixArbs),
      fc.array(containsArb, { minLength: minContains, maxLength: minContains }),
      tail,
    )
    .map(([head, matching, rest]) => {
      const end = head.indexOf(OMIT);
      // A tuple cut short by an item that cannot be generated takes nothing after it.
      if (end >= 0) return head.slice(0, end);
      return [...head, ...matching, ...rest.filter((item) => item !== OMIT)];
    });
  return unique ? retryUntil(whole, allDistinct, "no array with distinct items found") : whole;
}

/** A key equal for JSON-equal values (object keys sorted), as uniqueItems compares them. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isJsonObject(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function allDistinct(values: unknown[]): boolean {
  return new Set(values.map(canonical)).size === values.length;
}
