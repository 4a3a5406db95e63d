/**
 * Test helper, independent of the validator's own transform: reads a (prepared) OpenAPI document's
 * response schema location by location, builds a maximal valid sample body (every property, every
 * nullable filled), and lists every constraint with a mutation that breaks it at its JSON Pointer.
 * Used by the mutation test and to build valid bodies for the per-operation tables.
 */
import { getAtPointer } from "../../src/runtime/json-pointer.js";

type Json = Record<string, unknown>;
type Node = Json | boolean;

/** The constraints that apply at one body location, merged over `$ref` and `allOf`. */
export interface Effective {
  types?: string[];
  /** Null is accepted (type list with null, or the normalised `anyOf: [X, {type: null}]`). */
  nullable: boolean;
  enum?: unknown[];
  hasConst: boolean;
  const?: unknown;
  format?: string;
  patterns: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems: boolean;
  required: Set<string>;
  properties: Map<string, { node: Node; pointer: string }[]>;
  closed: boolean;
  items: { node: Node; pointer: string }[];
  /** Schema pointers that contributed (for reports). */
  pointers: string[];
  /** oneOf/anyOf (other than nullable) seen: constraints inside them are not enumerated. */
  branching: boolean;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isNullOnly(node: unknown): boolean {
  return isObject(node) && node.type === "null" && Object.keys(node).length === 1;
}

/** Merge the schema at `pointer` (following `$ref`s and `allOf`) into one {@link Effective}. */
export function effective(document: Json, node: Node, pointer: string): Effective {
  const eff: Effective = {
    nullable: true,
    hasConst: false,
    patterns: [],
    uniqueItems: false,
    required: new Set(),
    properties: new Map(),
    closed: false,
    items: [],
    pointers: [],
    branching: false,
  };
  const votes: boolean[] = [];
  const visit = (raw: Node, at: string, voting: boolean): void => {
    let current: unknown = raw;
    let where = at;
    while (isObject(current) && typeof current.$ref === "string") {
      where = decodeURIComponent(current.$ref.slice(1));
      current = getAtPointer(document, where);
    }
    if (typeof current === "boolean" || !isObject(current)) return;
    const s = current;
    eff.pointers.push(where);
    const anyOf = s.anyOf;
    let nullOr: unknown;
    if (Array.isArray(anyOf) && anyOf.length === 2 && anyOf.some(isNullOnly)) {
      nullOr = anyOf.find((branch) => !isNullOnly(branch));
      if (voting) votes.push(true);
    } else if (voting && (s.type !== undefined || s.enum !== undefined || s.const !== undefined)) {
      const types = Array.isArray(s.type) ? s.type : s.type === undefined ? undefined : [s.type];
      const byType = types === undefined || types.includes("null");
      const byEnum = !Array.isArray(s.enum) || s.enum.includes(null);
      votes.push(byType && byEnum && (s.const === undefined || s.const === null));
    }
    if (s.type !== undefined) {
      const types = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
      eff.types = eff.types ? eff.types.filter((t) => types.includes(t)) : [...types];
    }
    if (Array.isArray(s.enum))
      eff.enum = eff.enum ? eff.enum.filter((v) => (s.enum as unknown[]).includes(v)) : s.enum;
    if (s.const !== undefined) {
      eff.hasConst = true;
      eff.const = s.const;
    }
    if (typeof s.format === "string") eff.format = s.format;
    if (typeof s.pattern === "string") eff.patterns.push(s.pattern);
    const tighter = (
      key: keyof Effective,
      value: unknown,
      pick: (a: number, b: number) => number,
    ): void => {
      if (typeof value !== "number") return;
      const old = eff[key] as number | undefined;
      (eff as unknown as Json)[key] = old === undefined ? value : pick(old, value);
    };
    tighter("minLength", s.minLength, Math.max);
    tighter("maxLength", s.maxLength, Math.min);
    tighter("minimum", s.minimum, Math.max);
    tighter("maximum", s.maximum, Math.min);
    tighter("exclusiveMinimum", s.exclusiveMinimum, Math.max);
    tighter("exclusiveMaximum", s.exclusiveMaximum, Math.min);
    tighter("minItems", s.minItems, Math.max);
    tighter("maxItems", s.maxItems, Math.min);
    if (s.uniqueItems === true) eff.uniqueItems = true;
    if (Array.isArray(s.required)) for (const name of s.required) eff.required.add(String(name));
    if (isObject(s.properties)) {
      for (const [name, child] of Object.entries(s.properties)) {
        const list = eff.properties.get(name) ?? [];
        list.push({
          node: child as Node,
          pointer: `${where}/properties/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`,
        });
        eff.properties.set(name, list);
      }
    }
    if (s.additionalProperties === false) eff.closed = true;
    if (s.items !== undefined && !Array.isArray(s.items))
      eff.items.push({ node: s.items as Node, pointer: `${where}/items` });
    if (Array.isArray(s.allOf)) {
      s.allOf.forEach((part, i) => {
        visit(part as Node, `${where}/allOf/${i}`, voting);
      });
    }
    if (nullOr !== undefined) visit(nullOr as Node, `${where}/anyOf`, false);
    else if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) eff.branching = true;
  };
  visit(node, pointer, true);
  eff.nullable = votes.every((v) => v);
  return eff;
}

/** A value breaking `format` (and nothing else where the format allows it). */
export const BAD_FORMAT: Readonly<Record<string, unknown>> = {
  date: "2026-02-30",
  "date-time": "2026-02-28T25:00:00Z",
  time: "25:00:00Z",
  decimal: "1e5",
  uri: "not a uri",
  email: "nobody",
  uuid: "not-a-uuid",
  byte: "***",
  int32: 2147483648,
  int64: 1e20,
  float: 1e39,
  double: Number.POSITIVE_INFINITY,
};

/** A valid value for `format`. */
export const GOOD_FORMAT: Readonly<Record<string, unknown>> = {
  date: "2026-01-31",
  "date-time": "2026-01-31T23:59:07.123456Z",
  time: "10:00:00Z",
  decimal: "12.500000000000",
  uri: "https://api.example.com/items?offset=100",
  "uri-reference": "/items?offset=100",
  email: "billing@example.com",
  uuid: "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
  byte: "aGVsbG8=",
  int32: 42,
  int64: 4200000000,
  float: 1.5,
  double: 2.25,
};

/** Strings that match common patterns, tried in order for a valid sample. */
const PATTERN_SAMPLES = ["123.450000000000", "abc", "A1", "2026-01-31", "x"];

function samplePatternString(eff: Effective): string {
  const ok = (s: string) => eff.patterns.every((p) => new RegExp(p, "u").test(s));
  const found = PATTERN_SAMPLES.find(ok);
  if (found === undefined)
    throw new Error(`no sample matches ${eff.patterns.join(", ")}; extend PATTERN_SAMPLES`);
  return found;
}

/** A maximal valid sample for `node`: every property present, nullable ones filled. */
export function sampleBody(document: Json, node: Node, pointer: string, depth = 0): unknown {
  const eff = effective(document, node, pointer);
  if (eff.hasConst) return eff.const;
  const enumValue = eff.enum?.find((v) => v !== null);
  if (enumValue !== undefined) return enumValue;
  const type =
    eff.types?.find((t) => t !== "null") ??
    (eff.properties.size > 0 ? "object" : eff.items.length > 0 ? "array" : "string");
  switch (type) {
    case "string": {
      if (eff.format && typeof GOOD_FORMAT[eff.format] === "string" && eff.patterns.length === 0) {
        return GOOD_FORMAT[eff.format];
      }
      let s = eff.patterns.length > 0 ? samplePatternString(eff) : "sample";
      if (eff.minLength !== undefined && s.length < eff.minLength) s = s.padEnd(eff.minLength, "x");
      if (eff.maxLength !== undefined && s.length > eff.maxLength) s = s.slice(0, eff.maxLength);
      return s;
    }
    case "integer":
    case "number": {
      const low =
        eff.minimum ?? (eff.exclusiveMinimum === undefined ? undefined : eff.exclusiveMinimum + 1);
      const preferred =
        eff.format && typeof GOOD_FORMAT[eff.format] === "number"
          ? (GOOD_FORMAT[eff.format] as number)
          : 7;
      const value = low !== undefined && preferred < low ? low : preferred;
      return type === "integer" ? Math.ceil(value) : value;
    }
    case "boolean":
      return true;
    case "array": {
      const item = eff.items[0];
      if (!item || eff.maxItems === 0 || depth > 10) return [];
      return [sampleBody(document, item.node, item.pointer, depth + 1)];
    }
    default: {
      const out: Json = {};
      for (const [name, nodes] of eff.properties) {
        const first = nodes[0];
        if (!first || (depth > 10 && !eff.required.has(name))) continue;
        // Every constraint on the property (from each allOf part) must hold: merge them.
        out[name] = sampleBody(
          document,
          { allOf: nodes.map((n) => n.node) },
          first.pointer,
          depth + 1,
        );
      }
      return out;
    }
  }
}
