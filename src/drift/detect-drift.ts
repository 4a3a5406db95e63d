import { join } from "node:path";
import {
  buildVendoredDocument,
  type VendoredDocument,
} from "../document/build-vendored-document.js";
import { loadOpenApiFile } from "../document/load-document.js";
import { prepareSources } from "../document/prepare-sources.js";
import type { SourceManifest } from "../document/source-manifest.js";
import { apiDir, readSourceManifest } from "../document/vendor-api.js";
import type { Change } from "./change.js";
import { diffDocuments } from "./diff-documents.js";
import {
  applyPolicy,
  type DiffPolicy,
  EMPTY_POLICY,
  type IgnoreEntry,
  mergePolicies,
} from "./diff-policy.js";
import {
  DEFAULT_FETCH_LIMITS,
  type FetchLimits,
  fetchUpstream,
  sourceLocation,
} from "./fetch-upstream.js";
import { apiIgnoreFile } from "./ignore-file-location.js";

/** Where upstream documents are read from, and within which bounds. */
export interface UpstreamOptions {
  /** A folder or base URL serving the documents under their `specs/<api>/upstream/` file names. */
  readonly from?: string;
  readonly limits?: FetchLimits;
}

/** An API's upstream documents, freshly read, and the vendored document they rebuild to. */
export interface FetchedApi {
  readonly api: string;
  readonly manifest: SourceManifest;
  /** Relative to the root. */
  readonly manifestPath: string;
  readonly documentPath: string;
  /** Bytes read, by the source's file name. */
  readonly texts: ReadonlyMap<string, Uint8Array>;
  /** Where each source was read, by file name. */
  readonly locations: ReadonlyMap<string, string>;
  readonly build: VendoredDocument;
}

/**
 * Read an API's upstream documents (from the URLs in source.json, or `from`) and rebuild its
 * vendored document exactly as `vendor` does (extraction, selection, merge, patches), in memory.
 */
export async function fetchApi(
  root: string,
  api: string,
  options: UpstreamOptions = {},
): Promise<FetchedApi> {
  const manifest = await readSourceManifest(root, api);
  const texts = new Map<string, Uint8Array>();
  const locations = new Map<string, string>();
  for (const source of manifest.sources) {
    const location = sourceLocation(source, options.from);
    locations.set(source.file, location);
    texts.set(source.file, await fetchUpstream(location, options.limits ?? DEFAULT_FETCH_LIMITS));
  }
  const manifestPath = join("specs", api, "source.json");
  const label = (file: string) => locations.get(file) ?? file;
  const prepared = await prepareSources(manifest, texts, (file) => ({
    file: label(file),
    label: label(file),
  }));
  const build = buildVendoredDocument(manifest, (file) => texts.get(file) ?? new Uint8Array(), {
    label,
    manifestFile: manifestPath,
    prepared,
  });
  return {
    api,
    manifest,
    manifestPath,
    documentPath: join("specs", api, manifest.output),
    texts,
    locations,
    build,
  };
}

/** What upstream changed, for one API, classified against the vendored document. */
export interface DriftResult {
  readonly api: string;
  /** With the API's ignore file (and `policy`) applied: accepted changes are marked, not dropped. */
  readonly changes: Change[];
  readonly fetched: FetchedApi;
  /** Ignore entries that matched no change: stale, to be deleted. */
  readonly unusedIgnores: readonly IgnoreEntry[];
}

/**
 * Diff the vendored `specs/<api>/<output>` (OLD) against what upstream rebuilds to now (NEW).
 * An `info.version`-only regeneration upstream is no change. The API's ignore file
 * (`specs/<api>/diff-ignore.yaml`, when present) and `options.policy` are applied.
 */
export async function detectDrift(
  root: string,
  api: string,
  options: UpstreamOptions & { readonly policy?: DiffPolicy } = {},
): Promise<DriftResult> {
  const fetched = await fetchApi(root, api, options);
  const vendored = await loadOpenApiFile(join(apiDir(root, api), fetched.manifest.output));
  const upstream = [...fetched.locations.values()].join(", ");
  const changes = diffDocuments(vendored, fetched.build.document, {
    oldSource: fetched.documentPath,
    newSource: upstream,
  });
  const policy = mergePolicies(await apiIgnoreFile(root, api), options.policy ?? EMPTY_POLICY);
  const applied = applyPolicy(changes, policy);
  return { api, changes: applied.changes, fetched, unusedIgnores: applied.unused };
}
