/** The pure core of codegen: one parsed document in, the files of `generated/<api>/` out. */

import type { OpenApiDocument } from "../document/load-document.js";
import type { SpecWarning } from "../runtime/operation-index.js";
import { buildOperationIndex } from "./build-operation-index.js";
import { emitApiEntrySource } from "./emit-api-entry.js";
import { emitClientSource } from "./emit-client.js";
import { emitOperationsSource } from "./emit-operations.js";
import { emitValidationFiles } from "./emit-validation.js";
import type { Emitter } from "./emitter.js";
import { documentEmitters } from "./emitters.js";
import { fileHeader, hasFileHeader } from "./file-header.js";
import { prepareDocumentWithWarnings } from "./prepare-document.js";
import { findSchemaDefects } from "./schema-defects.js";

/** What {@link generateApi} needs besides the document. */
export interface GenerateApiOptions {
  /** API id (`gcore-billing`); names the client factory. */
  readonly api: string;
  /** Spec path for headers and errors, relative and stable (`specs/gcore-billing/openapi.yaml`). */
  readonly sourceFile: string;
  /** Module specifier of `src/runtime` from the output folder (`../../src/runtime`). */
  readonly runtimeImport: string;
  /** Defaults to {@link documentEmitters}. */
  readonly emitters?: readonly Emitter[];
}

/** Files by name relative to the API folder, each starting with the generated header. */
export interface GeneratedApi {
  readonly files: Readonly<Record<string, string>>;
  readonly warnings: readonly SpecWarning[];
}

/**
 * Generate every file of one API from its parsed document: refs are checked and `nullable`
 * normalised once, the operation index is built, the document emitters (types, validators, …)
 * run concurrently, then `operations.ts`, `client.ts`, `validation.ts` (with `responses/` chunks
 * for a large API) and `index.ts` are written from the index.
 * Warnings: document defects tolerated (tolerate-defects.ts), schema defects worked around
 * (schema-defects.ts), then each emitter's.
 * Deterministic: the same document and options give the same bytes. The input is not modified.
 */
export async function generateApi(
  document: OpenApiDocument,
  options: GenerateApiOptions,
): Promise<GeneratedApi> {
  const { api, sourceFile, runtimeImport } = options;
  const { document: prepared, warnings: defects } = prepareDocumentWithWarnings(
    document,
    sourceFile,
  );
  const index = buildOperationIndex(prepared, api, sourceFile);
  const results = await Promise.all(
    (options.emitters ?? documentEmitters).map((emit) =>
      emit(prepared, { api, runtimeImport, sourceFile, index }),
    ),
  );
  const bodies: Record<string, string> = {};
  const warnings: SpecWarning[] = [...defects, ...findSchemaDefects(document)];
  for (const result of results) {
    for (const [name, text] of Object.entries(result.files)) {
      if (Object.hasOwn(bodies, name)) throw new Error(`two emitters wrote ${name} for ${api}`);
      bodies[name] = text;
    }
    warnings.push(...result.warnings);
  }
  const finalIndex = { ...index, warnings };
  bodies["operations.ts"] = emitOperationsSource(finalIndex, runtimeImport);
  bodies["client.ts"] = emitClientSource(finalIndex, runtimeImport);
  Object.assign(
    bodies,
    emitValidationFiles(finalIndex, runtimeImport, { hasValidators: "validators.ts" in bodies }),
  );
  bodies["index.ts"] = emitApiEntrySource(api);
  const header = fileHeader(sourceFile);
  const files: Record<string, string> = {};
  for (const name of Object.keys(bodies).sort()) {
    const text = bodies[name] ?? "";
    files[name] = hasFileHeader(text) ? text : header + text;
  }
  return { files, warnings };
}
