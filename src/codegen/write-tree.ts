/** Reading a folder of generated files, and replacing one without ever leaving it half-written. */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Files open at once while reading or writing a tree: a large API's output is hundreds of files
 * (validator chunks), which one at a time take half a second; unbounded, they could exhaust
 * file descriptors.
 */
const PARALLEL_FILES = 32;

/** Run `work` on every item, at most {@link PARALLEL_FILES} at a time. */
async function forEachFile<T>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_FILES, items.length) }, lane));
}

/** Every file under `dir` by path relative to it (with `/`), sorted; `{}` when `dir` is absent. */
export async function readTree(dir: string): Promise<Record<string, string>> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  const sorted = names.map((n) => n.split("\\").join("/")).sort();
  const texts = new Map<string, string>();
  await forEachFile(sorted, async (name) => {
    try {
      texts.set(name, await readFile(join(dir, name), "utf8"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EISDIR") throw error;
    }
  });
  const files: Record<string, string> = {};
  for (const name of sorted) {
    const text = texts.get(name);
    if (text !== undefined) files[name] = text;
  }
  return files;
}

/**
 * Make `dir` hold exactly `files` (paths relative to it): everything is written into a sibling
 * temporary folder first, which then replaces `dir` by rename. A failure while writing removes the
 * temporary folder and leaves `dir` untouched.
 */
export async function replaceDirectory(
  dir: string,
  files: Readonly<Record<string, string>>,
): Promise<void> {
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const temp = join(dirname(dir), `.${basename(dir)}.tmp-${suffix}`);
  const old = join(dirname(dir), `.${basename(dir)}.old-${suffix}`);
  try {
    await mkdir(temp, { recursive: true });
    const folders = new Set(Object.keys(files).map((name) => dirname(join(temp, name))));
    for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
    await forEachFile(Object.entries(files), ([name, text]) => writeFile(join(temp, name), text));
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  let moved = false;
  try {
    await rename(dir, old);
    moved = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
  }
  try {
    await rename(temp, dir);
  } catch (error) {
    if (moved) await rename(old, dir);
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  if (moved) await rm(old, { recursive: true, force: true });
}
