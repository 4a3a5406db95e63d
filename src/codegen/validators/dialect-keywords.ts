/** Where the validator dialect (transform-schema.ts) holds subschemas: for walks over its schemas. */

/** Keywords whose value is one schema. */
export const SINGLE_SCHEMA: ReadonlySet<string> = new Set([
  "additionalProperties",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
  "items",
  "additionalItems",
  "contains",
  "not",
  "if",
  "then",
  "else",
  "nullOr",
]);

/** Keywords whose value is a list of schemas (a tuple-form `items` too, in the draft-07 form). */
export const SCHEMA_LIST: ReadonlySet<string> = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);

/** Keywords whose value maps names to schemas. */
export const SCHEMA_MAP: ReadonlySet<string> = new Set([
  "properties",
  "patternProperties",
  "dependentSchemas",
]);
