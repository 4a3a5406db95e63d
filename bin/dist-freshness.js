/**
 * Whether dist/ was built from the current sources, read by the launcher (bin/api-contracts.js,
 * which refuses stale compiled code) and by scripts/build.mjs (which skips a build that is up to
 * date). scripts/build.mjs writes dist/build-stamp.json with the time each successful build
 * started; dist/ is fresh when no file or folder of src/ or generated/ changed after that time (a
 * folder changes when a file in it is added, moved or deleted). Plain JavaScript, shipped in bin/.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Folders compiled into dist/ (tsconfig.build.json's "include"). */
export const COMPILED_FOLDERS = ["src", "generated"];
/** Bounds for the walk, so that a stray symlink loop or a huge tree cannot hang it. */
const MAX_DEPTH = 24;
const MAX_FILES = 200_000;

/** When the build of `root`'s dist/ started (ms since the epoch), or undefined without a stamp. */
export function builtAt(root) {
  try {
    const { startedAt } = JSON.parse(readFileSync(join(root, "dist", "build-stamp.json"), "utf8"));
    return typeof startedAt === "number" ? startedAt : undefined;
  } catch {
    // No stamp (dist/ from an older build, or copied by hand): its freshness is unknown.
    return undefined;
  }
}

/**
 * The first `.ts` file or folder under `root`'s compiled folders written after `since`, as a path
 * relative to `root`; undefined when there is none.
 */
export function changedSince(root, since) {
  let seen = 0;
  const walk = (dir, depth) => {
    if (depth > MAX_DEPTH) return undefined;
    if (statSync(join(root, dir)).mtimeMs > since) return dir;
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (++seen > MAX_FILES) return undefined;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const changed = walk(path, depth + 1);
        if (changed !== undefined) return changed;
      } else if (entry.isFile() && entry.name.endsWith(".ts")) {
        if (statSync(join(root, path)).mtimeMs > since) return path;
      }
    }
    return undefined;
  };
  for (const folder of COMPILED_FOLDERS) {
    if (!existsSync(join(root, folder))) continue;
    const changed = walk(folder, 0);
    if (changed !== undefined) return changed;
  }
  return undefined;
}
