/**
 * `allOf` as one schema: the branches' keywords combined so that one generator can satisfy all of
 * them at once (the intersection). Properties present in several branches become an `allOf` of
 * their schemas, bounds take the tighter value, types and enums intersect. What cannot be folded
 * into one keyword is kept in generator-only lists (`x-gen-*`), read by schema-arbitrary.ts:
 * further patterns, alternative groups (`anyOf`/`oneOf` of several branches), conditionals,
 * `not`s and the property names a closed branch (`additionalProperties: false`) allows.
 */

import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import { CannotGenerate } from "./cannot-generate.js";

/** Generator-only keys of a merged schema. */
export const GEN = {
  patterns: "x-gen-patterns",
  choices: "x-gen-choices",
  conditionals: "x-gen-conditionals",
  nots: "x-gen-nots",
  allowed: "x-gen-allowed",
} as const;

const TYPE_NAMES = ["string", "number", "integer", "boolean", "array", "object", "null"];

/** The types a schema allows (`undefined`: any). */
function typesOf(schema: JsonObject): string[] | undefined {
  const type = schema.type;
  if (typeof type === "string") return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === "string");
  return undefined;
}

function intersectTypes(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const out = new Set<string>();
  for (const t of a) {
    if (b.includes(t)) out.add(t);
    else if (t === "integer" && b.includes("number")) out.add("integer");
    else if (t === "number" && b.includes("integer")) out.add("integer");
  }
  return TYPE_NAMES.filter((t) => out.has(t));
}

const key = (value: unknown): string => JSON.stringify(value);

const LOWER_BOUNDS = [
  "minimum",
  "exclusiveMinimum",
  "minLength",
  "minItems",
  "minProperties",
  "minContains",
];
const UPPER_BOUNDS = [
  "maximum",
  "exclusiveMaximum",
  "maxLength",
  "maxItems",
  "maxProperties",
  "maxContains",
];
const LISTS = [GEN.patterns, GEN.choices, GEN.conditionals, GEN.nots] as const;

/**
 * `into` and `from` combined (both already free of `$ref` and `allOf`, as schema-arbitrary.ts
 * resolves them first); returns a new object. Throws {@link CannotGenerate} for a contradiction
 * that no value satisfies (disjoint types or enums).
 */
export function mergeSchemas(into: JsonObject, from: JsonObject): JsonObject {
  const out: JsonObject = { ...into };
  for (const [name, value] of Object.entries(from)) {
    const current = out[name];
    if (current === undefined) {
      setOwn(out, name, value);
      continue;
    }
    if (LOWER_BOUNDS.includes(name) && typeof value === "number" && typeof current === "number") {
      out[name] = Math.max(current, value);
    } else if (
      UPPER_BOUNDS.includes(name) &&
      typeof value === "number" &&
      typeof current === "number"
    ) {
      out[name] = Math.min(current, value);
    } else if ((LISTS as readonly string[]).includes(name) || name === "required") {
      out[name] = [...(current as unknown[]), ...(value as unknown[])];
    } else if (name === "type") {
      const types = intersectTypes(typesOf(out), typesOf(from));
      if (types?.length === 0)
        throw new CannotGenerate("allOf", "allOf branches allow no common type");
      out.type = types;
    } else if (name === "enum" || name === "const") {
      const left = name === "enum" ? (current as unknown[]) : [current];
      const right = new Set((name === "enum" ? (value as unknown[]) : [value]).map(key));
      const both = left.filter((v) => right.has(key(v)));
      if (both.length === 0)
        throw new CannotGenerate(name, `allOf branches share no ${name} value`);
      if (name === "enum") out.enum = both;
    } else if (
      name === "properties" ||
      name === "patternProperties" ||
      name === "dependentSchemas"
    ) {
      out[name] = mergeMaps(current, value);
    } else if (name === "pattern") {
      if (current !== value)
        out[GEN.patterns] = [...((out[GEN.patterns] as unknown[]) ?? []), value];
    } else if (name === "multipleOf" && typeof current === "number" && typeof value === "number") {
      out.multipleOf = commonMultiple(current, value);
    } else if (name === GEN.allowed) {
      const allowed = new Set(value as string[]);
      out[GEN.allowed] = (current as string[]).filter((n) => allowed.has(n));
    } else if (name === "dependentRequired" && isJsonObject(current) && isJsonObject(value)) {
      const merged: JsonObject = { ...current };
      for (const [k, v] of Object.entries(value)) {
        setOwn(merged, k, [...((merged[k] as unknown[]) ?? []), ...(v as unknown[])]);
      }
      out.dependentRequired = merged;
    } else if (key(current) !== key(value)) {
      // Two subschemas under one keyword (`items`, `additionalProperties`, …): both apply.
      if (isSchema(current) && isSchema(value)) out[name] = { allOf: [current, value] };
      else if (name === "prefixItems" && Array.isArray(current) && Array.isArray(value)) {
        const n = Math.max(current.length, value.length);
        out.prefixItems = Array.from({ length: n }, (_, i) =>
          current[i] === undefined
            ? value[i]
            : value[i] === undefined
              ? current[i]
              : { allOf: [current[i], value[i]] },
        );
      }
      // Otherwise (two formats, annotations): the first one stands; the validator has the last word.
    }
  }
  return out;
}

function isSchema(value: unknown): boolean {
  return typeof value === "boolean" || isJsonObject(value);
}

function mergeMaps(a: unknown, b: unknown): JsonObject {
  const out: JsonObject = { ...(a as JsonObject) };
  for (const [name, schema] of Object.entries(b as JsonObject)) {
    const current = out[name];
    setOwn(out, name, current === undefined ? schema : { allOf: [current, schema] });
  }
  return out;
}

/** The least common multiple of two positive numbers, exact for integers and decimal fractions. */
function commonMultiple(a: number, b: number): number {
  const scale = 10 ** Math.max(decimals(a), decimals(b));
  const x = Math.round(a * scale);
  const y = Math.round(b * scale);
  const gcd = (p: number, q: number): number => (q === 0 ? p : gcd(q, p % q));
  return ((x / gcd(x, y)) * y) / scale;
}

function decimals(n: number): number {
  const text = String(n);
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** `target[name] = value` as an own property, even for `__proto__`. */
export function setOwn(target: JsonObject, name: string, value: unknown): void {
  Object.defineProperty(target, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
