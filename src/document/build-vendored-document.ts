import { createHash } from "node:crypto";
import { applyPatches } from "./apply-patches.js";
import { assertRefsResolve } from "./collect-refs.js";
import { extractFencedSpec } from "./extract-fenced-spec.js";
import { type OpenApiDocument, parseOpenApiText } from "./load-document.js";
import { mergeDocuments, type NamedDocument } from "./merge-documents.js";
import { selectOperations } from "./select-operations.js";
import { serializeDocument } from "./serialize-document.js";
import type { SourceEntry, SourceManifest } from "./source-manifest.js";

/** What a source's copy actually is, to compare with what source.json records. */
export interface ObservedSource {
  readonly file: string;
  readonly sha256: string;
  readonly infoVersion: string;
}

/** Result of {@link buildVendoredDocument}. */
export interface VendoredDocument {
  /** The vendored document: sources parsed, selected, merged, then patched. */
  readonly document: OpenApiDocument;
  /** The same before `patches` applied: what upstream itself says. */
  readonly unpatched: OpenApiDocument;
  /** `document` serialised for `manifest.output`: the exact bytes `vendor` writes. */
  readonly text: string;
  /** sha256 and info.version of each source text, in manifest order. */
  readonly sources: readonly ObservedSource[];
  /** Reasons of patches that changed nothing (upstream may have fixed what they correct). */
  readonly ineffectivePatches: readonly string[];
}

/** Options for {@link buildVendoredDocument}. */
export interface BuildOptions {
  /** How error messages name a source file (default: as written in source.json). */
  readonly label?: (file: string) => string;
  /** How error messages name the manifest (default: `source.json`). */
  readonly manifestFile?: string;
  /**
   * Whole-document sources already read by `prepareOpenApiDocument` (multi-file references
   * bundled, Swagger 2.0 converted), by file as written in source.json: used instead of parsing
   * their text, which still gives the recorded sha256.
   */
  readonly prepared?: ReadonlyMap<string, OpenApiDocument>;
}

/** Lower-case hex sha256 of a text (as UTF-8) or of raw bytes. */
export function sha256Hex(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * Parse one source: a whole document, or the fenced spec of a docs page; then cut it to its
 * selection, if any. Every `$ref` of what is kept must resolve within the source itself.
 */
export function parseSource(
  source: SourceEntry,
  text: string,
  label: string,
  prepared?: OpenApiDocument,
): OpenApiDocument {
  const parsed =
    prepared ??
    (source.kind === "docs-page" ? extractFencedSpec(text, label) : parseOpenApiText(text, label));
  if (source.selection !== undefined) return selectOperations(parsed, source.selection, label);
  assertRefsResolve(parsed, label);
  return parsed;
}

/**
 * The vendoring pipeline, pure: texts come from `readSource(file)` (`file` as written in
 * source.json), nothing touches the filesystem or the network. Extract/parse each source, select,
 * merge, patch, serialise. Used by `vendor` (on the copies in `specs/<api>/upstream/`) and by drift
 * detection (on freshly fetched texts). Bad input is a {@link SpecError} naming file and line/pointer.
 */
export function buildVendoredDocument(
  manifest: SourceManifest,
  readSource: (file: string) => string | Uint8Array,
  options: BuildOptions = {},
): VendoredDocument {
  const label = options.label ?? ((file: string) => file);
  const manifestFile = options.manifestFile ?? "source.json";
  const named: NamedDocument[] = [];
  const sources: ObservedSource[] = [];
  for (const source of manifest.sources) {
    const content = readSource(source.file);
    const text = typeof content === "string" ? content : new TextDecoder().decode(content);
    const document = parseSource(
      source,
      text,
      label(source.file),
      options.prepared?.get(source.file),
    );
    const info = document.info as Record<string, unknown> | undefined;
    sources.push({
      file: source.file,
      sha256: sha256Hex(content),
      infoVersion: String(info?.version ?? ""),
    });
    named.push({ file: label(source.file), document });
  }
  const unpatched = mergeDocuments(named);
  const patched = applyPatches(unpatched, manifest.patches ?? [], manifestFile);
  // Patches may add references (say, a security requirement): they must resolve too.
  assertRefsResolve(patched.document, manifestFile);
  return {
    document: patched.document,
    unpatched,
    text: serializeDocument(patched.document, manifest.output),
    sources,
    ineffectivePatches: patched.ineffective,
  };
}
