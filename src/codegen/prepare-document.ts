/**
 * Turning a parsed document into what every emitter reads: tolerated defects worked around (with
 * warnings), refs checked, `nullable` normalised.
 */

import { assertRefsResolve } from "../document/collect-refs.js";
import type { OpenApiDocument } from "../document/load-document.js";
import type { SpecWarning } from "../runtime/operation-index.js";
import { normalizeNullable } from "./normalize-nullable.js";
import { tolerateDefects } from "./tolerate-defects.js";

/** A prepared document and the warnings of the defects worked around on the way. */
export interface PreparedDocument {
  readonly document: OpenApiDocument;
  readonly warnings: readonly SpecWarning[];
}

/**
 * Works around the defects tolerate-defects.ts knows (duplicate operationIds, undefined security
 * schemes, …; one warning each), checks that every `$ref` resolves (a SpecError naming the ref and
 * the pointer where it is used otherwise), then normalises `nullable` (see normalize-nullable.ts).
 * The input is not modified. Emitters receive only prepared documents.
 */
export function prepareDocumentWithWarnings(
  document: OpenApiDocument,
  file: string,
): PreparedDocument {
  const tolerated = tolerateDefects(document, file);
  assertRefsResolve(tolerated.document, file);
  return { document: normalizeNullable(tolerated.document), warnings: tolerated.warnings };
}

/** {@link prepareDocumentWithWarnings}'s document, for callers that do not report warnings. */
export function prepareDocument(document: OpenApiDocument, file: string): OpenApiDocument {
  return prepareDocumentWithWarnings(document, file).document;
}
