import { SpecError } from "../errors.js";
import { toPointer } from "../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import type { DocumentPatch } from "./apply-patches.js";
import { parseDocumentText } from "./load-document.js";
import type { Selection } from "./select-operations.js";

/** Kinds of upstream source: a whole OpenAPI document, or a docs page with the spec in a fence. */
export type SourceKind = "openapi-document" | "docs-page";

/** One upstream document an API is vendored from. */
export interface SourceEntry {
  /** `openapi-document`: the file is the document. `docs-page`: the spec is a fenced block in it. */
  readonly kind: SourceKind;
  /**
   * Where the upstream publishes it (for `pull`/`drift`; vendoring itself never fetches): an
   * https URL, or for a document added from a file, that file's path (relative to the root).
   */
  readonly url: string;
  /** Path of the byte-for-byte copy, relative to `specs/<api>/upstream/`. */
  readonly file: string;
  /** sha256 (hex) of that copy; `vendor --check` fails when the copy no longer matches. */
  readonly sha256: string;
  /** The copy's `info.version`, recorded so that a reviewer sees which upstream revision it is. */
  readonly infoVersion: string;
  /** Operations to keep; omitted = the whole document. */
  readonly selection?: Selection;
}

/**
 * `specs/<api>/source.json`: how the vendored document of one API is built, offline, from the
 * copies in `specs/<api>/upstream/`. Example:
 * ```json
 * { "api": "gcore-billing", "output": "openapi.yaml",
 *   "sources": [{ "kind": "openapi-document", "url": "https://…/billing_reseller_api.yaml",
 *                 "file": "billing_reseller_api.yaml", "sha256": "…", "infoVersion": "2026-…",
 *                 "selection": { "tags": ["erp-invoices"] } }],
 *   "patches": [{ "reason": "…", "mergePatch": { "components": { … } } }] }
 * ```
 * Pipeline: each source is parsed (extracted from its page) and cut to its selection; several
 * sources are merged (see mergeDocuments); then `patches` apply in order; then the result is
 * serialised to `output`.
 */
export interface SourceManifest {
  /** Free text for readers of the JSON file; ignored by the pipeline. */
  readonly $comment?: string;
  /** API id; equals the folder name under `specs/`. */
  readonly api: string;
  /** File name of the vendored document in `specs/<api>/`: `openapi.yaml`, `openapi.yml` or `openapi.json`. */
  readonly output: string;
  readonly sources: readonly SourceEntry[];
  /** Corrections applied after merge and selection, each with its reason. */
  readonly patches?: readonly DocumentPatch[];
}

/** Validates one value of a manifest, throwing a SpecError that names the file and the pointer. */
class ManifestReader {
  constructor(readonly file: string) {}

  fail(tokens: readonly (string | number)[], expected: string): never {
    const pointer = toPointer(tokens);
    throw new SpecError(
      `${this.file}: ${pointer || "the top level"} must be ${expected}; see the SourceManifest doc comment in src/document/source-manifest.ts`,
      this.file,
      pointer,
    );
  }

  object(value: unknown, tokens: (string | number)[], allowed: readonly string[]): JsonObject {
    if (!isJsonObject(value)) this.fail(tokens, "an object");
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key))
        this.fail([...tokens, key], `absent (allowed: ${allowed.join(", ")})`);
    }
    return value;
  }

  string(value: unknown, tokens: (string | number)[], pattern?: RegExp, expected?: string): string {
    if (typeof value !== "string" || value === "" || (pattern && !pattern.test(value))) {
      this.fail(tokens, expected ?? "a non-empty string");
    }
    return value;
  }

  strings(value: unknown, tokens: (string | number)[]): string[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) this.fail(tokens, "an array of strings");
    return value.map((item, i) => this.string(item, [...tokens, i]));
  }
}

// A relative path inside upstream/: no absolute paths, no `..`, no backslashes.
const RELATIVE_FILE = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\\]+$/;

/**
 * Parse and validate the text of a source.json. JSON syntax errors name the file and line; a wrong
 * or unknown field names the file and its JSON Pointer. Key order is kept, so that rewriting the
 * manifest (with {@link serializeSourceManifest}) changes only what changed.
 */
export function parseSourceManifest(text: string, file: string): SourceManifest {
  const raw = parseDocumentText(text, file);
  const r: ManifestReader = new ManifestReader(file);
  const top = r.object(raw, [], ["$comment", "api", "output", "sources", "patches"]);
  if (top.$comment !== undefined) r.string(top.$comment, ["$comment"]);
  r.string(top.api, ["api"], /^[a-z0-9][a-z0-9-]*$/, "a lower-case API id like 'gcore-billing'");
  r.string(
    top.output,
    ["output"],
    /^openapi\.(?:json|ya?ml)$/,
    "openapi.json, openapi.yaml or openapi.yml",
  );
  if (!Array.isArray(top.sources) || top.sources.length === 0)
    r.fail(["sources"], "a non-empty array");
  top.sources.forEach((value, i) => {
    const at = ["sources", i];
    const source = r.object(value, at, [
      "kind",
      "url",
      "file",
      "sha256",
      "infoVersion",
      "selection",
    ]);
    r.string(
      source.kind,
      [...at, "kind"],
      /^(?:openapi-document|docs-page)$/,
      "'openapi-document' or 'docs-page'",
    );
    // A local path (no scheme) records a document added from a file (`add --from FILE`).
    r.string(
      source.url,
      [...at, "url"],
      /^https:\/\/|^(?![a-z][a-z0-9+.-]*:)/i,
      "an https:// URL, or the path of the local file the document was added from",
    );
    r.string(
      source.file,
      [...at, "file"],
      RELATIVE_FILE,
      "a relative path inside upstream/ (no '..')",
    );
    r.string(source.sha256, [...at, "sha256"], /^[0-9a-f]{64}$/, "64 lower-case hex digits");
    r.string(source.infoVersion, [...at, "infoVersion"]);
    if (source.selection !== undefined) {
      const selection = r.object(
        source.selection,
        [...at, "selection"],
        ["tags", "operationIds", "paths"],
      );
      for (const key of ["tags", "operationIds", "paths"]) {
        r.strings(selection[key], [...at, "selection", key]);
      }
    }
  });
  if (top.patches !== undefined) {
    if (!Array.isArray(top.patches)) r.fail(["patches"], "an array");
    top.patches.forEach((value, i) => {
      const patch = r.object(value, ["patches", i], ["reason", "mergePatch"]);
      r.string(patch.reason, ["patches", i, "reason"]);
      if (!isJsonObject(patch.mergePatch))
        r.fail(["patches", i, "mergePatch"], "an object (an RFC 7396 merge patch)");
    });
  }
  return top as unknown as SourceManifest;
}

/** Text of a source.json: 2-space JSON with a trailing newline, keys in the manifest's own order. */
export function serializeSourceManifest(manifest: SourceManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
