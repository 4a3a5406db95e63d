import {
  type DirectionLevels,
  defineSchemaRule,
  describeSchema,
  type SchemaPair,
} from "../define-rule.js";
import type { Bound, NormalSchema } from "../normalise-schema.js";

/** Tighter on a request rejects calls that used to pass (warning); on a response it only narrows what arrives (info). */
const TIGHTER: DirectionLevels = { request: "warning", response: "info" };
/** Looser on a response lets through values clients never had to handle (warning); on a request it is harmless. */
const LOOSER: DirectionLevels = { request: "info", response: "warning" };
/** A changed pattern or format: we cannot tell which way it went, so it may hurt either way. */
const UNKNOWN: DirectionLevels = { request: "warning", response: "warning" };

type LimitKey = "minLength" | "maxLength" | "minItems" | "maxItems";
type Tightness = "tighter" | "looser";

/** Length and count limits: the id stem, and whether a larger value is tighter (min) or looser (max). */
const LIMITS: readonly { key: LimitKey; stem: string; largerIs: Tightness }[] = [
  { key: "maxLength", stem: "max-length", largerIs: "looser" },
  { key: "minLength", stem: "min-length", largerIs: "tighter" },
  { key: "maxItems", stem: "max-items", largerIs: "looser" },
  { key: "minItems", stem: "min-items", largerIs: "tighter" },
];

function limitSuffixes(stem: string, largerIs: Tightness): Record<string, DirectionLevels> {
  const larger = largerIs === "tighter" ? TIGHTER : LOOSER;
  const smaller = largerIs === "tighter" ? LOOSER : TIGHTER;
  return {
    [`${stem}-increased`]: larger,
    [`${stem}-decreased`]: smaller,
    [`${stem}-set`]: TIGHTER,
    [`${stem}-unset`]: LOOSER,
  };
}

const suffixes: Record<string, DirectionLevels> = {
  ...Object.fromEntries(
    LIMITS.flatMap(({ stem, largerIs }) => Object.entries(limitSuffixes(stem, largerIs))),
  ),
  ...limitSuffixes("min", "tighter"),
  ...limitSuffixes("max", "looser"),
  "pattern-added": TIGHTER,
  "pattern-removed": LOOSER,
  "pattern-changed": UNKNOWN,
  "format-added": TIGHTER,
  "format-removed": LOOSER,
  "format-changed": UNKNOWN,
};

function showBound(kind: "minimum" | "maximum", bound: Bound): string {
  return `${kind === "minimum" ? ">" : "<"}${bound.exclusive ? "" : "="} ${bound.value}`;
}

/** Sign of how far `after` moved from `before`: positive when the bound admits larger values at that end. */
function boundMove(before: Bound, after: Bound, kind: "minimum" | "maximum"): number {
  if (before.value !== after.value) return after.value - before.value;
  if (before.exclusive === after.exclusive) return 0;
  // Same value, exclusivity toggled: an exclusive minimum sits just above, an exclusive maximum just below.
  const up = kind === "minimum" ? after.exclusive : before.exclusive;
  return up ? 1 : -1;
}

type Emitter = (suffix: string, location: string, message: string) => void;

function compareLimit(pair: SchemaPair, key: LimitKey, stem: string, emit: Emitter): void {
  const before = pair.old[key];
  const after = pair.new[key];
  if (before === after) return;
  const what = `${describeSchema(pair)} ${key}`;
  if (before === undefined) emit(`${stem}-set`, at(pair.new, key), `${what} was set to ${after}`);
  else if (after === undefined)
    emit(`${stem}-unset`, at(pair.old, key), `${what} ${before} was removed`);
  else {
    const direction = after > before ? "increased" : "decreased";
    emit(
      `${stem}-${direction}`,
      at(pair.new, key),
      `${what} was ${direction} from ${before} to ${after}`,
    );
  }
}

function compareBound(pair: SchemaPair, kind: "minimum" | "maximum", emit: Emitter): void {
  const before = pair.old[kind];
  const after = pair.new[kind];
  const stem = kind === "minimum" ? "min" : "max";
  const what = `${describeSchema(pair)} ${kind}`;
  if (!before && !after) return;
  if (!before && after)
    emit(`${stem}-set`, at(pair.new, kind), `${what} was set to ${showBound(kind, after)}`);
  else if (before && !after)
    emit(`${stem}-unset`, at(pair.old, kind), `${what} ${showBound(kind, before)} was removed`);
  else if (before && after) {
    const move = boundMove(before, after, kind);
    if (move === 0) return;
    const direction = move > 0 ? "increased" : "decreased";
    emit(
      `${stem}-${direction}`,
      at(pair.new, kind),
      `${what} was ${direction} from ${showBound(kind, before)} to ${showBound(kind, after)}`,
    );
  }
}

function compareText(pair: SchemaPair, key: "pattern" | "format", emit: Emitter): void {
  const before = pair.old[key];
  const after = pair.new[key];
  if (before === after) return;
  const what = `${describeSchema(pair)} ${key}`;
  if (before === undefined)
    emit(`${key}-added`, at(pair.new, key), `${what} ${JSON.stringify(after)} was added`);
  else if (after === undefined)
    emit(`${key}-removed`, at(pair.old, key), `${what} ${JSON.stringify(before)} was removed`);
  else {
    emit(
      `${key}-changed`,
      at(pair.new, key),
      `${what} changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}`,
    );
  }
}

function at(schema: NormalSchema, key: string): string {
  return schema.origin[key] ?? schema.identity;
}

/**
 * `pattern`, `format`, `minimum`/`maximum` (and their exclusive forms), `minLength`/`maxLength`,
 * `minItems`/`maxItems`: looser on a request or tighter on a response → info; the reverse → warning.
 */
export const constraintChanged = defineSchemaRule({
  name: "constraints",
  suffixes,
  check(pair, emit) {
    for (const { key, stem } of LIMITS) compareLimit(pair, key, stem, emit);
    compareBound(pair, "minimum", emit);
    compareBound(pair, "maximum", emit);
    compareText(pair, "pattern", emit);
    compareText(pair, "format", emit);
  },
});
