/** The contract between the codegen pipeline and each emitter of files in `generated/<api>/`. */

import type { OpenApiDocument } from "../document/load-document.js";
import type { ApiIndex, SpecWarning } from "../runtime/operation-index.js";

/** What an emitter is told besides the document. */
export interface EmitterOptions {
  /** API id (`gcore-billing`). */
  readonly api: string;
  /** Module specifier of `src/runtime` as seen from the output folder (`../../src/runtime`). */
  readonly runtimeImport: string;
  /** Spec path shown in headers and errors (`specs/gcore-billing/openapi.yaml`). */
  readonly sourceFile: string;
  /** The operation index (validator names, keys), built before any emitter runs. */
  readonly index: ApiIndex;
}

/**
 * Files by name relative to the API folder (`types.ts`), without the "generated" header (the
 * pipeline adds it), plus problems that did not stop generation.
 */
export interface EmitterResult {
  readonly files: Readonly<Record<string, string>>;
  readonly warnings: readonly SpecWarning[];
}

/**
 * Emits files from a prepared (ref-checked, `nullable`-normalised) document. Emitters must not
 * modify the document: they run concurrently on the same object (and may later run in workers).
 */
export type Emitter = (
  document: OpenApiDocument,
  options: EmitterOptions,
) => Promise<EmitterResult>;
