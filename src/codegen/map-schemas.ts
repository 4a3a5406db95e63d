/**
 * A schema-aware rewrite of an OpenAPI 3.0/3.1 document, on the one walker of
 * src/document/walk-schemas.ts: it knows which positions hold Schema Objects (so a property *named*
 * `nullable` or an `example` value is never mistaken for a keyword).
 * @see https://spec.openapis.org/oas/v3.1.0#schema
 */
import type { OpenApiDocument } from "../document/load-document.js";
import { mapDocumentSchemas } from "../document/walk-schemas.js";
import type { JsonObject } from "../runtime/json-value.js";

/** Rewrites one Schema Object whose subschemas were already rewritten; returns it unchanged or a copy. */
export type SchemaTransform = (
  schema: JsonObject,
  path: readonly (string | number)[],
) => JsonObject;

/**
 * Walks `document` and applies `transform` to every Schema Object, children before parents
 * (`path` is valid during the call only). Returns a new document that shares every untouched
 * subtree with the input; the input is not modified.
 */
export function mapSchemas(document: OpenApiDocument, transform: SchemaTransform): OpenApiDocument {
  return mapDocumentSchemas(document, transform);
}

/** Keywords whose boolean value openapi-typescript reads itself (as "any more properties?"). */
const BOOLEAN_AWARE = new Set([
  "additionalProperties",
  "unevaluatedProperties",
  "additionalItems",
  "unevaluatedItems",
]);

/**
 * A copy of `document` with every boolean schema written as an object schema: `true` → `{}`,
 * `false` → `{ not: {} }` (same meaning), for openapi-typescript, which throws on a boolean in
 * `allOf`/`anyOf`/`properties`/`items`/…. Booleans under `additionalProperties` and its kin stay,
 * since openapi-typescript reads those (and `{}` there would add an index signature).
 */
export function objectifyBooleanSchemas(document: OpenApiDocument): OpenApiDocument {
  return mapDocumentSchemas(
    document,
    (schema) => schema,
    (value, tokens) =>
      BOOLEAN_AWARE.has(String(tokens[tokens.length - 1])) ? value : value ? {} : { not: {} },
  );
}
