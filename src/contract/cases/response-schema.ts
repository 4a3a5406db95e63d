/**
 * What the cases need to know about a response body's shape, read from the vendored document
 * (the operation index names validators, not schemas): the top-level properties of a JSON
 * response, with local `$ref`s and `allOf` followed.
 * @see https://spec.openapis.org/oas/v3.1.0#response-object
 */

import { getAtPointer, toPointer } from "../../document/json-pointer.js";
import type { OpenApiDocument } from "../../document/load-document.js";
import type { OperationSpec, SchemaLike } from "../../runtime/operation-index.js";

const MAX_REF_HOPS = 32;

/** `schema` with local `$ref`s followed (a broken or external ref gives an empty schema). */
export function resolveSchema(document: OpenApiDocument, schema: unknown): SchemaLike {
  let node = schema;
  for (let hops = 0; hops < MAX_REF_HOPS; hops++) {
    if (node === null || typeof node !== "object") return {};
    const ref = (node as SchemaLike).$ref;
    if (typeof ref !== "string") return node as SchemaLike;
    if (!ref.startsWith("#")) return {};
    node = getAtPointer(document, ref);
  }
  return {};
}

/** The schema of an operation's JSON body for `status` (`application/json` or any `+json`). */
export function responseSchema(
  document: OpenApiDocument,
  operation: OperationSpec,
  status: string,
): SchemaLike | undefined {
  const pointer = toPointer([
    "paths",
    operation.path,
    operation.method,
    "responses",
    status,
    "content",
  ]);
  const content = getAtPointer(document, pointer);
  if (content === null || typeof content !== "object") return undefined;
  const json = Object.entries(content as Record<string, unknown>).find(
    ([type]) => type === "application/json" || /\+json$/.test(type.split(";")[0] ?? ""),
  );
  const schema = (json?.[1] as { schema?: unknown } | undefined)?.schema;
  return schema === undefined ? undefined : resolveSchema(document, schema);
}

/**
 * The properties of an object schema, with `allOf` branches merged (later ones win) and each
 * property schema resolved. Empty for anything that is not an object schema.
 */
export function schemaProperties(
  document: OpenApiDocument,
  schema: SchemaLike,
  depth = 0,
): Record<string, SchemaLike> {
  if (depth > MAX_REF_HOPS) return {};
  const out: Record<string, SchemaLike> = {};
  const branches = Array.isArray(schema.allOf) ? schema.allOf : [];
  for (const branch of branches) {
    Object.assign(out, schemaProperties(document, resolveSchema(document, branch), depth + 1));
  }
  const properties = schema.properties;
  if (properties !== null && typeof properties === "object") {
    for (const [name, property] of Object.entries(properties as Record<string, unknown>)) {
      const resolved = resolveSchema(document, property);
      const { allOf, ...rest } = resolved;
      // A property written as `allOf: [{$ref}]` (SoftwareOne's style) has its shape in the branch.
      out[name] =
        Array.isArray(allOf) && allOf.length === 1
          ? { ...resolveSchema(document, allOf[0]), ...rest }
          : resolved;
    }
  }
  return out;
}

/** The schema's JSON type name (`object`, `array`, ...), ignoring `null` in a type list. */
export function schemaType(schema: SchemaLike): string | undefined {
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type))
    return schema.type.find((t) => t !== "null") as string | undefined;
  if (schema.properties !== undefined) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
}
