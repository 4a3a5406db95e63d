/**
 * Negative cases: single-keyword mutants of a valid value. Each breaks one keyword at one place
 * (a wrong type, a required member dropped, a bound crossed, a pattern, format, enum or const
 * broken, an extra member where none is allowed, a length or item count past its limit, a
 * duplicate item under `uniqueItems`, a dependent member dropped) and is labelled with that keyword,
 * the JSON Pointer of the instance it breaks and of the schema that says so. Every mutant is
 * confirmed invalid by the caller's validator before it is returned; those it accepts are
 * discarded and counted (a keyword whose breakage another part of the schema tolerates).
 */

import { formats } from "../runtime/formats.js";
import { escapePointerToken } from "../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import { CannotGenerate } from "./cannot-generate.js";
import type { Validate } from "./generate-values.js";
import { GEN } from "./merge-schemas.js";
import type { SchemaArbitraries } from "./schema-arbitrary.js";

/** One invalid value and what it breaks. */
export interface Mutant {
  /** The keyword broken (`type`, `required`, `maximum`, `pattern`, …). */
  readonly keyword: string;
  /** JSON Pointer, in the value, of the member or item broken (`""`: the value itself). */
  readonly pointer: string;
  readonly value: unknown;
}

/** Mutants confirmed invalid, and how many candidates the validator accepted. */
export interface Mutation {
  readonly mutants: readonly Mutant[];
  readonly discarded: number;
}

/** At most this many mutants per value (the first found, depth-first). */
const DEFAULT_LIMIT = 40;
/** Not deeper than this into a value. */
const MAX_DEPTH = 12;

interface Candidate {
  readonly keyword: string;
  readonly pointer: string;
  readonly replace: (root: unknown) => unknown;
}

/** Single-keyword mutants of `value`, a valid value of the schema at `tokens`. */
export function mutateValue(
  arbitraries: SchemaArbitraries,
  tokens: readonly (string | number)[],
  value: unknown,
  validate: Validate,
  limit = DEFAULT_LIMIT,
): Mutation {
  const at = arbitraries.source.at(tokens);
  if (at === undefined) return { mutants: [], discarded: 0 };
  const candidates: Candidate[] = [];
  collect(arbitraries, at.schema, at.base, value, [], candidates, 0);
  const mutants: Mutant[] = [];
  let discarded = 0;
  for (const candidate of candidates) {
    if (mutants.length >= limit) break;
    const mutated = candidate.replace(value);
    if (validate(mutated)) discarded++;
    else mutants.push({ keyword: candidate.keyword, pointer: candidate.pointer, value: mutated });
  }
  return { mutants, discarded };
}

const pointerOf = (path: readonly (string | number)[]): string =>
  path.map((t) => `/${escapePointerToken(t)}`).join("");

/** A copy of `root` with the value at `path` replaced by `next(old)`. */
function replaceAt(
  root: unknown,
  path: readonly (string | number)[],
  next: (old: unknown) => unknown,
): unknown {
  if (path.length === 0) return next(root);
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = replaceAt(copy[head as number], rest, next);
    return copy;
  }
  const copy: JsonObject = {};
  for (const [k, v] of Object.entries(root as JsonObject)) {
    if (k !== String(head)) define(copy, k, v);
    else define(copy, k, replaceAt(v, rest, next));
  }
  return copy;
}

function define(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A value of a JSON type that `types` does not allow (never null when null is allowed). */
function otherType(types: readonly string[], nullable: boolean): unknown {
  const allowed = new Set(types);
  if (nullable) allowed.add("null");
  if (!allowed.has("string")) return "mutant";
  if (!allowed.has("number") && !allowed.has("integer")) return 7;
  if (!allowed.has("boolean")) return true;
  if (!allowed.has("object")) return { mutant: true };
  if (!allowed.has("array")) return ["mutant"];
  if (!allowed.has("null")) return null;
  return undefined;
}

/** Code points of `s`. */
const points = (s: string): string[] => [...s];

function collect(
  arbitraries: SchemaArbitraries,
  schema: unknown,
  base: string,
  value: unknown,
  path: (string | number)[],
  out: Candidate[],
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  let normalized: ReturnType<typeof arbitraries.normalizer.normalize>;
  try {
    normalized = arbitraries.normalizer.normalize(schema, base, new Map());
  } catch (error) {
    if (error instanceof CannotGenerate) return;
    throw error;
  }
  if (typeof normalized.schema === "boolean") return;
  const s = normalized.schema;
  const here = arbitraries.normalizer.baseOf(schema, base);
  const pointer = pointerOf(path);
  const add = (keyword: string, next: (old: unknown) => unknown): void => {
    out.push({ keyword, pointer, replace: (root) => replaceAt(root, path, next) });
  };
  const types =
    typeof s.type === "string"
      ? [s.type]
      : Array.isArray(s.type)
        ? (s.type as string[])
        : undefined;
  if (types) {
    const wrong = otherType(types, normalized.nullable);
    if (wrong !== undefined) add("type", () => wrong);
  }
  if (Array.isArray(s.enum)) add("enum", () => notAmong(s.enum as unknown[], value));
  if (Object.hasOwn(s, "const")) add("const", () => notAmong([s.const], value));
  if (value === null) return;
  if (typeof value === "string") stringCandidates(s, value, add);
  else if (typeof value === "number") numberCandidates(s, value, types, add);
  else if (Array.isArray(value)) {
    const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as unknown[]) : [];
    if (typeof s.minItems === "number" && s.minItems > 0 && value.length >= s.minItems)
      add("minItems", () => value.slice(0, (s.minItems as number) - 1));
    if (typeof s.maxItems === "number" && value.length > 0) {
      add("maxItems", () => [
        ...value,
        ...Array.from(
          { length: (s.maxItems as number) - value.length + 1 },
          () => value[value.length - 1],
        ),
      ]);
    }
    if (s.uniqueItems === true && value.length > 0) add("uniqueItems", () => [...value, value[0]]);
    value.forEach((item, i) => {
      const itemSchema = i < prefix.length ? prefix[i] : s.items;
      if (itemSchema !== undefined)
        collect(arbitraries, itemSchema, here, item, [...path, i], out, depth + 1);
    });
  } else if (isJsonObject(value)) {
    const properties = isJsonObject(s.properties) ? s.properties : {};
    const required = Array.isArray(s.required) ? (s.required as string[]) : [];
    for (const name of new Set(required)) {
      if (Object.hasOwn(value, name)) add("required", (old) => withoutMember(old, name));
    }
    const closed =
      s.additionalProperties === false ||
      s.unevaluatedProperties === false ||
      s[GEN.allowed] !== undefined;
    if (closed)
      add(
        s.additionalProperties === false ? "additionalProperties" : "unevaluatedProperties",
        (old) => withMember(old, "unexpected_member_x", 1),
      );
    if (typeof s.maxProperties === "number") {
      add("maxProperties", (old) => {
        let next = old;
        for (let i = 0; i <= (s.maxProperties as number); i++)
          next = withMember(next, `extra_member_${i}`, 1);
        return next;
      });
    }
    const dependentRequired = isJsonObject(s.dependentRequired) ? s.dependentRequired : {};
    for (const [trigger, list] of Object.entries(dependentRequired)) {
      if (!Object.hasOwn(value, trigger) || !Array.isArray(list)) continue;
      for (const dependent of list) {
        if (typeof dependent === "string" && Object.hasOwn(value, dependent))
          add("dependentRequired", (old) => withoutMember(old, dependent));
      }
    }
    for (const [name, member] of Object.entries(value)) {
      const sub = Object.hasOwn(properties, name)
        ? properties[name]
        : isJsonObject(s.additionalProperties)
          ? s.additionalProperties
          : undefined;
      if (sub !== undefined)
        collect(arbitraries, sub, here, member, [...path, name], out, depth + 1);
    }
  }
}

function withoutMember(old: unknown, name: string): unknown {
  const copy: JsonObject = {};
  for (const [k, v] of Object.entries(old as JsonObject)) if (k !== name) define(copy, k, v);
  return copy;
}

function withMember(old: unknown, name: string, member: unknown): unknown {
  const copy: JsonObject = {};
  for (const [k, v] of Object.entries(old as JsonObject)) define(copy, k, v);
  if (!Object.hasOwn(copy, name)) define(copy, name, member);
  return copy;
}

/** A value of the same type as `value` that is none of `values`. */
function notAmong(values: readonly unknown[], value: unknown): unknown {
  const taken = new Set(values.map((v) => JSON.stringify(v)));
  const options: unknown[] =
    typeof value === "number"
      ? [Math.max(0, ...values.filter((v): v is number => typeof v === "number")) + 1.5, -987654.5]
      : typeof value === "boolean"
        ? [!value]
        : ["\u0000not-an-enum-value", "mutant-value"];
  return options.find((option) => !taken.has(JSON.stringify(option))) ?? "\u0000not-an-enum-value";
}

type Add = (keyword: string, next: (old: unknown) => unknown) => void;

function stringCandidates(s: JsonObject, value: string, add: Add): void {
  const length = points(value).length;
  if (typeof s.minLength === "number" && s.minLength > 0)
    add("minLength", () =>
      points(value)
        .slice(0, (s.minLength as number) - 1)
        .join(""),
    );
  if (typeof s.maxLength === "number")
    add("maxLength", () => value + "x".repeat(Math.max(1, (s.maxLength as number) - length + 1)));
  const patterns = [s.pattern, ...((s[GEN.patterns] as unknown[] | undefined) ?? [])].filter(
    (p): p is string => typeof p === "string",
  );
  for (const pattern of patterns) {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern, "u");
    } catch {
      continue;
    }
    const broken = ["", "\u0000", " ", "!~", `${value}\u0000`, "\u0000".repeat(length + 1)].find(
      (c) => !regex.test(c),
    );
    if (broken !== undefined) add("pattern", () => broken);
  }
  const check = typeof s.format === "string" ? formats[s.format] : undefined;
  if (check?.type === "string") {
    const ok = check.validate as (v: string) => boolean;
    const broken = ["\u0000not-a-valid-value", "", "mutant value", "x"].find((c) => !ok(c));
    if (broken !== undefined) add("format", () => broken);
  }
}

function numberCandidates(
  s: JsonObject,
  value: number,
  types: readonly string[] | undefined,
  add: Add,
): void {
  const integer = types !== undefined && !types.includes("number") && types.includes("integer");
  const step = integer ? 1 : 0.5;
  if (typeof s.minimum === "number")
    add("minimum", () =>
      integer ? Math.ceil(s.minimum as number) - 1 : (s.minimum as number) - step,
    );
  if (typeof s.maximum === "number")
    add("maximum", () =>
      integer ? Math.floor(s.maximum as number) + 1 : (s.maximum as number) + step,
    );
  if (typeof s.exclusiveMinimum === "number") add("exclusiveMinimum", () => s.exclusiveMinimum);
  if (typeof s.exclusiveMaximum === "number") add("exclusiveMaximum", () => s.exclusiveMaximum);
  if (typeof s.multipleOf === "number") {
    const m = s.multipleOf;
    add("multipleOf", () => (integer && m > 1 ? value + 1 : value + m / 2));
  }
  if (s.format === "int32") add("format", () => 2 ** 31);
  if (integer) add("type", () => value + 0.5);
}
