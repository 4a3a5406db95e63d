/**
 * A schema's shape read by hand, where a compiled validator cannot answer (which property holds a
 * list page's items, which fields an item has): the JSON body schema of an operation's response,
 * the top-level properties with local `$ref`s and `allOf` followed, and the JSON type name. Read by
 * codegen (the pagination description), the contract cases and replay.
 * @see https://spec.openapis.org/oas/v3.1.0#response-object
 */

import { isJsonObject } from "../runtime/json-value.js";
import { isJsonMediaType } from "../runtime/media-type.js";
import type { OperationSpec, SchemaLike } from "../runtime/operation-index.js";
import { MAX_REF_HOPS, resolveLocal } from "./follow-ref.js";
import type { OpenApiDocument } from "./load-document.js";

/** The status of an operation's success response (`200`, else the first 2XX documented). */
export function successStatus(operation: Pick<OperationSpec, "responses">): string | undefined {
  const statuses = Object.keys(operation.responses);
  return statuses.includes("200") ? "200" : statuses.find((s) => /^2/.test(s));
}

/** `schema` with local `$ref`s followed (a broken or external ref gives an empty schema). */
export function resolveSchema(document: OpenApiDocument, schema: unknown): SchemaLike {
  return resolveLocal(document, schema) ?? {};
}

/** The schema of an operation's JSON body for `status` (`application/json` or any `+json`). */
export function responseSchema(
  document: OpenApiDocument,
  operation: Pick<OperationSpec, "path" | "method">,
  status: string,
): SchemaLike | undefined {
  const paths = resolveSchema(document, document.paths);
  const item = resolveSchema(document, paths[operation.path]);
  const responses = resolveSchema(
    document,
    resolveSchema(document, item[operation.method]).responses,
  );
  const content = resolveSchema(document, responses[status]).content;
  if (content === null || typeof content !== "object") return undefined;
  const json = Object.entries(content as Record<string, unknown>).find(([type]) =>
    isJsonMediaType(type),
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
  if (isJsonObject(properties)) {
    for (const [name, property] of Object.entries(properties)) {
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
