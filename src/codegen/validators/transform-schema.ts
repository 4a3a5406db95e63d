/**
 * OpenAPI Schema Object (3.0 or 3.1) → the JSON Schema dialect the validators are compiled from:
 * draft 2020-12 keywords as ajv's default class knows them (draft-07 core plus the `next` vocabulary).
 *
 * The transform is a whitelist: every validation keyword is copied only after its value is checked
 * to have the shape JSON Schema requires, so that ajv's strict mode (left on) never meets a keyword
 * it cannot compile. What it cannot use becomes a spec warning with the JSON Pointer of the
 * offending keyword, and the rest of the schema is still validated.
 * - Annotations (`description`, `example`, `examples`, `xml`, `externalDocs`, `deprecated`,
 *   `readOnly`, `writeOnly`, `discriminator`, `x-*`, …) are dropped: they never constrain a body, and
 *   ajv standalone would copy them into the generated code.
 * - `nullable: true` (3.0 and 3.1 documents alike) means "null, or what the rest accepts", the same
 *   rule as src/codegen/normalize-nullable.ts: `null` is added to `type` and `enum`, or, beside
 *   `$ref`/`allOf`/`anyOf`/`oneOf`/`not`/`const`/`if`, the schema becomes `{ nullOr: <rest> }`.
 *   The `anyOf: [X, {type: "null"}]` that normalisation writes also becomes `{ nullOr: X }`, a custom
 *   keyword that reports X's errors only (no "must be null" / "must match anyOf" noise).
 * - A type list with `"null"` beside an `enum` lacking `null` gets `null` added, as the generated
 *   types (openapi-typescript) accept it.
 * - `required` is kept as listed, `readOnly` properties included: a response must carry them.
 * - OpenAPI 3.0: siblings of `$ref` are ignored (except `nullable`); boolean `exclusiveMinimum` /
 *   `exclusiveMaximum` become 2020-12 numbers.
 * - `format: decimal` beside a `pattern` that only matches decimals (Gcore's `^\d{1,3}\.\d{12}$`) is
 *   left to the pattern: the pattern is the stricter check, and running both doubles the cost of
 *   every amount.
 * - Tuples: draft 4's `items: [..]` (+ `additionalItems`) become 2020-12 `prefixItems` (+ `items`).
 * - Local `$ref`s become references to per-target schema ids (see schema-registry.ts), so every
 *   component is compiled once and shared by all the responses that use it.
 * @see https://spec.openapis.org/oas/v3.0.3#schema-object
 * @see https://spec.openapis.org/oas/v3.1.0#schema-object
 */

import { annotationFormats, formats } from "../../runtime/formats.js";
import { escapePointerToken } from "../../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../../runtime/json-value.js";
import { patternImpliesDecimal } from "./pattern-implies-decimal.js";

/** A schema in the validator dialect: an object or a boolean schema. */
export type DialectSchema = Record<string, unknown> | boolean;

/** What the transform asks of its caller. */
export interface TransformContext {
  /** True for OpenAPI 3.0 documents (`$ref` siblings ignored, boolean exclusive bounds). */
  readonly openapi30: boolean;
  /** The schema id a local `$ref` stands for (its target is queued for transformation), or undefined. */
  readonly refId: (ref: string, pointer: string) => string | undefined;
  /**
   * The schema id of the root of the resource holding the keyword at `pointer` (`$recursiveRef:
   * "#"`): its `$id` resource, else the whole schema it belongs to (a component or a media type's).
   */
  readonly resourceRootId: (pointer: string) => string | undefined;
  /** Whether `pattern` may stay (false: already reported); at `pointer`. */
  readonly acceptPattern: (pattern: string, pointer: string) => boolean;
  /** A problem that did not stop generation. */
  readonly warn: (pointer: string, message: string) => void;
  /** A format the validators do not know (reported once per name by the caller). */
  readonly unknownFormat: (format: string, pointer: string) => void;
  /** A keyword neither JSON Schema nor OpenAPI defines (reported once per name by the caller). */
  readonly unknownKeyword: (keyword: string, pointer: string) => void;
  /** Set when a schema uses `unevaluatedProperties`/`unevaluatedItems` (ajv must track them). */
  readonly usesUnevaluated: () => void;
}

/** Keywords that only describe: dropped from the validator's schema. */
export const ANNOTATION_KEYWORDS: ReadonlySet<string> = new Set([
  "title",
  "description",
  "default",
  "examples",
  "example",
  "deprecated",
  "readOnly",
  "writeOnly",
  "xml",
  "externalDocs",
  "discriminator",
  "$comment",
  "$schema",
  "$vocabulary",
  "contentMediaType",
  "contentEncoding",
  "contentSchema",
  // Definitions are reached through `$ref`s, each compiled under its own id.
  "$defs",
  "definitions",
]);

/**
 * Identity keywords: the registry resolves every reference at codegen (schema-registry.ts), so
 * they have done their work by the time a schema is compiled.
 */
const IDENTITY_KEYWORDS = new Set(["$id", "$anchor", "$dynamicAnchor", "$recursiveAnchor"]);

/**
 * Dynamic references, resolved at codegen by the registry (`ctx.refId`): a `$dynamicRef` in its
 * dynamic scope along the chain of references (schema-registry.ts); `$recursiveRef` to its
 * resource's root (`#`).
 */
const DYNAMIC_REFS = new Set(["$dynamicRef", "$recursiveRef"]);

const TYPES = new Set(["string", "number", "integer", "boolean", "array", "object", "null"]);

/** Keywords that can reject null by themselves: `nullable` must wrap a schema holding them. */
const WRAP_WHEN = ["$ref", "allOf", "anyOf", "oneOf", "not", "const", "if", "nullOr"];

type Handler = (
  value: unknown,
  at: string,
  out: JsonObject,
  node: JsonObject,
  ctx: TransformContext,
) => void;

const isNonNegativeInteger = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** `target[key] = value` as an own property, even for a property named `__proto__`. */
function setOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function invalid(ctx: TransformContext, at: string, keyword: string, expected: string): void {
  ctx.warn(at, `'${keyword}' must be ${expected}; the keyword is ignored`);
}

function subschema(value: unknown, at: string, ctx: TransformContext): DialectSchema {
  return transformSchema(value, at, ctx);
}

const single =
  (keyword: string): Handler =>
  (value, at, out, _node, ctx) => {
    if (typeof value !== "boolean" && !isJsonObject(value))
      return invalid(ctx, at, keyword, "a schema");
    out[keyword] = subschema(value, at, ctx);
  };

const list =
  (keyword: string): Handler =>
  (value, at, out, _node, ctx) => {
    if (!Array.isArray(value) || value.length === 0) {
      return invalid(ctx, at, keyword, "a non-empty array of schemas");
    }
    const earlier = Array.isArray(out[keyword]) ? (out[keyword] as DialectSchema[]) : [];
    out[keyword] = [...earlier, ...value.map((item, i) => subschema(item, `${at}/${i}`, ctx))];
  };

const map =
  (keyword: string): Handler =>
  (value, at, out, _node, ctx) => {
    if (!isJsonObject(value)) return invalid(ctx, at, keyword, "an object of schemas");
    const result: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (
        keyword === "patternProperties" &&
        !ctx.acceptPattern(key, `${at}/${escapePointerToken(key)}`)
      ) {
        continue;
      }
      setOwn(result, key, subschema(item, `${at}/${escapePointerToken(key)}`, ctx));
    }
    out[keyword] = result;
  };

const count =
  (keyword: string): Handler =>
  (value, at, out, _node, ctx) => {
    if (!isNonNegativeInteger(value)) return invalid(ctx, at, keyword, "a non-negative integer");
    out[keyword] = value;
  };

const bound =
  (keyword: string): Handler =>
  (value, at, out, _node, ctx) => {
    if (!isFiniteNumber(value)) return invalid(ctx, at, keyword, "a number");
    out[keyword] = value;
  };

/** 3.1: a number. 3.0: a boolean that makes `maximum`/`minimum` exclusive. */
const exclusive =
  (keyword: "exclusiveMaximum" | "exclusiveMinimum", limit: "maximum" | "minimum"): Handler =>
  (value, at, out, node, ctx) => {
    if (isFiniteNumber(value)) {
      out[keyword] = value;
    } else if (typeof value === "boolean") {
      if (value && isFiniteNumber(node[limit])) out[keyword] = node[limit];
    } else {
      invalid(ctx, at, keyword, "a number (or, in OpenAPI 3.0, a boolean)");
    }
  };

const stringList =
  (keyword: string): Handler =>
  (value, at, out, _node, ctx) => {
    if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
      return invalid(ctx, at, keyword, "an array of strings");
    }
    setOwn(out, keyword, [...new Set(value)]);
  };

const KEYWORDS: Readonly<Record<string, Handler>> = {
  type: (value, at, out, _node, ctx) => {
    const types = Array.isArray(value) ? value : [value];
    if (types.length === 0 || !types.every((t) => typeof t === "string" && TYPES.has(t))) {
      return invalid(ctx, at, "type", `one of ${[...TYPES].join(", ")}, or a list of them`);
    }
    out.type = Array.isArray(value) ? [...new Set(value)] : value;
  },
  enum: (value, at, out, _node, ctx) => {
    if (!Array.isArray(value)) return invalid(ctx, at, "enum", "an array");
    // An empty enum accepts nothing (ajv refuses to compile it): an allOf holding `false`.
    if (value.length === 0) {
      out.allOf = [...((out.allOf as DialectSchema[] | undefined) ?? []), false];
      return;
    }
    out.enum = value;
  },
  const: (value, _at, out) => {
    out.const = value;
  },
  multipleOf: (value, at, out, _node, ctx) => {
    if (!isFiniteNumber(value) || value <= 0) return invalid(ctx, at, "multipleOf", "a number > 0");
    out.multipleOf = value;
  },
  maximum: bound("maximum"),
  minimum: bound("minimum"),
  exclusiveMaximum: exclusive("exclusiveMaximum", "maximum"),
  exclusiveMinimum: exclusive("exclusiveMinimum", "minimum"),
  maxLength: count("maxLength"),
  minLength: count("minLength"),
  maxItems: count("maxItems"),
  minItems: count("minItems"),
  maxProperties: count("maxProperties"),
  minProperties: count("minProperties"),
  maxContains: (value, at, out, node, ctx) => {
    if (node.contains !== undefined) count("maxContains")(value, at, out, node, ctx);
  },
  minContains: (value, at, out, node, ctx) => {
    if (node.contains !== undefined) count("minContains")(value, at, out, node, ctx);
  },
  uniqueItems: (value, at, out, _node, ctx) => {
    if (typeof value !== "boolean") return invalid(ctx, at, "uniqueItems", "a boolean");
    if (value) out.uniqueItems = true;
  },
  required: stringList("required"),
  dependentRequired: (value, at, out, _node, ctx) => {
    if (!isJsonObject(value))
      return invalid(ctx, at, "dependentRequired", "an object of string arrays");
    // Merged with what a `dependencies` keyword of the same schema contributed.
    const result: JsonObject = { ...((out.dependentRequired as JsonObject | undefined) ?? {}) };
    for (const [key, names] of Object.entries(value)) {
      stringList(key)(names, `${at}/${escapePointerToken(key)}`, result, value, ctx);
    }
    out.dependentRequired = result;
  },
  pattern: (value, at, out, _node, ctx) => {
    if (typeof value !== "string") return invalid(ctx, at, "pattern", "a string");
    if (ctx.acceptPattern(value, at)) out.pattern = value;
  },
  format: (value, at, out, _node, ctx) => {
    if (typeof value !== "string") return invalid(ctx, at, "format", "a string");
    if (Object.hasOwn(formats, value)) out.format = value;
    else if (!annotationFormats.has(value)) ctx.unknownFormat(value, at);
  },
  properties: map("properties"),
  patternProperties: map("patternProperties"),
  dependentSchemas: map("dependentSchemas"),
  additionalProperties: single("additionalProperties"),
  propertyNames: single("propertyNames"),
  unevaluatedProperties: (value, at, out, node, ctx) => {
    ctx.usesUnevaluated();
    single("unevaluatedProperties")(value, at, out, node, ctx);
  },
  unevaluatedItems: (value, at, out, node, ctx) => {
    ctx.usesUnevaluated();
    single("unevaluatedItems")(value, at, out, node, ctx);
  },
  // Tuples are written in the 2020-12 form (`prefixItems` + `items`), draft 4's `items: [..]` +
  // `additionalItems` included; draft07-tuples.ts turns them back when compiling with ajv's
  // draft-07 class (see create-validator-ajv.ts for when each class is used).
  items: (value, at, out, node, ctx) => {
    if (Array.isArray(value) && !Array.isArray(node.prefixItems)) {
      list("prefixItems")(value, at, out, node, ctx);
      const rest = node.additionalItems;
      if (rest !== undefined)
        single("items")(rest, at.replace(/items$/, "additionalItems"), out, node, ctx);
    } else if (!Array.isArray(value)) {
      single("items")(value, at, out, node, ctx);
    } else {
      invalid(ctx, at, "items", "a schema beside prefixItems");
    }
  },
  additionalItems: () => {
    // Handled with a tuple-form `items`; without one it has no effect.
  },
  prefixItems: list("prefixItems"),
  contains: single("contains"),
  allOf: list("allOf"),
  anyOf: list("anyOf"),
  oneOf: list("oneOf"),
  not: single("not"),
  // `if` without `then`/`else` never changes a verdict, but its annotations count for
  // `unevaluated*`; ajv's strict mode refuses it alone, so it gets the no-op `then: true`.
  if: (value, at, out, node, ctx) => {
    single("if")(value, at, out, node, ctx);
    if (node.then === undefined && node.else === undefined && out.if !== undefined) {
      setOwn(out, "then", true);
    }
  },
  // Draft 4-7 `dependencies` (OpenAPI 3.0's dialect; 2020-12 split it in two): a list of names is
  // `dependentRequired`, a schema `dependentSchemas`.
  dependencies: (value, at, out, _node, ctx) => {
    if (!isJsonObject(value)) return invalid(ctx, at, "dependencies", "an object");
    const required: JsonObject = { ...((out.dependentRequired as JsonObject | undefined) ?? {}) };
    const schemas: JsonObject = { ...((out.dependentSchemas as JsonObject | undefined) ?? {}) };
    for (const [key, item] of Object.entries(value)) {
      const itemAt = `${at}/${escapePointerToken(key)}`;
      if (Array.isArray(item)) stringList(key)(item, itemAt, required, value, ctx);
      else if (typeof item === "boolean" || isJsonObject(item)) {
        setOwn(schemas, key, subschema(item, itemAt, ctx));
      } else invalid(ctx, itemAt, "dependencies", "an array of names or a schema");
    }
    if (Object.keys(required).length > 0) out.dependentRequired = required;
    if (Object.keys(schemas).length > 0) out.dependentSchemas = schemas;
  },
};

/** `then`/`else` apply only beside an `if` (a Map: an object with a `then` key would be a thenable). */
const CONDITIONAL_BRANCHES: ReadonlyMap<string, Handler> = new Map([
  [
    "then",
    (value, at, out, node, ctx) => {
      if (node.if !== undefined) single("then")(value, at, out, node, ctx);
    },
  ],
  [
    "else",
    (value, at, out, node, ctx) => {
      if (node.if !== undefined) single("else")(value, at, out, node, ctx);
    },
  ],
]);

/**
 * Beside `unevaluatedProperties`, `if`/`then`/`else` becomes `anyOf: [{allOf: [if, then]}, {allOf: [{not:
 * if}, else]}]`: the same verdict and the same annotations (a failed `if` contributes none), but
 * ajv with `allErrors` merges a conditional's evaluated properties wrongly (it counts the `if`'s
 * when it fails and not when it passes), which turns valid bodies into rejections.
 */
function conditionalForUnevaluated(out: JsonObject): void {
  // Only for properties: for items, ajv's own conditional agrees with the suite more often (its
  // `contains` marks every item evaluated either way), measured on the JSON Schema Test Suite.
  if (out.unevaluatedProperties === undefined || out.if === undefined) return;
  const condition = out.if as DialectSchema;
  const branches: DialectSchema[] = [
    { allOf: [condition, (out.then as DialectSchema | undefined) ?? true] },
    { allOf: [{ not: condition }, (out.else as DialectSchema | undefined) ?? true] },
  ];
  delete out.if;
  delete out.then;
  delete out.else;
  const earlier = Array.isArray(out.allOf) ? (out.allOf as DialectSchema[]) : [];
  out.allOf = [...earlier, { anyOf: branches }];
}

/** `$dynamicRef`/`$recursiveRef` as a static reference, beside any `$ref` of the same schema. */
function dynamicRef(
  keyword: string,
  value: unknown,
  at: string,
  out: JsonObject,
  ctx: TransformContext,
): void {
  if (typeof value !== "string") {
    invalid(ctx, at, keyword, "a string");
    return;
  }
  const id = keyword === "$recursiveRef" ? ctx.resourceRootId(at) : ctx.refId(value, at);
  if (id === undefined) return;
  if (out.$ref === undefined) out.$ref = id;
  else {
    const earlier = Array.isArray(out.allOf) ? (out.allOf as DialectSchema[]) : [];
    out.allOf = [...earlier, { $ref: id }];
  }
}

/** True for `{ type: "null" }` (annotations aside): one branch of the normalised nullable anyOf. */
function isNullOnly(schema: DialectSchema): boolean {
  return isJsonObject(schema) && schema.type === "null" && Object.keys(schema).length === 1;
}

function withNullInEnum(out: JsonObject): void {
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
}

/** Apply `nullable: true` to a transformed schema. */
function makeNullable(out: JsonObject): DialectSchema {
  if (WRAP_WHEN.some((key) => Object.hasOwn(out, key))) return { nullOr: out };
  if (typeof out.type === "string") out.type = out.type === "null" ? "null" : [out.type, "null"];
  else if (Array.isArray(out.type) && !out.type.includes("null")) out.type = [...out.type, "null"];
  withNullInEnum(out);
  return out;
}

/**
 * Transform the Schema Object `node` found at JSON Pointer `pointer` (used in warnings and to
 * follow nothing else: `$ref` targets are transformed separately, under their own ids).
 */
export function transformSchema(
  node: unknown,
  pointer: string,
  ctx: TransformContext,
): DialectSchema {
  if (typeof node === "boolean") return node;
  if (!isJsonObject(node)) {
    ctx.warn(
      pointer,
      "not a Schema Object (expected an object or a boolean); anything is accepted here",
    );
    return true;
  }
  const out: JsonObject = {};
  if (node.$ref !== undefined) {
    const id = typeof node.$ref === "string" ? ctx.refId(node.$ref, `${pointer}/$ref`) : undefined;
    if (typeof node.$ref !== "string") invalid(ctx, `${pointer}/$ref`, "$ref", "a string");
    if (id === undefined) return true;
    out.$ref = id;
    if (ctx.openapi30) return node.nullable === true ? { nullOr: out } : out;
  }
  for (const [key, value] of Object.entries(node)) {
    if (
      key === "$ref" ||
      key === "nullable" ||
      key.startsWith("x-") ||
      ANNOTATION_KEYWORDS.has(key)
    ) {
      continue;
    }
    const at = `${pointer}/${escapePointerToken(key)}`;
    const handler = KEYWORDS[key] ?? CONDITIONAL_BRANCHES.get(key);
    if (handler) handler(value, at, out, node, ctx);
    else if (DYNAMIC_REFS.has(key)) dynamicRef(key, value, at, out, ctx);
    else if (!IDENTITY_KEYWORDS.has(key)) ctx.unknownKeyword(key, at);
  }
  conditionalForUnevaluated(out);
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2 && !Object.hasOwn(out, "nullOr")) {
    const nullAt = anyOf.findIndex(isNullOnly);
    if (nullAt >= 0) {
      out.nullOr = anyOf[1 - nullAt];
      delete out.anyOf;
    }
  }
  if (
    out.format === "decimal" &&
    typeof out.pattern === "string" &&
    patternImpliesDecimal(out.pattern)
  ) {
    delete out.format;
  }
  if (Array.isArray(out.type) && out.type.includes("null")) withNullInEnum(out);
  const { minContains, maxContains } = out;
  if (
    typeof minContains === "number" &&
    typeof maxContains === "number" &&
    minContains > maxContains
  ) {
    // No array can hold more than max and fewer than min matches (ajv refuses to compile it).
    delete out.minContains;
    delete out.maxContains;
    const earlier = Array.isArray(out.allOf) ? (out.allOf as DialectSchema[]) : [];
    out.allOf = [...earlier, { not: { type: "array" } }];
  }
  if (node.nullable === true) return makeNullable(out);
  if (node.nullable !== undefined && typeof node.nullable !== "boolean") {
    invalid(ctx, `${pointer}/nullable`, "nullable", "a boolean");
  }
  return out;
}
