import { extname } from "node:path";
import jsYaml from "js-yaml";
import type { OpenApiDocument } from "./load-document.js";

/** First line of every vendored YAML document (JSON has no comments, so JSON documents go without). */
export const VENDORED_YAML_HEADER =
  "# Vendored by 'api-contracts vendor' from source.json and upstream/; do not edit by hand.\n";

/**
 * Deterministic text of a vendored document, chosen by `fileName`'s extension. JSON: 2-space indent
 * and a trailing newline. YAML: js-yaml with no line folding, no anchors, and the document's own key
 * order (never sorted: readers expect `openapi`, `info`, `paths`, … in the upstream's order). Strings
 * another YAML reader could take for a date, number or boolean are quoted, since the default schema
 * is used for dumping.
 */
export function serializeDocument(document: OpenApiDocument, fileName: string): string {
  const ext = extname(fileName).toLowerCase();
  if (ext === ".json") return `${JSON.stringify(document, null, 2)}\n`;
  const body = jsYaml.dump(document, {
    indent: 2,
    lineWidth: -1,
    noRefs: true,
    sortKeys: false,
    quotingType: "'",
    forceQuotes: false,
  });
  return `${VENDORED_YAML_HEADER}${body}`;
}
