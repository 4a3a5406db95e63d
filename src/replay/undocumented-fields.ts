/**
 * Fields a recorded body holds that its schema does not describe: object members not among the
 * schema's `properties` (with `allOf` merged and local `$ref`s followed), where the schema lists
 * properties and says nothing about others (no `additionalProperties` schema, no
 * `patternProperties`, no `oneOf`/`anyOf` to choose between). Array indices are written `*`, so
 * one new field in a list of 100 items is one finding. Bounded: depth 32, 200 items per array.
 */

import type { OpenApiDocument } from "../document/load-document.js";
import { resolveSchema, schemaProperties } from "../document/schema-shape.js";
import { escapePointerToken } from "../runtime/json-pointer.js";
import type { SchemaLike } from "../runtime/operation-index.js";

const MAX_DEPTH = 32;
const MAX_ITEMS = 200;

/** Pointers (array indices as `*`) of fields `body` has and `schema` does not describe. */
export function undocumentedFields(
  document: OpenApiDocument,
  schema: SchemaLike,
  body: unknown,
): string[] {
  const found = new Set<string>();
  walk(document, schema, body, "", found, 0);
  return [...found];
}

function walk(
  document: OpenApiDocument,
  schema: SchemaLike,
  value: unknown,
  at: string,
  found: Set<string>,
  depth: number,
): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    if (schema.items === undefined || Array.isArray(schema.items)) return;
    const items = resolveSchema(document, schema.items);
    for (const item of value.slice(0, MAX_ITEMS))
      walk(document, items, item, `${at}/*`, found, depth + 1);
    return;
  }
  if (
    schema.oneOf !== undefined ||
    schema.anyOf !== undefined ||
    schema.patternProperties !== undefined
  )
    return;
  const properties = schemaProperties(document, schema);
  const open =
    typeof schema.additionalProperties === "object" && schema.additionalProperties !== null;
  const described = Object.keys(properties).length > 0;
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    const pointer = `${at}/${escapePointerToken(key)}`;
    const property = properties[key];
    if (property) walk(document, property, member, pointer, found, depth + 1);
    else if (open)
      walk(
        document,
        resolveSchema(document, schema.additionalProperties),
        member,
        pointer,
        found,
        depth + 1,
      );
    else if (described) found.add(pointer);
  }
}
