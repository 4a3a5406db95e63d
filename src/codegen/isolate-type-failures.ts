/**
 * When openapi-typescript throws on a document (its errors name no schema), find the schemas it
 * cannot take and make only those unknown (`{}`) in the types copy, one warning each, so one
 * schema never costs a whole document its types. The validators read the document as written.
 *
 * The search runs only after a failure: a binary search over the document's top-level schemas
 * (component schemas and the schemas of parameters, headers and media types) for the first whose
 * replacement makes the transform succeed, repeated per culprit, then narrowed into that schema's
 * subschemas while replacing one of them alone is enough. Every loop is bounded by
 * {@link MAX_ATTEMPTS} transform runs.
 */

import type { OpenApiDocument } from "../document/load-document.js";
import { kindAt, mapDocumentNodes, walkSchemas } from "../document/walk-schemas.js";
import { toPointer } from "../runtime/json-pointer.js";
import type { SpecWarning } from "../runtime/operation-index.js";

/** Name of the warning for a schema openapi-typescript throws on (its type becomes `unknown`). */
export const UNTYPED_SCHEMA = "untyped-schema";

/** Transform runs one search may spend before it gives up. */
export const MAX_ATTEMPTS = 200;

/** The source once the culprits are unknown, and one warning per culprit. */
export interface IsolatedTypes {
  readonly source: string;
  readonly warnings: readonly SpecWarning[];
}

/** `document` with the schemas at `pointers` replaced by `{}`. */
function withUnknown(document: OpenApiDocument, pointers: ReadonlySet<string>): OpenApiDocument {
  if (pointers.size === 0) return document;
  return mapDocumentNodes(document, (node, { kind, tokens }) =>
    kind === "schema" && pointers.has(toPointer(tokens)) ? {} : node,
  );
}

/** Pointers of the schemas directly under `pointer` (its subschemas, one level down). */
function childSchemas(document: OpenApiDocument, pointer: string): string[] {
  const children: string[] = [];
  walkSchemas(document, (_schema, { tokens }) => {
    const here = toPointer(tokens);
    if (here === pointer || !here.startsWith(`${pointer}/`)) return;
    // `not`: the parent is one token up; `allOf/0`, `properties/x`, tuple `items/0`: two.
    const parent = tokens.slice(0, -1);
    const oneUp = typeof tokens[tokens.length - 1] !== "number" && kindAt(parent) === "schema";
    if (toPointer(oneUp ? parent : tokens.slice(0, -2)) === pointer) children.push(here);
  });
  return children;
}

/**
 * The source of `document` with the fewest schemas made unknown that the search finds, or
 * undefined when it finds none that helps within {@link MAX_ATTEMPTS} runs. `transform` runs
 * openapi-typescript on a document (on a copy of it: openapi-typescript writes into its input).
 */
export function isolateTypeFailures(
  document: OpenApiDocument,
  transform: (document: OpenApiDocument) => string,
): IsolatedTypes | undefined {
  let attempts = 0;
  const attempt = (pointers: ReadonlySet<string>): string | undefined => {
    attempts++;
    try {
      return transform(structuredClone(withUnknown(document, pointers)));
    } catch {
      return undefined;
    }
  };
  const topLevel: string[] = [];
  walkSchemas(document, (_schema, { tokens }) => {
    if (kindAt(tokens.slice(0, -1)) !== "schema") topLevel.push(toPointer(tokens));
  });

  const culprits = new Set<string>();
  let source: string | undefined;
  while (attempts < MAX_ATTEMPTS) {
    source = attempt(culprits);
    if (source !== undefined) break;
    const candidates = topLevel.filter((p) => !culprits.has(p));
    // Smallest k such that making candidates[0..k) unknown as well succeeds.
    let lo = 1;
    let hi = candidates.length;
    if (hi === 0 || attempt(new Set([...culprits, ...candidates])) === undefined) return undefined;
    while (lo < hi && attempts < MAX_ATTEMPTS) {
      const mid = Math.floor((lo + hi) / 2);
      if (attempt(new Set([...culprits, ...candidates.slice(0, mid)])) === undefined) lo = mid + 1;
      else hi = mid;
    }
    const found = candidates[lo - 1];
    if (found === undefined) return undefined;
    // Every other schema still failing lies among the candidates before `found`.
    culprits.add(narrow(found, new Set([...culprits, ...candidates.slice(0, lo - 1)])));
  }
  if (source === undefined) return undefined;
  return {
    source,
    warnings: [...culprits].sort().map((pointer) => ({
      pointer,
      message: `${UNTYPED_SCHEMA}: openapi-typescript cannot generate a type for this schema, so its type is unknown; the validators still check it as written — check the schema's keywords against the OpenAPI Schema Object`,
    })),
  };

  /** The deepest subschema of `pointer` that, made unknown (with `others`), is enough. */
  function narrow(pointer: string, others: ReadonlySet<string>): string {
    let current = pointer;
    for (;;) {
      const next = childSchemas(document, current).find(
        (child) => attempts < MAX_ATTEMPTS && attempt(new Set([...others, child])) !== undefined,
      );
      if (next === undefined) return current;
      current = next;
    }
  }
}
