/**
 * Each saved failure as a runnable vitest file (the reproducer): it loads the API through a
 * loader module (default: the contract suite's load-api, for generated APIs), sends the exact
 * saved request to `API_CONTRACTS_REPRODUCER_BASE_URL` or the recorded base URL, and expects its
 * check to pass: it fails while the defect is there and passes once it is fixed.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { SavedFailure } from "./saved-failure.js";

/** The file name ending of reproducers (what vitest's `include` must match). */
export const REPRODUCER_SUFFIX = ".repro.test.mjs";

/** Where the replay function and the API loader are imported from. */
export interface ReproducerModules {
  /** Module exporting `reproduceSavedFailure` (replay-saved-failure.ts, or its built .js). */
  readonly replay: string;
  /** Module exporting `loadApi(api)` resolving to `{ index, validators, document }`. */
  readonly loader: string;
}

/** The default modules: this package's own, next to this file. */
export function defaultReproducerModules(): ReproducerModules {
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  return {
    replay: new URL(`./replay-saved-failure${ext}`, import.meta.url).href,
    loader: new URL(`../load-api${ext}`, import.meta.url).href,
  };
}

const safe = (text: string): string => text.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 100);

/** The text of one reproducer. */
export function reproducerSource(failure: SavedFailure, modules: ReproducerModules): string {
  const title = `${failure.operation}: ${failure.check} (${failure.mode}, seed ${failure.seed})`;
  const toHref = (module: string) =>
    /^[a-z]+:/.test(module) ? module : pathToFileURL(module).href;
  return [
    `// Reproducer written by api-contracts: ${JSON.stringify(failure.message)}`,
    `// Run: npx vitest run <this file>; ${"API_CONTRACTS_REPRODUCER_BASE_URL"} overrides ${failure.baseUrl}.`,
    `import { expect, it } from "vitest";`,
    `import { reproduceSavedFailure } from ${JSON.stringify(toHref(modules.replay))};`,
    `import { loadApi } from ${JSON.stringify(toHref(modules.loader))};`,
    "",
    `const failure = ${JSON.stringify(failure, null, 2)};`,
    "",
    `it(${JSON.stringify(title)}, async () => {`,
    "  const api = await loadApi(failure.api);",
    "  expect(await reproduceSavedFailure(failure, api)).toEqual([]);",
    "});",
    "",
  ].join("\n");
}

/** Write one reproducer per failure under `dir/<api>/`; returns the files written. */
export async function writeReproducers(
  dir: string,
  failures: readonly SavedFailure[],
  modules: ReproducerModules = defaultReproducerModules(),
): Promise<string[]> {
  const files: string[] = [];
  for (const failure of failures) {
    const folder = join(dir, safe(failure.api));
    await mkdir(folder, { recursive: true });
    const file = join(
      folder,
      `${safe(`${failure.operation}.${failure.mode}.${failure.check}`)}${REPRODUCER_SUFFIX}`,
    );
    await writeFile(file, reproducerSource(failure, modules));
    files.push(file);
  }
  return files;
}
