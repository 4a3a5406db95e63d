/** Test helper: how a test runs the CLI in a child process of its own. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { builtAt, changedSince } from "../../bin/dist-freshness.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const COMPILED = join(ROOT, "dist/src/cli/main.js");
const SOURCE = join(ROOT, "src/cli/main.ts");

/**
 * `node` arguments that run the CLI's `main` in a fresh process: the compiled
 * dist/src/cli/main.js when dist/ was built from the current sources (the check the launcher
 * makes, bin/dist-freshness.js), else src/cli/main.ts through tsx. The same code either way; the
 * compiled one runs a contract suite on about two thirds of the CPU (no tsx, and the run's own
 * vitest transforms JavaScript), and is what a fresh clone has once `npm ci` built dist/.
 */
export function cliNodeArgs(): string[] {
  const stamp = builtAt(ROOT);
  const fresh =
    stamp !== undefined && existsSync(COMPILED) && changedSince(ROOT, stamp) === undefined;
  return fresh ? [COMPILED] : ["--import", "tsx", SOURCE];
}
