/**
 * One schema of either dialect as the generator reads it: `$ref`s followed (through SchemaSource,
 * the spec layer's resolver), `allOf` merged (merge-schemas.ts), and the OpenAPI 3.0 / draft 4
 * spellings turned into 2020-12 ones (boolean exclusive bounds, tuple `items` + `additionalItems`,
 * `dependencies`), the same readings as the validators' transform. `anyOf`/`oneOf`, `if`/`then`/
 * `else` and `not` are kept in the merged schema's generator-only lists for schema-arbitrary.ts.
 */
import {
  SUBSCHEMA_LIST,
  SUBSCHEMA_MAP,
  SUBSCHEMA_SINGLE,
  schemaBase,
} from "../document/walk-schemas.js";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import { CannotGenerate } from "./cannot-generate.js";
import { GEN, mergeSchemas, setOwn } from "./merge-schemas.js";
import type { SchemaSource } from "./schema-source.js";

/** A schema ready to generate from: merged, or a boolean schema; `nullable` said separately. */
export interface Normalized {
  readonly schema: JsonObject | boolean;
  /** `nullable: true` (either dialect, as the validators honour it). */
  readonly nullable: boolean;
  /** Some `$ref` on the way was followed past the recursion limit: generate as little as possible. */
  readonly deep: boolean;
  /** The `$ref` targets entered on the path, these included: subschemas are built under it. */
  readonly path: ReadonlyMap<string, number>;
}

/** Annotation and identity keywords the generator ignores. */
const IGNORED = new Set([
  "title",
  "description",
  "default",
  "example",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
  "xml",
  "externalDocs",
  "$comment",
  "$schema",
  "$id",
  "id",
  "$anchor",
  "$dynamicAnchor",
  "$recursiveAnchor",
  "$vocabulary",
  "$defs",
  "definitions",
  "contentMediaType",
  "contentEncoding",
  "contentSchema",
  "nullable",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
  "$ref",
  "$dynamicRef",
  "$recursiveRef",
  "additionalItems",
  "dependencies",
]);

/** How the schemas being normalised are reached: per-path `$ref` counts, bases of subschemas. */
export class Normalizer {
  /** Base URI of each subschema object met so far (objects live at one place in the document). */
  private readonly bases = new WeakMap<object, string>();

  constructor(
    readonly source: SchemaSource,
    /** How many times one `$ref` target may be entered on one path before values are kept minimal. */
    readonly maxRecursion: number,
    /** How many `$ref`s deep one path may go before values are kept minimal. */
    readonly maxDepth: number,
  ) {}

  /** Base URI of a subschema reached from a schema with base `parentBase`. */
  baseOf(schema: unknown, parentBase: string): string {
    if (!isJsonObject(schema)) return parentBase;
    return this.bases.get(schema) ?? schemaBase(schema, parentBase);
  }

  /**
   * `schema` (at base `base`) normalised; `path` counts the `$ref` targets entered on this path.
   * Throws {@link CannotGenerate} for what cannot be generated.
   */
  normalize(schema: unknown, base: string, path: ReadonlyMap<string, number>): Normalized {
    if (typeof schema === "boolean") return { schema, nullable: false, deep: false, path };
    if (!isJsonObject(schema)) return { schema: true, nullable: false, deep: false, path };
    const here = this.baseOf(schema, base);
    this.registerChildren(schema, here);
    let deep = false;
    let out: JsonObject = {};
    const entered = new Map(path);
    const enter = (inner: ReadonlyMap<string, number>): void => {
      for (const [id, count] of inner) entered.set(id, Math.max(count, entered.get(id) ?? 0));
    };
    const refs: [string, string][] = [];
    for (const keyword of ["$ref", "$dynamicRef", "$recursiveRef"]) {
      const ref = schema[keyword];
      if (typeof ref === "string") refs.push([keyword, keyword === "$recursiveRef" ? "#" : ref]);
    }
    for (const [keyword, ref] of refs) {
      const target = this.source.resolve(ref, here);
      if (target === undefined) {
        throw new CannotGenerate(keyword, `${keyword} '${ref}' names no schema of this document`);
      }
      const id = target.tokens.join("/");
      const seen = path.get(id) ?? 0;
      let depth = 0;
      for (const count of path.values()) depth += count;
      if (seen > this.maxRecursion + 2 || depth > this.maxDepth + 12) {
        throw new CannotGenerate(
          "$ref",
          `${keyword} '${ref}' needs values deeper than the recursion limit (required members all the way down)`,
        );
      }
      const next = new Map(path).set(id, seen + 1);
      if (isJsonObject(target.schema)) this.bases.set(target.schema, target.base);
      const resolved = this.normalize(target.schema, target.base, next);
      enter(resolved.path);
      deep ||= resolved.deep || seen >= this.maxRecursion || depth >= this.maxDepth;
      if (resolved.schema === false)
        throw new CannotGenerate(keyword, `${keyword} '${ref}' is the false schema`);
      if (resolved.schema !== true) out = mergeSchemas(out, resolved.schema);
      // OpenAPI 3.0: the siblings of `$ref` are ignored, except `nullable`.
      if (keyword === "$ref" && this.source.openapi30) {
        return {
          schema: out,
          nullable: schema.nullable === true || resolved.nullable,
          deep,
          path: entered,
        };
      }
    }
    out = mergeSchemas(out, this.ownKeywords(schema));
    if (Array.isArray(schema.allOf)) {
      for (const branch of schema.allOf) {
        const resolved = this.normalize(branch, here, path);
        enter(resolved.path);
        deep ||= resolved.deep;
        if (resolved.schema === false)
          throw new CannotGenerate("allOf", "an allOf branch is the false schema");
        if (resolved.schema !== true) out = mergeSchemas(out, resolved.schema);
      }
    }
    return { schema: out, nullable: schema.nullable === true, deep, path: entered };
  }

  /** Record the base URI of every direct subschema of `schema` (base `base`). */
  private registerChildren(schema: JsonObject, base: string): void {
    const register = (child: unknown): void => {
      if (isJsonObject(child) && !this.bases.has(child))
        this.bases.set(child, schemaBase(child, base));
    };
    for (const keyword of SUBSCHEMA_SINGLE) {
      const value = schema[keyword];
      if (Array.isArray(value)) value.forEach(register);
      else register(value);
    }
    for (const keyword of SUBSCHEMA_LIST)
      if (Array.isArray(schema[keyword])) (schema[keyword] as unknown[]).forEach(register);
    for (const keyword of SUBSCHEMA_MAP) {
      const map = schema[keyword];
      if (isJsonObject(map)) Object.values(map).forEach(register);
    }
    register(schema.additionalItems);
    if (isJsonObject(schema.dependencies)) Object.values(schema.dependencies).forEach(register);
  }

  /** The keywords of `schema` itself, in 2020-12 spelling, with combinators as generator lists. */
  private ownKeywords(schema: JsonObject): JsonObject {
    const out: JsonObject = {};
    for (const [name, value] of Object.entries(schema)) {
      if (IGNORED.has(name) || name.startsWith("x-")) continue;
      setOwn(out, name, value);
    }
    for (const [name, limit] of [
      ["exclusiveMinimum", "minimum"],
      ["exclusiveMaximum", "maximum"],
    ] as const) {
      const value = schema[name];
      if (typeof value === "boolean") {
        delete out[name];
        if (value && typeof schema[limit] === "number") {
          out[name] = schema[limit];
          delete out[limit];
        }
      }
    }
    if (Array.isArray(schema.items) && !Array.isArray(schema.prefixItems)) {
      out.prefixItems = schema.items;
      if (schema.additionalItems !== undefined) out.items = schema.additionalItems;
      else delete out.items;
    }
    if (isJsonObject(schema.dependencies)) {
      const required: JsonObject = {};
      const schemas: JsonObject = {};
      for (const [name, value] of Object.entries(schema.dependencies)) {
        setOwn(Array.isArray(value) ? required : schemas, name, value);
      }
      if (Object.keys(required).length > 0)
        out.dependentRequired = { ...required, ...((out.dependentRequired as JsonObject) ?? {}) };
      if (Object.keys(schemas).length > 0)
        out.dependentSchemas = { ...schemas, ...((out.dependentSchemas as JsonObject) ?? {}) };
    }
    const choices: unknown[][] = [];
    for (const keyword of ["anyOf", "oneOf"]) {
      const branches = schema[keyword];
      if (Array.isArray(branches) && branches.length > 0)
        choices.push(branches.map((b) => withDiscriminator(schema, b)));
    }
    // With an `else`, whether `if` holds is drawn: `if` and `then`, or `else` and not `if` (the
    // `not` narrows where it can; the caller's validator filters the rest, filtered-keywords.ts).
    if (schema.if !== undefined && schema.else !== undefined)
      choices.push([
        { allOf: [schema.if, schema.then ?? true] },
        { allOf: [schema.else], not: schema.if },
      ]);
    if (choices.length > 0) out[GEN.choices] = choices;
    if (schema.if !== undefined && schema.else === undefined)
      out[GEN.conditionals] = [{ condition: schema.if, consequence: schema.then }];
    if (schema.not !== undefined) out[GEN.nots] = [schema.not];
    if (schema.additionalProperties === false) {
      out[GEN.allowed] = isJsonObject(schema.properties) ? Object.keys(schema.properties) : [];
    }
    if (Object.hasOwn(out, "enum") && !Array.isArray(out.enum)) delete out.enum;
    return out;
  }
}

/**
 * A `oneOf`/`anyOf` branch with the discriminator's value set: `{ allOf: [branch, { properties:
 * { <propertyName>: { const: <value> } } }] }`, the value being the mapping key naming the branch's
 * `$ref`, or the referenced component's name.
 */
function withDiscriminator(owner: JsonObject, branch: unknown): unknown {
  const discriminator = owner.discriminator;
  if (!isJsonObject(discriminator) || typeof discriminator.propertyName !== "string") return branch;
  if (!isJsonObject(branch) || typeof branch.$ref !== "string") return branch;
  const ref = branch.$ref;
  const mapping = isJsonObject(discriminator.mapping) ? discriminator.mapping : {};
  const named = Object.entries(mapping).find(([, target]) => target === ref)?.[0];
  const value = named ?? ref.slice(ref.lastIndexOf("/") + 1);
  const properties: JsonObject = {};
  setOwn(properties, discriminator.propertyName, { const: value });
  return { allOf: [branch, { properties, required: [discriminator.propertyName] }] };
}
