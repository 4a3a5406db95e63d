/** `types.ts`: the openapi-typescript types (`paths`, `components`, `operations`) of one API. */
import { createRequire } from "node:module";
import type { GlobalContext, OpenAPI3, OpenAPITSOptions } from "openapi-typescript";
import type { OpenApiDocument } from "../document/load-document.js";
import { SpecError } from "../errors.js";
import type { SpecWarning } from "../runtime/operation-index.js";
import type { EmitterOptions, EmitterResult } from "./emitter.js";
import { isolateTypeFailures } from "./isolate-type-failures.js";
import { typesDocumentWithWarnings } from "./types-document.js";

/**
 * The options codegen gives openapi-typescript. silent: it would print warnings with console;
 * library code stays quiet. defaultNonNullable: false — a property with a `default` stays
 * optional, as the validator treats it (openapi-typescript would otherwise make it required and
 * the two would disagree).
 */
export const TYPES_OPTIONS = {
  silent: true,
  defaultNonNullable: false,
} as const satisfies OpenAPITSOptions;

type OpenApiTypescript = typeof import("openapi-typescript");

/**
 * openapi-typescript, loaded on first use through its CommonJS entry. It and typescript cost
 * about a second of start-up, which a process that generates types in a worker thread should not
 * pay; and `require` loads them in half the time of `import`, which first scans typescript's 9 MB
 * of CommonJS for its module format and named exports (0.7 vs 1.4 s CPU).
 */
let openapiTypescript: OpenApiTypescript | undefined;

/** Load openapi-typescript now rather than on first use (a worker thread warming up). */
export function loadOpenapiTypescript(): OpenApiTypescript {
  openapiTypescript ??= createRequire(import.meta.url)("openapi-typescript") as OpenApiTypescript;
  return openapiTypescript;
}

/**
 * openapi-typescript's transform context for {@link TYPES_OPTIONS}, built as `openapiTS()` 7.13
 * builds it (dist/index.mjs), every other option at its default.
 */
function transformContext(document: OpenAPI3): GlobalContext {
  const { resolveRef, scanDiscriminators } = loadOpenapiTypescript();
  const { silent, defaultNonNullable } = TYPES_OPTIONS;
  return {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable,
    discriminators: scanDiscriminators(document, TYPES_OPTIONS),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    // Only openapiTS()'s lint and bundle read the Redocly config, and they do not run here; the
    // equality test fails loudly should a later transform start reading it.
    redoc: undefined as unknown as GlobalContext["redoc"],
    silent,
    inject: undefined,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: ($ref) => resolveRef(document, $ref, { silent }),
  };
}

/**
 * The TypeScript source openapi-typescript 7 produces for a prepared document (its `nullable`
 * already rewritten, so the types mean what the validators check). Its failures are
 * {@link SpecError}s naming the spec file.
 *
 * This calls openapi-typescript's `transformSchema` directly rather than `openapiTS()`, which first
 * serialises the document, lints it with Redocly's "minimal" rules and bundles it: three quarters
 * of its time on GitHub's 13 MB document (3.9 of 5.3 s CPU), and nothing this pipeline needs: the
 * only lint findings that stop openapiTS() are an unresolved `$ref` and a duplicate operationId,
 * which `prepareDocument` works around first (with a warning each: tolerate-defects.ts),
 * and bundling a document whose refs are all local returns it unchanged. The output is
 * byte-identical to `openapiTS(document, TYPES_OPTIONS)` (test/codegen/emit-types-direct.test.ts
 * holds it to that).
 *
 * openapi-typescript writes into the document (each schema a `discriminator` mapping names gets
 * the discriminator property as an enum), so this works on a copy; see
 * {@link emitTypesInPlace} for a document nothing else reads.
 * @see https://openapi-ts.dev/node
 */
export async function generateTypesSource(
  document: OpenApiDocument,
  file: string,
): Promise<string> {
  return typesSourceInPlace(structuredClone(document), file).source;
}

/** openapi-typescript's source for a document already rewritten for it (typesDocument). */
function transformToSource(schema: OpenApiDocument): string {
  const { astToString, transformSchema } = loadOpenapiTypescript();
  const document = schema as unknown as OpenAPI3;
  return astToString(transformSchema(document, transformContext(document)));
}

function typesSourceInPlace(
  document: OpenApiDocument,
  file: string,
): { source: string; warnings: readonly SpecWarning[] } {
  // Rewritten for openapi-typescript alone (boolean subschemas, refs it cannot follow); the
  // validators read the document as written.
  const { document: copy, warnings } = typesDocumentWithWarnings(document);
  try {
    return { source: transformToSource(copy), warnings };
  } catch (error) {
    // One schema openapi-typescript cannot take must not cost the document its types: that
    // schema becomes unknown, with a warning naming it.
    const isolated = isolateTypeFailures(copy, transformToSource);
    if (isolated === undefined) {
      throw new SpecError(
        `${file}: openapi-typescript cannot generate types: ${(error as Error).message}`,
        file,
      );
    }
    return { source: isolated.source, warnings: [...warnings, ...isolated.warnings] };
  }
}

/** The types emitter: `types.ts` (see {@link generateTypesSource}). */
export async function emitTypes(
  document: OpenApiDocument,
  options: Pick<EmitterOptions, "sourceFile">,
): Promise<EmitterResult> {
  return emitTypesInPlace(structuredClone(document), options);
}

/**
 * {@link emitTypes} without the copy, for a document that nothing else reads (a worker thread's
 * own): openapi-typescript may modify it.
 */
export async function emitTypesInPlace(
  document: OpenApiDocument,
  options: Pick<EmitterOptions, "sourceFile">,
): Promise<EmitterResult> {
  const { source, warnings } = typesSourceInPlace(document, options.sourceFile);
  return { files: { "types.ts": source }, warnings };
}
