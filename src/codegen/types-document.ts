/**
 * The copy of a prepared document handed to openapi-typescript, rewritten where openapi-typescript
 * would throw or emit types that do not compile; the validators read the document as written.
 * - Boolean subschemas become object schemas of the same meaning (map-schemas.ts).
 * - A schema `$ref` into `#/paths/…` or `#/webhooks/…` (legal, and found in vendor documents)
 *   becomes a `$ref` to a copy of its target under `components/schemas`: openapi-typescript
 *   writes such a ref as `paths["/a"]["post"]["requestBody"]["content"]…`, which does not compile
 *   when the path runs through an optional member (`requestBody?`).
 */
import { findRefs } from "../spec/collect-refs.js";
import { getAtPointer } from "../spec/json-pointer.js";
import type { OpenApiDocument } from "../spec/load-document.js";
import { mapDocumentSchemas } from "../spec/walk-schemas.js";
import { objectifyBooleanSchemas } from "./map-schemas.js";
import { isJsonObject } from "./resolve-ref.js";

/** Prefix of the component names given to hoisted targets. */
export const HOISTED_PREFIX = "Hoisted_";

/** `document` as openapi-typescript should read it (see this module's doc comment). */
export function typesDocument(document: OpenApiDocument): OpenApiDocument {
  return hoistPathRefs(objectifyBooleanSchemas(document));
}

/**
 * A copy of `document` whose schema refs into `#/paths/…`/`#/webhooks/…` point at copies of their
 * targets under `components/schemas` (`Hoisted_<pointer>`), or `document` itself when it has none.
 */
export function hoistPathRefs(document: OpenApiDocument): OpenApiDocument {
  const components = isJsonObject(document.components) ? document.components : {};
  const schemas = isJsonObject(components.schemas) ? components.schemas : {};
  const names = new Map<string, string>();
  const hoisted: Record<string, unknown> = {};
  for (const use of findRefs(document)) {
    if (use.kind !== "schema" || use.base !== undefined || names.has(use.ref)) continue;
    if (!/^#\/(paths|webhooks)\//.test(use.ref)) continue;
    let target: unknown;
    try {
      target = getAtPointer(document, use.ref);
    } catch {
      continue;
    }
    if (target === undefined) continue;
    const stem = `${HOISTED_PREFIX}${use.ref.slice(2).replace(/[^A-Za-z0-9]+/g, "_")}`;
    let name = stem;
    for (let n = 2; Object.hasOwn(schemas, name) || Object.hasOwn(hoisted, name); n++) {
      name = `${stem}_${n}`;
    }
    names.set(use.ref, `#/components/schemas/${name}`);
    hoisted[name] = target;
  }
  if (names.size === 0) return document;
  const withHoisted = {
    ...document,
    components: { ...components, schemas: { ...schemas, ...hoisted } },
  };
  return mapDocumentSchemas(withHoisted, (schema) => {
    const ref = typeof schema.$ref === "string" ? names.get(schema.$ref) : undefined;
    return ref === undefined ? schema : { ...schema, $ref: ref };
  });
}
