/**
 * Dialect schemas (2020-12 tuples: `prefixItems` + `items`) rewritten for ajv's draft-07 class,
 * whose tuples are `items: [..]` + `additionalItems`. Everything else is shared by both classes.
 */

import type { JsonObject } from "../../runtime/json-value.js";
import { SCHEMA_LIST, SCHEMA_MAP, SINGLE_SCHEMA } from "./dialect-keywords.js";
import type { DialectSchema } from "./transform-schema.js";

/** `target[key] = value` as an own property, even for a property named `__proto__`. */
function setOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A copy of `schema` with every 2020-12 tuple in the draft-07 form (the input is not modified). */
export function toDraft07Tuples(schema: DialectSchema): DialectSchema {
  if (typeof schema === "boolean") return schema;
  const out: JsonObject = {};
  const tuple = Array.isArray(schema.prefixItems);
  for (const [key, value] of Object.entries(schema)) {
    if (tuple && key === "prefixItems") {
      out.items = (value as DialectSchema[]).map(toDraft07Tuples);
    } else if (tuple && key === "items") {
      out.additionalItems = toDraft07Tuples(value as DialectSchema);
    } else if (SCHEMA_LIST.has(key) && Array.isArray(value)) {
      out[key] = (value as DialectSchema[]).map(toDraft07Tuples);
    } else if (SINGLE_SCHEMA.has(key)) {
      out[key] = toDraft07Tuples(value as DialectSchema);
    } else if (SCHEMA_MAP.has(key)) {
      const map: JsonObject = {};
      for (const [name, item] of Object.entries(value as JsonObject)) {
        setOwn(map, name, toDraft07Tuples(item as DialectSchema));
      }
      out[key] = map;
    } else setOwn(out, key, value);
  }
  return out;
}
