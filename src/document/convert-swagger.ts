/**
 * Swagger 2.0 documents, still common among vendors, converted to OpenAPI 3.0 with swagger2openapi
 * (Mermade's oas-kit converter, the one behind converter.swagger.io's peers and APIs.guru): it
 * maps `definitions`, body and form parameters, `produces`/`consumes`, `host`/`basePath`/`schemes`
 * and `x-nullable` as the OpenAPI 3.0 specification intends, and patches the small defects it
 * knows. Loaded only when a Swagger document is read.
 */
import { createRequire } from "node:module";
import { SpecError } from "../errors.js";
import type { OpenApiDocument } from "./parse-document-text.js";

/** The part of swagger2openapi's API used here (it ships no type declarations). */
interface Swagger2OpenApi {
  convertObj(
    swagger: unknown,
    options: {
      readonly patch: boolean;
      readonly warnOnly: boolean;
      readonly warnProperty: string;
      readonly direct: boolean;
      readonly text: string;
    },
  ): Promise<OpenApiDocument>;
}

/** Where swagger2openapi marks what it could not convert exactly. */
export const CONVERSION_WARNING_PROPERTY = "x-s2o-warning";

/** The one-line notice printed when a Swagger 2.0 document is converted. */
export function conversionNotice(label: string, warnings: number): string {
  const notice = `converted Swagger 2.0 document ${label} to OpenAPI 3.0 with swagger2openapi`;
  return warnings === 0
    ? notice
    : `${notice}; ${warnings} place(s) could not be converted exactly, marked ${CONVERSION_WARNING_PROPERTY}`;
}

function countWarnings(node: unknown, depth = 0): number {
  if (node === null || typeof node !== "object" || depth > 1000) return 0;
  let count = 0;
  if (!Array.isArray(node) && CONVERSION_WARNING_PROPERTY in node) count++;
  for (const child of Object.values(node)) count += countWarnings(child, depth + 1);
  return count;
}

/** Result of {@link convertSwagger2}. */
export interface ConvertedDocument {
  readonly document: OpenApiDocument;
  /** Places swagger2openapi marked with {@link CONVERSION_WARNING_PROPERTY}. */
  readonly warnings: number;
}

/**
 * Convert a Swagger 2.0 document (bundled already: swagger2openapi is not asked to read files) to
 * OpenAPI 3.0. A document it cannot convert is a {@link SpecError} naming `label` and what to do.
 */
export async function convertSwagger2(
  swagger: OpenApiDocument,
  label: string,
): Promise<ConvertedDocument> {
  const require = createRequire(import.meta.url);
  const converter = require("swagger2openapi") as Swagger2OpenApi;
  let document: OpenApiDocument;
  try {
    document = await converter.convertObj(
      // YAML reads an unquoted `swagger: 2.0` as a number.
      { ...swagger, swagger: "2.0" },
      {
        patch: true,
        // Keep converting past what cannot be mapped exactly; each such place is marked.
        warnOnly: true,
        warnProperty: CONVERSION_WARNING_PROPERTY,
        direct: true,
        // swagger2openapi would otherwise serialise the whole document to YAML, for nothing.
        text: "-",
      },
    );
  } catch (error) {
    throw new SpecError(
      `${label}: swagger2openapi cannot convert this Swagger 2.0 document: ${(error as Error).message}; fix that place, or convert the document yourself (npx swagger2openapi ${label} -o openapi.yaml) and use the result`,
      label,
    );
  }
  return { document, warnings: countWarnings(document) };
}
