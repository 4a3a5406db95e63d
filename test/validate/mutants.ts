/**
 * Test helper: one mutant per constraint of a response schema. Each mutant breaks one constraint of
 * a maximal valid sample body at one JSON Pointer, choosing (where the schema allows) a value that
 * keeps every other constraint at that location; `expect` lists the keywords the validator may
 * report there.
 */
import { formats } from "../../src/runtime/formats.js";
import { BAD_FORMAT, type Effective, effective, sampleBody } from "./schema-walk.js";

type Json = Record<string, unknown>;
type Node = Json | boolean;

/** One constraint and the body that breaks it. */
export interface Mutant {
  /** Which constraint (`pattern`, `required`, …) and where it is declared. */
  readonly kind: string;
  readonly schemaPointer: string;
  /** Where the violation must be reported. */
  readonly pointer: string;
  /** Keywords that count as catching it at `pointer`. */
  readonly expect: readonly string[];
  /** The mutated body. */
  readonly body: unknown;
}

function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

function tokens(pointer: string): string[] {
  return pointer === ""
    ? []
    : pointer
        .slice(1)
        .split("/")
        .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** A copy of `body` with the value at `pointer` replaced (or deleted when `value` is `DELETE`). */
const DELETE = Symbol("delete");
function withValue(body: unknown, pointer: string, value: unknown): unknown {
  const copy = structuredClone(body);
  const path = tokens(pointer);
  if (path.length === 0) return value;
  let node = copy as Json;
  for (const token of path.slice(0, -1)) node = node[token] as Json;
  const last = path.at(-1) as string;
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return copy;
}

function jsonType(value: unknown): string[] {
  if (value === null) return ["null"];
  if (Array.isArray(value)) return ["array"];
  if (typeof value === "number")
    return Number.isInteger(value) ? ["integer", "number"] : ["number"];
  return [typeof value];
}

const WRONG_TYPES: unknown[] = [12345, "wrong-type", true, [], {}];

/** Strings to try when a mutant must break one string constraint and keep the others. */
function stringCandidates(sample: string): string[] {
  return [
    `${sample}X`,
    `X${sample}`,
    "1.5",
    "",
    "a",
    sample.slice(1),
    `${sample}\n`,
    "x".repeat(600),
    "1e5",
  ];
}

function keepsOthers(
  eff: Effective,
  value: string,
  skip: "pattern" | "format" | "length",
  except?: string,
): boolean {
  if (skip !== "length" && eff.minLength !== undefined && value.length < eff.minLength)
    return false;
  if (skip !== "length" && eff.maxLength !== undefined && value.length > eff.maxLength)
    return false;
  const format = eff.format === undefined ? undefined : formats[eff.format];
  if (skip !== "format" && format?.type === "string") {
    if (!(format.validate as (v: string) => boolean)(value)) return false;
  }
  return eff.patterns.every((p) => p === except || new RegExp(p, "u").test(value));
}

function mutantsAt(eff: Effective, pointer: string, value: unknown, body: unknown): Mutant[] {
  const at = eff.pointers[0] ?? "";
  const out: Mutant[] = [];
  const add = (kind: string, expect: string[], mutated: unknown, where = pointer) =>
    out.push({
      kind,
      schemaPointer: at,
      pointer: where,
      expect,
      body: withValue(body, where, mutated),
    });
  if (eff.branching) return out;
  if (eff.types && eff.types.length > 0) {
    const wrong = WRONG_TYPES.find((v) => !jsonType(v).some((t) => eff.types?.includes(t)));
    if (wrong !== undefined) add("type", ["type"], wrong);
  }
  if (!eff.nullable) add("non-nullable", ["type", "enum"], null);
  if (eff.enum) {
    const member = eff.enum.find((v) => v !== null);
    add("enum", ["enum"], typeof member === "number" ? 987654321 : "not-a-member");
  }
  if (eff.hasConst) add("const", ["const"], "not-the-constant");
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const name of eff.required)
      add("required", ["required"], DELETE, `${pointer}/${escapeToken(name)}`);
    if (eff.closed)
      add(
        "additionalProperties:false",
        ["additionalProperties"],
        1,
        `${pointer}/unexpectedProperty`,
      );
  }
  if (typeof value === "string") {
    for (const pattern of eff.patterns) {
      const breaks = (s: string) => !new RegExp(pattern, "u").test(s);
      const candidates = stringCandidates(value).filter(breaks);
      const alone = candidates.find((s) => keepsOthers(eff, s, "pattern", pattern));
      add("pattern", ["pattern"], alone ?? candidates[0]);
    }
    if (eff.minLength !== undefined && eff.minLength > 0) add("minLength", ["minLength"], "");
    if (eff.maxLength !== undefined) add("maxLength", ["maxLength"], "x".repeat(eff.maxLength + 1));
  }
  if (eff.format && eff.format in BAD_FORMAT) {
    // A pattern that only matches valid values (Gcore's 12-decimal amounts) subsumes the format:
    // no value breaks the format alone, and the validator reports the pattern.
    const subsumedBy = eff.patterns.length > 0 ? ["pattern"] : [];
    // JSON's 1e400 is Infinity: not a double, and not a number either.
    const alsoType = eff.format === "double" ? ["type"] : [];
    add("format", ["format", ...subsumedBy, ...alsoType], BAD_FORMAT[eff.format]);
  }
  if (typeof value === "number") {
    const step = eff.types?.includes("integer") ? 1 : 0.5;
    if (eff.minimum !== undefined) add("minimum", ["minimum"], eff.minimum - step);
    if (eff.maximum !== undefined) add("maximum", ["maximum"], eff.maximum + step);
    if (eff.exclusiveMinimum !== undefined)
      add("exclusiveMinimum", ["exclusiveMinimum"], eff.exclusiveMinimum);
    if (eff.exclusiveMaximum !== undefined)
      add("exclusiveMaximum", ["exclusiveMaximum"], eff.exclusiveMaximum);
  }
  if (Array.isArray(value)) {
    if (eff.minItems !== undefined && eff.minItems > 0) add("minItems", ["minItems"], []);
    if (eff.maxItems !== undefined)
      add("maxItems", ["maxItems"], Array(eff.maxItems + 1).fill(value[0]));
    if (eff.uniqueItems && value.length > 0)
      add("uniqueItems", ["uniqueItems"], [value[0], value[0]]);
  }
  return out;
}

/** The valid sample for a response schema and one mutant per constraint at every location. */
export function responseMutants(
  document: Json,
  schema: Node,
  schemaPointer: string,
): { sample: unknown; mutants: Mutant[] } {
  const sample = sampleBody(document, schema, schemaPointer);
  const mutants: Mutant[] = [];
  const walk = (node: Node, at: string, pointer: string, value: unknown, depth: number): void => {
    const eff = effective(document, node, at);
    mutants.push(...mutantsAt(eff, pointer, value, sample));
    if (depth > 12 || value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      const item = eff.items[0];
      if (item && value.length > 0)
        walk(
          { allOf: eff.items.map((i) => i.node) },
          item.pointer,
          `${pointer}/0`,
          value[0],
          depth + 1,
        );
      return;
    }
    for (const [name, nodes] of eff.properties) {
      const first = nodes[0];
      if (!first || !(name in (value as Json))) continue;
      walk(
        { allOf: nodes.map((n) => n.node) },
        first.pointer,
        `${pointer}/${escapeToken(name)}`,
        (value as Json)[name],
        depth + 1,
      );
    }
  };
  walk(schema, schemaPointer, "", sample, 0);
  return { sample, mutants };
}
