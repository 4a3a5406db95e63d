/**
 * `npm run build`: compile src/ and generated/ into dist/ with tsc, then write
 * dist/build-stamp.json with the time the build started (bin/dist-freshness.js reads it).
 * - Nothing to do when dist/ is fresh (no file or folder of src/ or generated/ changed since the
 *   last build started): it says so and exits 0; `--force` builds anyway. `npm ci` builds once
 *   (as `prepare`); packing the package afterwards (`npm pack`, test/package/) reuses that build.
 * - tsc writes into a staging folder; dist/ is replaced only after it succeeded, and whole (a
 *   module deleted or moved in src/ does not live on in dist/).
 * As `prepare` of `npm ci --omit=dev` (no TypeScript installed) it builds nothing and says so.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { builtAt, COMPILED_FOLDERS, changedSince } from "../bin/dist-freshness.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== "--force");
if (unknown.length > 0) {
  process.stderr.write(
    `api-contracts build: unknown option '${unknown[0]}'; the one option is --force (build even when dist/ is fresh)\n`,
  );
  process.exit(2);
}
const startedAt = Date.now();

const previous = builtAt(root);
if (
  !args.includes("--force") &&
  previous !== undefined &&
  existsSync(join(root, "dist", "src")) &&
  changedSince(root, previous) === undefined
) {
  process.stderr.write(
    `api-contracts: dist/ is up to date (built ${new Date(previous).toISOString()}, nothing in src/ or generated/ changed since); npm run build -- --force rebuilds it\n`,
  );
  process.exit(0);
}

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
} catch {
  const fix = "install the dev dependencies (`npm ci`) to build";
  if (process.env.npm_lifecycle_event === "prepare") {
    process.stderr.write(
      `api-contracts: typescript is not installed; dist/ not rebuilt (${fix})\n`,
    );
    process.exit(0);
  }
  process.stderr.write(`api-contracts: typescript is not installed: ${fix}\n`);
  process.exit(2);
}

const staging = join(root, ".tmp", `build-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
const built = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", staging], {
  cwd: root,
  stdio: "inherit",
});
if (built.status === 0) {
  rmSync(join(root, "dist"), { recursive: true, force: true });
  mkdirSync(join(root, "dist"), { recursive: true });
  for (const folder of COMPILED_FOLDERS) {
    if (existsSync(join(staging, folder)))
      renameSync(join(staging, folder), join(root, "dist", folder));
  }
  writeFileSync(join(root, "dist", "build-stamp.json"), `${JSON.stringify({ startedAt })}\n`);
}
rmSync(staging, { recursive: true, force: true });
process.exit(built.status ?? 1);
