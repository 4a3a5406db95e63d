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
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { builtAt, changedSince } from "./dist-freshness.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const source = join(root, "src", "cli", "main.ts");
const compiled = join(root, "dist", "src", "cli", "main.js");

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

/** Exits 2 unless dist/ was built from the current sources. */
function checkFresh() {
  const fix =
    "run `npm run build`, or install the dev dependencies (tsx runs the sources directly)";
  if (!existsSync(compiled)) fail(`there is no compiled code in dist/: ${fix}`);
  const startedAt = builtAt(root);
  if (startedAt === undefined)
    fail(`compiled code in dist/ has no build stamp, so it may be older than src/: ${fix}`);
  const changed = changedSince(root, startedAt);
  if (changed !== undefined)
    fail(
      `compiled code in dist/ is older than src/ (${changed} changed after the last build): ${fix}`,
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
