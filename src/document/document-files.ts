/**
 * The files one document is made of: the root and every local file its `$ref`s reach, read within
 * the bundler's limits, named by their path relative to the folder that holds them all, so that
 * copying them side by side into `specs/<api>/upstream/` keeps every relative `$ref` working.
 * What `add --from FILE` copies. Remote references are not followed (nothing is fetched): reading
 * the copy then refuses them with the bundler's message (download the file, refer to it by path).
 */
import { readFile, stat } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { SpecError } from "../errors.js";
import { type BundleLimits, DEFAULT_BUNDLE_LIMITS } from "./bundle-document.js";
import { documentUrl, scanRefs } from "./find-external-refs.js";
import { parseDocumentText } from "./parse-document-text.js";

/** One file of a document, with its path relative to the common folder (`/`-separated). */
export interface DocumentFile {
  readonly path: string;
  readonly bytes: Buffer;
}

/** A document's files; `root` is the path of the root document among them. */
export interface DocumentFiles {
  readonly root: string;
  readonly files: readonly DocumentFile[];
}

async function readBounded(file: string, label: string, limits: BundleLimits): Promise<Buffer> {
  try {
    const { size } = await stat(file);
    if (size > limits.maxFileBytes) {
      throw new SpecError(
        `${label}: ${size} bytes, more than the ${limits.maxFileBytes}-byte limit on one document file`,
        label,
      );
    }
    return await readFile(file);
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw new SpecError(
      `${label}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path given to --from`,
      label,
    );
  }
}

function commonFolder(paths: readonly string[]): string {
  let common = dirname(paths[0] ?? ".");
  for (const path of paths) {
    while (relative(common, path).startsWith("..")) {
      const parent = dirname(common);
      if (parent === common) break;
      common = parent;
    }
  }
  return common;
}

/**
 * Read `file` and, transitively, every existing local file its `$ref`s name (a reference to a
 * missing file is left for the bundler to report where it is used). At most `limits.maxFiles`
 * files and `limits.maxTotalBytes` in all. @throws SpecError naming the file at fault
 */
export async function readDocumentFiles(
  file: string,
  limits: BundleLimits = DEFAULT_BUNDLE_LIMITS,
): Promise<DocumentFiles> {
  const rootPath = resolve(file);
  const read = new Map<string, Buffer>();
  const queue = [rootPath];
  let total = 0;
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (read.has(next)) continue;
    if (read.size > limits.maxFiles) {
      throw new SpecError(`${file}: references more than ${limits.maxFiles} files`, file);
    }
    const label = relative(process.cwd(), next) || next;
    if (next !== rootPath && !(await stat(next).catch(() => undefined))) continue;
    const bytes = await readBounded(next, label, limits);
    total += bytes.byteLength;
    if (total > limits.maxTotalBytes) {
      throw new SpecError(`${file}: its files hold more than ${limits.maxTotalBytes} bytes`, file);
    }
    read.set(next, bytes);
    const parsed = parseDocumentText(bytes.toString("utf8"), label);
    for (const found of scanRefs(parsed, documentUrl(next), label).external) {
      if (found.target.startsWith("file:")) queue.push(fileURLToPath(found.target));
    }
  }
  const base = commonFolder([...read.keys()]);
  const name = (path: string): string => relative(base, path).split(sep).join("/");
  return {
    root: name(rootPath),
    files: [...read].map(([path, bytes]) => ({ path: name(path), bytes })),
  };
}
