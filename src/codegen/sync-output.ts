/** Writing generated code to disk, or checking that disk already holds it (`--check`). */
import { basename, join, resolve } from "node:path";
import { apiIdFromTitle, assertApiId } from "../document/api-id.js";
import { readSpec } from "../document/discover-specs.js";
import { StrictWarningsError, UsageError } from "../errors.js";
import { diffTree, type TreeDiff } from "./diff-tree.js";
import type { Emitter } from "./emitter.js";
import { startParallelEmitters } from "./emitters.js";
import { hasFileHeader } from "./file-header.js";
import { type ApiWarning, generateAll } from "./generate-all.js";
import { generateApi } from "./generate-api.js";
import { defaultRuntimeImport } from "./runtime-import.js";
import { readTree, replaceDirectory } from "./write-tree.js";

/** What a codegen run did: the output folder, the files it holds, warnings, and (in check mode) the diff. */
export interface SyncResult {
  readonly outDir: string;
  readonly files: Readonly<Record<string, string>>;
  readonly warnings: readonly ApiWarning[];
  /** Present in check mode only; nothing is written then. */
  readonly diff?: TreeDiff;
}

/**
 * Run `work` with `given` emitters, or by default with {@link startParallelEmitters} (types in a
 * worker thread), started before `work` reads any document and closed after it.
 */
async function withEmitters<T>(
  given: readonly Emitter[] | undefined,
  work: (emitters: readonly Emitter[]) => Promise<T>,
): Promise<T> {
  if (given) return work(given);
  const parallel = startParallelEmitters();
  try {
    return await work(parallel.emitters);
  } finally {
    await parallel.close();
  }
}

/** Options of {@link syncRepository}. */
export interface SyncRepositoryOptions {
  readonly apis?: readonly string[];
  readonly check?: boolean;
  /** Any spec warning is a {@link StrictWarningsError} (exit 2) and nothing is written. */
  readonly strict?: boolean;
  readonly emitters?: readonly Emitter[];
}

/**
 * `api-contracts codegen [--check] [--api ID]`: regenerate `<root>/generated/` from
 * `<root>/specs/`, replacing the folder in one rename; with `check`, compare instead and write
 * nothing. A partial run (`apis`) leaves other APIs' folders as they are.
 */
export async function syncRepository(
  root: string,
  options: SyncRepositoryOptions = {},
): Promise<SyncResult> {
  const outDir = join(root, "generated");
  const tree = await withEmitters(options.emitters, (emitters) =>
    generateAll(root, { ...(options.apis ? { apis: options.apis } : {}), emitters }),
  );
  if (options.strict && tree.warnings.length > 0) {
    throw new StrictWarningsError(tree.warnings, tree.apis.join(", "));
  }
  const partial = tree.apis.length < tree.known.length;
  const inScope = (path: string): boolean =>
    !partial || path === "index.ts" || tree.apis.some((api) => path.startsWith(`${api}/`));
  const onDisk = await readTree(outDir);
  if (options.check) {
    const diff = diffTree(tree.files, onDisk, inScope);
    return { outDir, files: tree.files, warnings: tree.warnings, diff };
  }
  const kept = Object.entries(onDisk).filter(([path]) => !inScope(path));
  await replaceDirectory(outDir, { ...Object.fromEntries(kept), ...tree.files });
  return { outDir, files: tree.files, warnings: tree.warnings };
}

/** Options of {@link syncSpecFile}. */
export interface SyncSpecFileOptions {
  readonly spec: string;
  readonly out: string;
  /** Defaults to the kebab-case of `info.title`, else the file name. */
  readonly api?: string;
  /** Defaults to {@link defaultRuntimeImport} of `out`. */
  readonly runtimeImport?: string;
  readonly check?: boolean;
  /** Any spec warning is a {@link StrictWarningsError} (exit 2) and nothing is written. */
  readonly strict?: boolean;
  readonly emitters?: readonly Emitter[];
}

/**
 * `api-contracts codegen --spec FILE --out DIR`: the same files for one document outside this
 * layout, written flat into `out` (replaced in one rename). Refuses to replace a folder holding
 * files that codegen did not write.
 */
export async function syncSpecFile(options: SyncSpecFileOptions): Promise<SyncResult> {
  const outDir = resolve(options.out);
  const sourceFile = basename(options.spec);
  const { api, generated } = await withEmitters(options.emitters, async (emitters) => {
    const document = await readSpec(resolve(options.spec), options.spec);
    const info = document.info as { title?: unknown } | undefined;
    const api =
      options.api ??
      (typeof info?.title === "string" ? apiIdFromTitle(info.title) : undefined) ??
      apiIdFromTitle(sourceFile.replace(/\.[^.]*$/, "")) ??
      "api";
    assertApiId(api, options.api ? "--api" : "derived API id");
    const generated = await generateApi(document, {
      api,
      sourceFile,
      runtimeImport: options.runtimeImport ?? defaultRuntimeImport(outDir),
      emitters,
    });
    return { api, generated };
  });
  const warnings = generated.warnings.map((w) => ({ api, ...w }));
  if (options.strict && warnings.length > 0) throw new StrictWarningsError(warnings, options.spec);
  const onDisk = await readTree(outDir);
  if (options.check) {
    return { outDir, files: generated.files, warnings, diff: diffTree(generated.files, onDisk) };
  }
  const foreign = Object.keys(onDisk).filter((path) => !hasFileHeader(onDisk[path] ?? ""));
  if (foreign.length > 0) {
    throw new UsageError(
      `refusing to replace ${options.out}: it holds files codegen did not write (${foreign.slice(0, 3).join(", ")}${foreign.length > 3 ? ", …" : ""}); choose an empty or new folder`,
    );
  }
  await replaceDirectory(outDir, generated.files);
  return { outDir, files: generated.files, warnings };
}
