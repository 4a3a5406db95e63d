/**
 * The one place that decides what OpenAPI 3.0's `nullable: true` means, for the generated types
 * and the generated validators alike: codegen rewrites a copy of every document with
 * {@link normalizeNullable} before any emitter sees it, so no emitter interprets `nullable` itself.
 *
 * Semantics (applied to 3.0 *and* 3.1 documents, since vendor documents such as Gcore's declare
 * `openapi: 3.1.0` yet still use the 3.0 keyword, which JSON Schema 2020-12 would silently ignore):
 * `nullable: true` means "null, or whatever the rest of the schema accepts". This is the intent
 * reading that openapi-typescript also takes; it is wider than OpenAPI 3.0.3's letter, under which
 * `nullable` beside `allOf` or an `enum` without `null` adds nothing.
 *
 * Rewrites (the result is plain JSON Schema 2020-12, which ajv and openapi-typescript both read):
 * - `type: T` (+ `enum`) → `type: [T, "null"]`, and `null` appended to `enum` when absent;
 * - `type: [..]` → `"null"` appended when absent (and to `enum` likewise);
 * - `enum` without `type` → `null` appended to `enum`;
 * - beside `$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `const` or `if` (keywords that would reject
 *   null on their own) → `{ <annotations>, anyOf: [<rest of the schema>, { type: "null" }] }`,
 *   keeping `description`, `title`, `readOnly`, … on the outer schema. A `$ref` with a `nullable`
 *   sibling is honoured in 3.0 documents too, although 3.0 says siblings of `$ref` are ignored;
 * - no `type` and none of the above → the schema already accepts null; `nullable` is dropped.
 * `nullable: false` (the default) is dropped. Known limit: a `$ref` pointing *inside* a wrapped
 * schema (`#/components/schemas/X/allOf/0`) no longer resolves after wrapping.
 * @see https://spec.openapis.org/oas/v3.0.3#fixed-fields-19
 * @see https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import type { OpenApiDocument } from "../document/load-document.js";
import type { JsonObject } from "../runtime/json-value.js";
import { mapSchemas } from "./map-schemas.js";

/** Keywords that can reject `null` by themselves, so `nullable` must wrap the schema. */
const WRAP_WHEN = ["$ref", "allOf", "anyOf", "oneOf", "not", "const", "if"];

/** Keywords that describe rather than constrain; they stay on the outer schema when wrapping. */
const ANNOTATIONS = new Set([
  "title",
  "description",
  "readOnly",
  "writeOnly",
  "deprecated",
  "default",
  "example",
  "examples",
  "externalDocs",
  "xml",
  "$comment",
]);

function withNullInEnum(schema: JsonObject): JsonObject {
  const values = schema.enum;
  if (!Array.isArray(values) || values.includes(null)) return schema;
  return { ...schema, enum: [...values, null] };
}

/** One schema with `nullable` rewritten as described in this module's doc comment. */
export function normalizeNullableSchema(schema: JsonObject): JsonObject {
  if (!Object.hasOwn(schema, "nullable")) return schema;
  const { nullable, ...rest } = schema;
  if (nullable !== true) return rest;
  if (WRAP_WHEN.some((key) => Object.hasOwn(rest, key))) {
    const outer: JsonObject = {};
    const inner: JsonObject = {};
    for (const [key, value] of Object.entries(rest)) {
      if (ANNOTATIONS.has(key) || key.startsWith("x-")) outer[key] = value;
      else inner[key] = value;
    }
    return { ...outer, anyOf: [inner, { type: "null" }] };
  }
  const type = rest.type;
  if (typeof type === "string") {
    return withNullInEnum(type === "null" ? rest : { ...rest, type: [type, "null"] });
  }
  if (Array.isArray(type)) {
    return withNullInEnum(type.includes("null") ? rest : { ...rest, type: [...type, "null"] });
  }
  return withNullInEnum(rest);
}

/**
 * A copy of `document` with every Schema Object's `nullable` rewritten into JSON Schema
 * (see this module's doc comment). The input is not modified; untouched subtrees are shared.
 */
export function normalizeNullable(document: OpenApiDocument): OpenApiDocument {
  return mapSchemas(document, normalizeNullableSchema);
}
