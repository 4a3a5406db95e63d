/**
 * The warnings codegen would give for a document, without writing or typing anything: for
 * `vendor`, which shows them when a spec is brought in, so that a reviewer sees them in the pull
 * request rather than at the next codegen.
 */

import type { OpenApiDocument } from "../document/load-document.js";
import { SpecError } from "../errors.js";
import type { SpecWarning } from "../runtime/operation-index.js";
import { generateApi } from "./generate-api.js";
import { emitValidators } from "./validators/emit-validators.js";

/** What {@link documentWarnings} found: codegen's warnings, or why codegen would refuse. */
export interface DocumentWarnings {
  readonly warnings: readonly SpecWarning[];
  /** Set when codegen would refuse the document (the SpecError's message). */
  readonly refused?: string;
}

/**
 * Every warning `codegen` gives for `document` (tolerated defects, schema defects, the validator
 * emitter's: patterns, unsupported keywords), in codegen's order. The types emitter is skipped:
 * it gives no warnings. A document codegen refuses yields the refusal instead of throwing.
 */
export async function documentWarnings(
  document: OpenApiDocument,
  api: string,
  sourceFile: string,
): Promise<DocumentWarnings> {
  try {
    const generated = await generateApi(document, {
      api,
      sourceFile,
      runtimeImport: "api-contracts/runtime",
      emitters: [emitValidators],
    });
    return { warnings: generated.warnings };
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return { warnings: [], refused: error.message };
  }
}
