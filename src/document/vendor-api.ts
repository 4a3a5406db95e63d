import { randomBytes } from "node:crypto";
import { readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { SpecError, UnknownApiError } from "../errors.js";
import { buildVendoredDocument, type VendoredDocument } from "./build-vendored-document.js";
import { prepareSources } from "./prepare-sources.js";
import {
  parseSourceManifest,
  type SourceManifest,
  serializeSourceManifest,
} from "./source-manifest.js";

/** Where an API's vendored material lives: `<root>/specs/<api>/`. */
export function apiDir(root: string, api: string): string {
  return join(root, "specs", api);
}

/** API ids: the folders of `<root>/specs/`, sorted. */
export async function listApis(root: string): Promise<string[]> {
  try {
    const entries = await readdir(join(root, "specs"), { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** The APIs a command should act on: `requested`, or all when none; an unknown id is an {@link UnknownApiError}. */
export async function resolveApis(root: string, requested: readonly string[]): Promise<string[]> {
  const known = await listApis(root);
  if (requested.length === 0) return known;
  for (const api of requested) if (!known.includes(api)) throw new UnknownApiError(api, known);
  return [...new Set(requested)];
}

async function readOrFail(file: string, root: string, hint: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const shown = relative(root, file) || file;
    throw new SpecError(
      `${shown}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)}); ${hint}`,
      shown,
    );
  }
}

/** Read and validate `specs/<api>/source.json`; its `api` must equal the folder name. */
export async function readSourceManifest(root: string, api: string): Promise<SourceManifest> {
  const file = join(apiDir(root, api), "source.json");
  const shown = relative(root, file);
  const text = await readOrFail(file, root, "every folder in specs/ needs a source.json");
  const manifest = parseSourceManifest(text.toString("utf8"), shown);
  if (manifest.api !== api) {
    throw new SpecError(
      `${shown}: api is '${manifest.api}' but the folder is '${api}'; make them equal`,
      shown,
      "/api",
    );
  }
  return manifest;
}

/** An API's manifest, where its files are, and what its captured sources produce. */
export interface ApiBuild {
  readonly api: string;
  readonly manifest: SourceManifest;
  /** Paths relative to the root, for messages. */
  readonly manifestPath: string;
  readonly documentPath: string;
  readonly build: VendoredDocument;
}

/** Rebuild an API's vendored document in memory from `specs/<api>/upstream/` (offline). */
export async function buildApi(root: string, api: string): Promise<ApiBuild> {
  const manifest = await readSourceManifest(root, api);
  const dir = apiDir(root, api);
  const upstream = (file: string) => join(dir, "upstream", file);
  const texts = new Map<string, Buffer>();
  for (const source of manifest.sources) {
    const hint = `copy the upstream document (${source.url}) there byte-for-byte`;
    texts.set(source.file, await readOrFail(upstream(source.file), root, hint));
  }
  const manifestPath = relative(root, join(dir, "source.json"));
  const label = (file: string) => relative(root, upstream(file));
  // Whole documents are read like any other (references to other upstream/ files bundled).
  const prepared = await prepareSources(manifest, texts, (file) => ({
    file: upstream(file),
    label: label(file),
  }));
  const build = buildVendoredDocument(manifest, (file) => texts.get(file) ?? Buffer.alloc(0), {
    label,
    manifestFile: manifestPath,
    prepared,
  });
  return {
    api,
    manifest,
    manifestPath,
    documentPath: relative(root, join(dir, manifest.output)),
    build,
  };
}

/**
 * Write `text` to `file` so that readers never see a half-written file: write a temporary file in
 * the same folder, then rename it over the target (atomic on one filesystem).
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, text, "utf8");
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The manifest with each source's recorded sha256 and info.version set to what was observed. */
function recordObserved(manifest: SourceManifest, build: VendoredDocument): SourceManifest {
  return {
    ...manifest,
    sources: manifest.sources.map((source, i) => {
      const seen = build.sources[i];
      return seen ? { ...source, sha256: seen.sha256, infoVersion: seen.infoVersion } : source;
    }),
  };
}

/** What `writeVendored` did. */
export interface VendorResult {
  readonly api: string;
  readonly documentPath: string;
  readonly documentChanged: boolean;
  /** source.json was rewritten because an upstream copy's sha256 or info.version changed. */
  readonly manifestChanged: boolean;
  readonly ineffectivePatches: readonly string[];
}

/**
 * Write what {@link buildApi} produced: `specs/<api>/<output>`, atomically and only if it changed.
 * Also records in source.json the sha256 and info.version of upstream copies that were replaced.
 */
export async function writeVendored(root: string, built: ApiBuild): Promise<VendorResult> {
  const { api, manifest, build, documentPath, manifestPath } = built;
  const documentFile = join(root, documentPath);
  const documentChanged = (await readTextIfExists(documentFile)) !== build.text;
  if (documentChanged) await writeFileAtomic(documentFile, build.text);
  const manifestFile = join(root, manifestPath);
  const manifestText = serializeSourceManifest(recordObserved(manifest, build));
  const manifestChanged = (await readTextIfExists(manifestFile)) !== manifestText;
  if (manifestChanged) await writeFileAtomic(manifestFile, manifestText);
  return {
    api,
    documentPath,
    documentChanged,
    manifestChanged,
    ineffectivePatches: build.ineffectivePatches,
  };
}

/** 1-based number of the first line where two texts differ. */
function firstDifferingLine(a: string, b: string): number {
  const left = a.split("\n");
  const right = b.split("\n");
  let line = 0;
  while (line < left.length && line < right.length && left[line] === right[line]) line++;
  return line + 1;
}

/**
 * What `vendor --check` finds wrong with one API, as messages (empty = up to date): the vendored
 * document is missing or differs from what the captured sources produce, or an upstream copy's
 * sha256 or info.version is not what source.json records. Writes nothing.
 */
export async function checkApi(root: string, api: string): Promise<string[]> {
  const { manifest, build, documentPath } = await buildApi(root, api);
  const problems: string[] = [];
  const fix = `run 'api-contracts vendor ${api}'`;
  manifest.sources.forEach((source, i) => {
    const seen = build.sources[i];
    const copy = join("specs", api, "upstream", source.file);
    if (seen && seen.sha256 !== source.sha256) {
      problems.push(
        `${copy}: sha256 is ${seen.sha256}, source.json records ${source.sha256}; the upstream copy changed: ${fix} to record it, or restore the copy`,
      );
    }
    if (seen && seen.infoVersion !== source.infoVersion) {
      problems.push(
        `${copy}: info.version is '${seen.infoVersion}', source.json records '${source.infoVersion}'; ${fix} to record it`,
      );
    }
  });
  const current = await readTextIfExists(join(root, documentPath));
  if (current === undefined) {
    problems.push(`${documentPath} is missing; ${fix}`);
  } else if (current !== build.text) {
    problems.push(
      `${documentPath} differs from what its sources produce (first at line ${firstDifferingLine(current, build.text)}); vendored documents are not edited by hand: ${fix}, or add a patch to source.json`,
    );
  }
  return problems;
}
