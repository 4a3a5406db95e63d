/**
 * A schema-aware walk over an OpenAPI 3.0/3.1 document: it knows which positions hold Schema
 * Objects (so a property *named* `nullable` or an `example` value is never mistaken for a keyword).
 * @see https://spec.openapis.org/oas/v3.1.0#schema
 */
import type { OpenApiDocument } from "../spec/load-document.js";

type JsonObject = Record<string, unknown>;

/** Rewrites one Schema Object whose subschemas were already rewritten; returns it unchanged or a copy. */
export type SchemaTransform = (
  schema: JsonObject,
  path: readonly (string | number)[],
) => JsonObject;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const OPERATION_KEYS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/** Schema keywords whose value is one subschema. */
const SCHEMA_SINGLE = [
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "additionalItems",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
  "contentSchema",
];
/** Schema keywords whose value is an array of subschemas. */
const SCHEMA_LIST = ["allOf", "anyOf", "oneOf", "prefixItems"];
/** Schema keywords whose value is a map of subschemas. */
const SCHEMA_MAP = ["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"];

type Visit = (node: JsonObject) => JsonObject;

/**
 * Walks `document` and applies `transform` to every Schema Object, children before parents.
 * Returns a new document that shares every untouched subtree with the input; the input is not
 * modified.
 */
export function mapSchemas(document: OpenApiDocument, transform: SchemaTransform): OpenApiDocument {
  const path: (string | number)[] = [];

  /** Calls `visit` on `node[key]` when it is an object; copies `node` only if the child changed. */
  const child = (node: JsonObject, key: string, visit: Visit): JsonObject => {
    const value = node[key];
    if (!isObject(value)) return node;
    path.push(key);
    const next = visit(value);
    path.pop();
    return next === value ? node : { ...node, [key]: next };
  };
  /** Visits every object value of a map; copies the map once, only if some value changed. */
  const mapOf =
    (visit: Visit): Visit =>
    (map) => {
      let out: JsonObject | undefined;
      for (const key of Object.keys(map)) {
        const value = map[key];
        if (!isObject(value)) continue;
        path.push(key);
        const next = visit(value);
        path.pop();
        if (next !== value) {
          out ??= { ...map };
          out[key] = next;
        }
      }
      return out ?? map;
    };
  const listChild = (node: JsonObject, key: string, visit: Visit): JsonObject => {
    const list = node[key];
    if (!Array.isArray(list)) return node;
    path.push(key);
    let changed = false;
    const next = list.map((item, index) => {
      if (!isObject(item)) return item;
      path.push(index);
      const mapped = visit(item);
      path.pop();
      if (mapped !== item) changed = true;
      return mapped;
    });
    path.pop();
    return changed ? { ...node, [key]: next } : node;
  };

  const schema: Visit = (node) => {
    let out = node;
    for (const key of SCHEMA_SINGLE) out = child(out, key, schema);
    for (const key of SCHEMA_LIST) out = listChild(out, key, schema);
    for (const key of SCHEMA_MAP) out = child(out, key, mapOf(schema));
    out = Array.isArray(out.items) ? listChild(out, "items", schema) : child(out, "items", schema);
    return transform(out, path);
  };
  const mediaType: Visit = (node) => {
    let out = child(node, "schema", schema);
    out = child(
      out,
      "encoding",
      mapOf((encoding) => child(encoding, "headers", mapOf(header))),
    );
    return out;
  };
  const content = mapOf(mediaType);
  const header: Visit = (node) => child(child(node, "schema", schema), "content", content);
  const parameter = header;
  const requestBody: Visit = (node) => child(node, "content", content);
  const response: Visit = (node) =>
    child(child(node, "headers", mapOf(header)), "content", content);
  const operation: Visit = (node) => {
    let out = listChild(node, "parameters", parameter);
    out = child(out, "requestBody", requestBody);
    out = child(out, "responses", mapOf(response));
    out = child(out, "callbacks", mapOf(callback));
    return out;
  };
  const pathItem: Visit = (node) => {
    let out = listChild(node, "parameters", parameter);
    for (const key of OPERATION_KEYS) out = child(out, key, operation);
    return out;
  };
  const callback: Visit = mapOf(pathItem);
  const components: Visit = (node) => {
    let out = child(node, "schemas", mapOf(schema));
    out = child(out, "responses", mapOf(response));
    out = child(out, "parameters", mapOf(parameter));
    out = child(out, "requestBodies", mapOf(requestBody));
    out = child(out, "headers", mapOf(header));
    out = child(out, "callbacks", mapOf(callback));
    out = child(out, "pathItems", mapOf(pathItem));
    return out;
  };

  let out: JsonObject = document;
  out = child(out, "paths", mapOf(pathItem));
  out = child(out, "webhooks", mapOf(pathItem));
  out = child(out, "components", components);
  return out;
}
