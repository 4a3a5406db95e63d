/** `types.ts`: the openapi-typescript types (`paths`, `components`, `operations`) of one API. */
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { SpecError } from "../errors.js";
import type { OpenApiDocument } from "../spec/load-document.js";
import type { EmitterOptions, EmitterResult } from "./emitter.js";

/**
 * The TypeScript source openapi-typescript 7 produces for a prepared document (its `nullable`
 * already rewritten, so the types mean what the validators check). Its failures are
 * {@link SpecError}s naming the spec file.
 * @see https://openapi-ts.dev/node
 */
export async function generateTypesSource(
  document: OpenApiDocument,
  file: string,
): Promise<string> {
  try {
    // silent: openapi-typescript would print lint warnings with console; library code stays quiet.
    // The document was parsed and ref-checked already; openapi-typescript lints and bundles it.
    // defaultNonNullable: false — a property with a `default` stays optional, as the validator
    // treats it (openapi-typescript would otherwise make it required and the two would disagree).
    return astToString(
      await openapiTS(document as unknown as OpenAPI3, { silent: true, defaultNonNullable: false }),
    );
  } catch (error) {
    throw new SpecError(
      `${file}: openapi-typescript cannot generate types: ${(error as Error).message}`,
      file,
    );
  }
}

/** The types emitter: `types.ts`. */
export async function emitTypes(
  document: OpenApiDocument,
  options: Pick<EmitterOptions, "sourceFile">,
): Promise<EmitterResult> {
  return {
    files: { "types.ts": await generateTypesSource(document, options.sourceFile) },
    warnings: [],
  };
}
