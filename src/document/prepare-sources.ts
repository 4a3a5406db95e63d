/**
 * The whole-document sources of a manifest read the way every command reads a document
 * (load-document.ts): multi-file references bundled, Swagger 2.0 converted. `vendor` and `drift`
 * hand the result to the pure vendoring pipeline (`BuildOptions.prepared`).
 */
import {
  type OpenApiDocument,
  parseDocumentText,
  prepareOpenApiDocument,
} from "./load-document.js";
import type { SourceManifest } from "./source-manifest.js";

/** Where a source was read: its path or URL (references resolve against it) and its label. */
export interface SourcePlace {
  readonly file: string;
  readonly label: string;
}

/**
 * Each `openapi-document` source of `manifest` parsed and prepared, by file as written in
 * source.json; `texts` are the bytes read, `place(file)` where they were read.
 */
export async function prepareSources(
  manifest: SourceManifest,
  texts: ReadonlyMap<string, string | Uint8Array>,
  place: (file: string) => SourcePlace,
): Promise<Map<string, OpenApiDocument>> {
  const prepared = new Map<string, OpenApiDocument>();
  for (const source of manifest.sources) {
    if (source.kind === "docs-page") continue;
    const content = texts.get(source.file);
    if (content === undefined) continue;
    const text = typeof content === "string" ? content : new TextDecoder().decode(content);
    const { file, label } = place(source.file);
    prepared.set(
      source.file,
      await prepareOpenApiDocument(parseDocumentText(text, label), { file, label }),
    );
  }
  return prepared;
}
