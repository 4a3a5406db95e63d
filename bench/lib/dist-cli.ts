/** The built CLI (`dist/src/cli/main.js`), which benchmarks run as users do. */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./bench-specs.js";

/** Path of the built CLI entry. */
export const DIST_CLI = join(REPO_ROOT, "dist/src/cli/main.js");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Throws when the CLI is not built; returns a warning when `src/` changed after the build (the
 * figures would then describe older code).
 */
export function checkDistCli(): string | undefined {
  if (!existsSync(DIST_CLI)) {
    throw new Error(`${DIST_CLI} is missing; run 'npm run build' before 'npm run bench'`);
  }
  const built = statSync(DIST_CLI).mtimeMs;
  const distSrc = newestMtime(join(REPO_ROOT, "dist/src"));
  if (newestMtime(join(REPO_ROOT, "src")) > Math.max(built, distSrc)) {
    return "src/ changed after the last build; run 'npm run build' for figures of the current code";
  }
  return undefined;
}
