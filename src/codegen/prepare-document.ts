/** Turning a parsed document into what every emitter reads: refs checked, `nullable` normalised. */
import { assertRefsResolve } from "../spec/collect-refs.js";
import type { OpenApiDocument } from "../spec/load-document.js";
import { normalizeNullable } from "./normalize-nullable.js";

/**
 * Checks that every `$ref` and security requirement of `document` resolves (a SpecError naming the
 * ref and the pointer where it is used otherwise), then returns a copy with `nullable` normalised
 * (see normalize-nullable.ts). Emitters receive only prepared documents.
 */
export function prepareDocument(document: OpenApiDocument, file: string): OpenApiDocument {
  assertRefsResolve(document, file);
  return normalizeNullable(document);
}
