/**
 * The copy of a prepared document handed to openapi-typescript, rewritten where openapi-typescript
 * would throw or emit types that do not compile; the validators read the document as written.
 * - Boolean subschemas become object schemas of the same meaning (map-schemas.ts).
 * - Every schema reference becomes a JSON Pointer from the document root, the only kind
 *   openapi-typescript follows: `#foo` anchors, refs relative to an `$id` (`tree.json`,
 *   `#/$defs/x` inside an embedded resource), URNs, and `$dynamicRef`/`$recursiveRef` (their
 *   static target: types cannot follow dynamic scope) are resolved with the one resolver of
 *   src/document/walk-schemas.ts. A ref with no target inside the document (a meta-schema, a URL no
 *   `$id` names) makes its schema `{}` (unknown) with one warning naming its pointer.
 * - A schema `$ref` into `#/paths/…` or `#/webhooks/…` (legal, and found in vendor documents), and
 *   a resolved ref whose target is not a named component schema, becomes a `$ref` to a copy of its
 *   target under `components/schemas`: openapi-typescript writes such a ref as an indexed access
 *   (`paths["/a"]["post"]["requestBody"]…`, `components["schemas"]["A"]["items"]`), which does not
 *   compile when the path runs through an optional member or a keyword that is not a property.
 */

import { findRefs } from "../document/collect-refs.js";
import type { OpenApiDocument } from "../document/load-document.js";
import {
  collectSchemaResources,
  DOCUMENT_BASE,
  kindAt,
  mapDocumentNodes,
  mapDocumentSchemas,
  resolveRefTokens,
} from "../document/walk-schemas.js";
import { getAtPointer, toPointer } from "../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import type { SpecWarning } from "../runtime/operation-index.js";
import { objectifyBooleanSchemas } from "./map-schemas.js";

type Token = string | number;

/** Name of the warning for a schema whose ref the types cannot follow (it becomes `unknown`). */
export const UNTYPED_REF = "untyped-ref";

/** Prefix of the component names given to hoisted targets. */
export const HOISTED_PREFIX = "Hoisted_";

/** The types copy of a document and the warnings of the schemas it had to make unknown. */
export interface TypesDocument {
  readonly document: OpenApiDocument;
  readonly warnings: readonly SpecWarning[];
}

/** `document` as openapi-typescript should read it (see this module's doc comment). */
export function typesDocument(document: OpenApiDocument): OpenApiDocument {
  return typesDocumentWithWarnings(document).document;
}

/** {@link typesDocument} with one warning per schema whose type had to become unknown. */
export function typesDocumentWithWarnings(document: OpenApiDocument): TypesDocument {
  const warnings: SpecWarning[] = [];
  const pointed = pointerRefs(objectifyBooleanSchemas(document), warnings);
  return { document: hoistRefs(pointed), warnings };
}

/** Schema-reference keywords, in the order their targets are combined. */
const REF_KEYWORDS = ["$ref", "$dynamicRef", "$recursiveRef"] as const;

/**
 * Refs openapi-typescript writes as a type that compiles: a named component schema
 * (`components["schemas"]["Name"]`) or a property of one (it skips the `properties` segments).
 */
const WRITABLE_REF = /^#\/components\/schemas\/[A-Za-z0-9_.-]+(\/properties\/[^/]+)*$/;

/**
 * A copy of `document` whose schema refs are all JSON Pointers from the root (see the module doc),
 * with `$id` dropped (nothing in the copy resolves against it any more).
 */
function pointerRefs(document: OpenApiDocument, warnings: SpecWarning[]): OpenApiDocument {
  const known = collectSchemaResources(document);
  return mapDocumentNodes(document, (node, { kind, tokens, base }) => {
    if (kind !== "schema" || typeof node === "boolean") return node;
    if (!REF_KEYWORDS.some((k) => typeof node[k] === "string") && node.$id === undefined) {
      return node;
    }
    const { $id: _id, ...out } = node as JsonObject;
    const targets: string[] = [];
    for (const keyword of REF_KEYWORDS) {
      const ref = out[keyword];
      if (typeof ref !== "string") continue;
      delete out[keyword];
      // A pointer from the document root is left to prepareDocument's checks, as written.
      if (keyword === "$ref" && base === DOCUMENT_BASE && ref.startsWith("#/")) {
        targets.push(ref);
        continue;
      }
      const target = resolveRefTokens(document, ref, base, known);
      if (target === undefined) {
        warnings.push({
          pointer: toPointer(tokens),
          message: `${UNTYPED_REF}: ${keyword} '${ref}' has no target inside the document (an external or meta-schema reference), so this schema's type is unknown; the validators still check it as written — bundle the target into components to type it`,
        });
        return {};
      }
      // `#` (or `$recursiveRef`) outside any `$id` names the whole document, which is no schema:
      // like the validators (schema-registry.ts), it means the schema this one belongs to.
      targets.push(`#${toPointer(target.length === 0 ? outermostSchema(tokens) : target)}`);
    }
    const [first, ...rest] = targets;
    if (first === undefined) return out;
    // Two reference keywords in one schema (2020-12 allows it) both apply: one joins an allOf.
    if (rest.length > 0) {
      const allOf = Array.isArray(out.allOf) ? out.allOf : [];
      out.allOf = [...allOf, ...rest.map((ref) => ({ $ref: ref }))];
    }
    return { $ref: first, ...out };
  });
}

/** Tokens of the outermost schema holding `tokens`: a component's, or a media type's/parameter's. */
function outermostSchema(tokens: readonly Token[]): readonly Token[] {
  for (let end = 1; end <= tokens.length; end++) {
    if (kindAt(tokens.slice(0, end)) === "schema") return tokens.slice(0, end);
  }
  return tokens;
}

/**
 * A copy of `document` whose schema refs that openapi-typescript cannot write (into `#/paths/…`,
 * `#/webhooks/…`, `$defs`, `items`, `allOf/0`, …: not {@link WRITABLE_REF}) point at copies of
 * their targets under `components/schemas` (`Hoisted_<pointer>`), and whose schemas lose their
 * `$defs`/`definitions` (nothing refers into them any more, and openapi-typescript would write
 * them as members of the data's type); `document` itself when it has neither. Refs must already
 * be pointers from the document root.
 */
export function hoistRefs(document: OpenApiDocument): OpenApiDocument {
  const components = isJsonObject(document.components) ? document.components : {};
  const schemas = isJsonObject(components.schemas) ? components.schemas : {};
  const names = new Map<string, string>();
  const hoisted: Record<string, unknown> = {};
  for (const use of findRefs(document)) {
    if (use.kind !== "schema" || names.has(use.ref)) continue;
    if (WRITABLE_REF.test(use.ref) || !use.ref.startsWith("#/")) continue;
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
  const withHoisted =
    names.size === 0
      ? document
      : { ...document, components: { ...components, schemas: { ...schemas, ...hoisted } } };
  return mapDocumentSchemas(withHoisted, (schema) => {
    const ref = typeof schema.$ref === "string" ? names.get(schema.$ref) : undefined;
    if (ref === undefined && !("$defs" in schema) && !("definitions" in schema)) return schema;
    const { $defs: _defs, definitions: _definitions, ...rest } = schema;
    return ref === undefined ? rest : { ...rest, $ref: ref };
  });
}
