#!/usr/bin/env node
/**
 * The `api-contracts` command. It never runs stale compiled code, and needs no build step:
 * - in a checkout (src/cli/main.ts beside bin/) with tsx installed, it runs the TypeScript sources
 *   through tsx's ESM hooks, so a source edit or an API just generated into generated/ is used at once;
 * - in an installed package (no src/), it runs the compiled dist/src/cli/main.js;
 * - in a checkout without tsx (`npm ci --omit=dev`), it runs dist/ only when the last build
 *   started after every file of src/ and generated/ was written, else exits 2 saying what to run.
 * Plain JavaScript, so that it runs before anything is compiled.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const source = join(root, "src", "cli", "main.ts");
const compiled = join(root, "dist", "src", "cli", "main.js");
/** Written by scripts/build.mjs: when the last successful build started. */
const stamp = join(root, "dist", "build-stamp.json");
/** Folders compiled into dist/ (tsconfig.build.json's "include"). */
const compiledFolders = ["src", "generated"];
/** Bounds for the freshness walk, so that a stray symlink loop or a huge tree cannot hang it. */
const MAX_DEPTH = 24;
const MAX_FILES = 200_000;

/** Exit 2 with one line on stderr, no stack trace. */
function fail(message) {
  process.stderr.write(`api-contracts: ${message}\n`);
  process.exit(2);
}

/** The URL of tsx's ESM API (its ESM build: the CommonJS one registers the wrong hooks file), or undefined when tsx is not installed. */
function findTsx() {
  try {
    return import.meta.resolve("tsx/esm/api");
  } catch {
    return undefined;
  }
}

/** The newest `.ts` file under the compiled folders: { file, mtimeMs }, or undefined for none. */
function newestSource() {
  let newest;
  let seen = 0;
  const walk = (dir, depth) => {
    if (depth > MAX_DEPTH) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (++seen > MAX_FILES) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, depth + 1);
      else if (entry.isFile() && entry.name.endsWith(".ts")) {
        const { mtimeMs } = statSync(path);
        if (newest === undefined || mtimeMs > newest.mtimeMs) newest = { file: path, mtimeMs };
      }
    }
  };
  for (const folder of compiledFolders) {
    const dir = join(root, folder);
    if (existsSync(dir)) walk(dir, 0);
  }
  return newest;
}

/** Exits 2 unless dist/ was built from the current sources. */
function checkFresh() {
  const fix =
    "run `npm run build`, or install the dev dependencies (tsx runs the sources directly)";
  if (!existsSync(compiled)) fail(`there is no compiled code in dist/: ${fix}`);
  let startedAt;
  try {
    startedAt = JSON.parse(readFileSync(stamp, "utf8")).startedAt;
  } catch {
    // No stamp (dist/ from an older build, or copied by hand): its freshness is unknown.
  }
  if (typeof startedAt !== "number")
    fail(`compiled code in dist/ has no build stamp, so it may be older than src/: ${fix}`);
  const newest = newestSource();
  if (newest !== undefined && newest.mtimeMs > startedAt)
    fail(
      `compiled code in dist/ is older than src/ (${relative(root, newest.file)} changed after the last build): ${fix}`,
    );
}

let entry = compiled;
if (existsSync(source)) {
  const tsx = findTsx();
  if (tsx !== undefined) {
    const { register } = await import(tsx);
    register();
    entry = source;
  } else checkFresh();
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
