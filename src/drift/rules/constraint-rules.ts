import {
  type DirectionLevels,
  defineSchemaRule,
  describeSchema,
  type SchemaPair,
} from "../define-rule.js";
import type { Bound, NormalSchema } from "../normalise-schema.js";
import { showValue } from "../show-value.js";

/**
 * oasdiff's levels for constraints: narrowing what a client may send breaks it; widening what a
 * server may return breaks it; the converse is info. (oasdiff does not report a tighter response
 * constraint at all; we report it as info, so that drift never hides a change: README policy.)
 */
const TIGHTER: DirectionLevels = { request: "breaking", response: "info" };
const LOOSER: DirectionLevels = { request: "info", response: "breaking" };
/** A changed pattern: whether it narrows or widens cannot be decided, so it may hurt either way. */
const UNKNOWN: DirectionLevels = { request: "warning", response: "warning" };

type LimitKey =
  | "minLength"
  | "maxLength"
  | "minItems"
  | "maxItems"
  | "minProperties"
  | "maxProperties";
type Tightness = "tighter" | "looser";

/** Length and count limits: the id stem, and whether a larger value is tighter (min) or looser (max). */
const LIMITS: readonly { key: LimitKey; stem: string; largerIs: Tightness }[] = [
  { key: "maxLength", stem: "max-length", largerIs: "looser" },
  { key: "minLength", stem: "min-length", largerIs: "tighter" },
  { key: "maxItems", stem: "max-items", largerIs: "looser" },
  { key: "minItems", stem: "min-items", largerIs: "tighter" },
  { key: "maxProperties", stem: "max-properties", largerIs: "looser" },
  { key: "minProperties", stem: "min-properties", largerIs: "tighter" },
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
  ...limitSuffixes("exclusive-min", "tighter"),
  ...limitSuffixes("exclusive-max", "looser"),
  "pattern-added": { request: "breaking", response: "info" },
  "pattern-removed": LOOSER,
  "pattern-changed": UNKNOWN,
  "pattern-generalized": { request: "info", response: null },
  "multiple-of-set": TIGHTER,
  "multiple-of-unset": LOOSER,
  "multiple-of-changed": { request: "breaking", response: "breaking" },
  "multiple-of-generalized": { request: "info" },
  "multiple-of-specialized": { request: null, response: "info" },
  "unique-items-set": TIGHTER,
  "unique-items-unset": LOOSER,
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

/** `exclusive-min` when the bound is 3.1's numeric `exclusiveMinimum`, as oasdiff names it. */
function boundStem(schema: NormalSchema, kind: "minimum" | "maximum"): string {
  const short = kind === "minimum" ? "min" : "max";
  const origin = schema.origin[kind] ?? "";
  return /\/exclusive(Minimum|Maximum)$/.test(origin) ? `exclusive-${short}` : short;
}

function compareBound(pair: SchemaPair, kind: "minimum" | "maximum", emit: Emitter): void {
  const before = pair.old[kind];
  const after = pair.new[kind];
  const what = `${describeSchema(pair)} ${kind}`;
  if (!before && !after) return;
  if (!before && after)
    emit(
      `${boundStem(pair.new, kind)}-set`,
      at(pair.new, kind),
      `${what} was set to ${showBound(kind, after)}`,
    );
  else if (before && !after)
    emit(
      `${boundStem(pair.old, kind)}-unset`,
      at(pair.old, kind),
      `${what} ${showBound(kind, before)} was removed`,
    );
  else if (before && after) {
    const move = boundMove(before, after, kind);
    if (move === 0) return;
    const direction = move > 0 ? "increased" : "decreased";
    emit(
      `${boundStem(pair.new, kind)}-${direction}`,
      at(pair.new, kind),
      `${what} was ${direction} from ${showBound(kind, before)} to ${showBound(kind, after)}`,
    );
  }
}

/** Patterns that admit every string: changing to one is a generalisation. */
const MATCH_ANYTHING = new Set([".*", "^.*$", "^.*", ".*$", "[\\s\\S]*", "^[\\s\\S]*$"]);

function comparePattern(pair: SchemaPair, emit: Emitter): void {
  const before = pair.old.pattern;
  const after = pair.new.pattern;
  if (before === after) return;
  const what = `${describeSchema(pair)} pattern`;
  if (before === undefined)
    emit("pattern-added", at(pair.new, "pattern"), `${what} ${showValue(after)} was added`);
  else if (after === undefined)
    emit("pattern-removed", at(pair.old, "pattern"), `${what} ${showValue(before)} was removed`);
  else if (pair.direction === "request" && MATCH_ANYTHING.has(after))
    emit(
      "pattern-generalized",
      at(pair.new, "pattern"),
      `${what} changed from ${showValue(before)} to the more general ${showValue(after)}`,
    );
  else
    emit(
      "pattern-changed",
      at(pair.new, "pattern"),
      `${what} changed from ${showValue(before)} to ${showValue(after)}`,
    );
}

/** Whether `a` is a whole multiple of `b` (tolerating binary fractions such as 0.01). */
function isMultiple(a: number, b: number): boolean {
  const ratio = a / b;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

function compareMultipleOf(pair: SchemaPair, emit: Emitter): void {
  const before = pair.old.multipleOf;
  const after = pair.new.multipleOf;
  if (before === after) return;
  const what = `${describeSchema(pair)} multipleOf`;
  if (before === undefined)
    emit("multiple-of-set", at(pair.new, "multipleOf"), `${what} was set to ${after}`);
  else if (after === undefined)
    emit("multiple-of-unset", at(pair.old, "multipleOf"), `${what} ${before} was removed`);
  else {
    const message = `${what} changed from ${before} to ${after}`;
    const location = at(pair.new, "multipleOf");
    // Every multiple of the old step is still a multiple of a divisor of it: the request is wider.
    if (pair.direction === "request" && isMultiple(before, after))
      emit("multiple-of-generalized", location, message);
    else if (pair.direction === "response" && isMultiple(after, before))
      emit("multiple-of-specialized", location, message);
    else emit("multiple-of-changed", location, message);
  }
}

function at(schema: NormalSchema, key: string): string {
  return schema.origin[key] ?? schema.identity;
}

/**
 * `pattern`, `minimum`/`maximum` (and their exclusive forms), `minLength`/`maxLength`,
 * `minItems`/`maxItems`, `minProperties`/`maxProperties`, `multipleOf`, `uniqueItems`, at
 * oasdiff's levels: tighter on a request or looser on a response breaks clients; looser on a
 * request is info; tighter on a response is not reported. (`format` is judged with the type.)
 */
export const constraintChanged = defineSchemaRule({
  name: "constraints",
  suffixes,
  check(pair, emit) {
    for (const { key, stem } of LIMITS) compareLimit(pair, key, stem, emit);
    compareBound(pair, "minimum", emit);
    compareBound(pair, "maximum", emit);
    comparePattern(pair, emit);
    compareMultipleOf(pair, emit);
    if (pair.old.uniqueItems !== pair.new.uniqueItems) {
      const set = pair.new.uniqueItems;
      emit(
        set ? "unique-items-set" : "unique-items-unset",
        at(set ? pair.new : pair.old, "uniqueItems"),
        `${describeSchema(pair)} uniqueItems was ${set ? "set" : "unset"}`,
      );
    }
  },
});
