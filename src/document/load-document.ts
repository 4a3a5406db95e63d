import { readFile } from "node:fs/promises";
import { SpecError } from "../errors.js";
import { UnsupportedVersionError } from "./document-errors.js";
import { emitDocumentNotice } from "./document-notices.js";
import { documentUrl, scanRefs } from "./find-external-refs.js";
import { type OpenApiDocument, parseDocumentText } from "./parse-document-text.js";

// Parsing lives in parse-document-text.ts (the bundler needs it without this module); callers
// keep importing it from here.
export {
  detectSyntax,
  lineColumnAt,
  type OpenApiDocument,
  parseDocumentText,
} from "./parse-document-text.js";

/** The versions api-contracts reads, for messages. */
export const SUPPORTED_VERSIONS =
  "OpenAPI 3.0.x and 3.1.x, and Swagger 2.0 (converted to OpenAPI 3.0 when read)";

/** What a document's top level declares: OpenAPI 3.0/3.1, or Swagger 2.0 (to convert). */
export type DocumentKind = "openapi-3" | "swagger-2";

function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  return value === null ? "nothing (an empty value)" : `${String(value)} (a ${typeof value})`;
}

/**
 * Which kind of document `doc` is, from its top-level `openapi` or `swagger` field; anything else
 * is an {@link UnsupportedVersionError} naming the version found and the supported ones.
 */
export function documentKind(doc: OpenApiDocument, file: string): DocumentKind {
  const fix = `api-contracts reads ${SUPPORTED_VERSIONS}`;
  if ("openapi" in doc) {
    const version = doc.openapi;
    if (typeof version === "string" && /^3\.[01]\.\d/.test(version)) return "openapi-3";
    const hint =
      typeof version === "number"
        ? `; write the version as a string, such as openapi: "3.0.3" (YAML reads ${version} as a number)`
        : typeof version === "string" && /^3\.[01]$/.test(version)
          ? `; write the whole version, such as openapi: "${version}.0"`
          : "";
    throw new UnsupportedVersionError(
      `${file}: unsupported version: found openapi: ${shown(version)}; ${fix}${hint}`,
      file,
      "/openapi",
      `openapi: ${String(version)}`,
    );
  }
  if ("swagger" in doc) {
    const version = doc.swagger;
    // YAML reads an unquoted `swagger: 2.0` as the number 2.
    if (version === "2.0" || version === 2) return "swagger-2";
    throw new UnsupportedVersionError(
      `${file}: unsupported version: found swagger: ${shown(version)}; ${fix}; convert it to OpenAPI 3 first (for example with https://converter.swagger.io)`,
      file,
      "/swagger",
      `swagger: ${String(version)}`,
    );
  }
  throw new UnsupportedVersionError(
    `${file}: not an OpenAPI document: it has neither an 'openapi' nor a 'swagger' field at the top level; ${fix}; add 'openapi: 3.0.3' (or the version it follows) at the top`,
    file,
    undefined,
    undefined,
  );
}

function asObject(doc: unknown, file: string): OpenApiDocument {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new SpecError(
      `${file}: not an OpenAPI document (expected an object at the top level)`,
      file,
    );
  }
  return doc as OpenApiDocument;
}

/**
 * Parse text that must be an OpenAPI 3.0/3.1 document, with no references to other files followed
 * (a fenced block of a docs page). Files go through {@link loadOpenApiFile}, which also bundles
 * multi-file documents and converts Swagger 2.0.
 */
export function parseOpenApiText(text: string, file: string, lineOffset = 0): OpenApiDocument {
  const doc = asObject(parseDocumentText(text, file, lineOffset), file);
  if (documentKind(doc, file) === "swagger-2") {
    throw new UnsupportedVersionError(
      `${file}: a Swagger 2.0 document here is not converted; give it as a document of its own (kind 'openapi-document' in source.json, or a file given to codegen or diff), which is converted to OpenAPI 3.0 when read`,
      file,
      "/swagger",
      `swagger: ${String(doc.swagger)}`,
    );
  }
  return doc;
}

/** Where a document was read from, for {@link prepareOpenApiDocument}. */
export interface DocumentSource {
  /** Its path (or http(s) URL): references to other files resolve against it. */
  readonly file: string;
  /** How messages name it (default: `file`). */
  readonly label?: string;
}

/**
 * Turn a parsed document into the OpenAPI 3.0/3.1 document every command works on: the version
 * checked, references to other files bundled in (bundle-document.ts), Swagger 2.0 converted
 * (convert-swagger.ts, with a notice). A single-file OpenAPI 3 document is returned as it is, after
 * one walk that finds no external reference: neither the bundler nor the converter is loaded.
 */
export async function prepareOpenApiDocument(
  parsed: unknown,
  source: DocumentSource,
): Promise<OpenApiDocument> {
  const label = source.label ?? source.file;
  let doc = asObject(parsed, label);
  const kind = documentKind(doc, label);
  const url = documentUrl(source.file);
  const { external } = scanRefs(doc, url, label);
  if (external.length > 0) {
    const { bundleExternalRefs } = await import("./bundle-document.js");
    // Redocly recognises Swagger by the string "2.0" only.
    if (kind === "swagger-2") doc.swagger = "2.0";
    doc = await bundleExternalRefs(doc, { file: source.file, label }, external);
  }
  if (kind === "swagger-2") {
    const { convertSwagger2, conversionNotice } = await import("./convert-swagger.js");
    const converted = await convertSwagger2(doc, label);
    emitDocumentNotice(conversionNotice(label, converted.warnings));
    doc = converted.document;
  }
  return doc;
}

/**
 * Read an OpenAPI document from disk the one way every command does (`codegen`, `vendor`, `diff`,
 * `drift`, the contract suite): parsed, multi-file references bundled, Swagger 2.0 converted
 * (see {@link prepareOpenApiDocument}). An unreadable file is a {@link SpecError}.
 */
export async function loadOpenApiFile(file: string, label = file): Promise<OpenApiDocument> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new SpecError(
      `${label}: cannot read: ${(error as NodeJS.ErrnoException).code ?? error}`,
      label,
    );
  }
  return prepareOpenApiDocument(parseDocumentText(text, label), { file, label });
}
