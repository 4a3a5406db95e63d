/**
 * The layer rules of `.dependency-cruiser.cjs` (run by `npm run lint`) catch an import that goes up
 * a layer: each case writes the smallest tree that shows it into a scratch folder and cruises it
 * with the repo's own configuration, through dependency-cruiser's API (what its CLI calls: the
 * options read from the configuration, the tsconfig, `cruise` with the `err` output and exit code).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { cruise } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { afterAll, describe, expect, it } from "vitest";
import { inDirectory } from "../support/working-directory.js";

const repo = resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "api-contracts-layers-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Lint a tree of `files`; the exit code and what dependency-cruiser reported. */
async function lint(name: string, files: Record<string, string>) {
  const root = join(scratch, name);
  const all = { "tsconfig.json": JSON.stringify({ compilerOptions: {} }), ...files };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  const options = await extractDepcruiseOptions(join(repo, ".dependency-cruiser.cjs"));
  // Paths in the rules and the tsconfig are relative to where lint runs: the tree's root.
  return inDirectory(root, async () => {
    const tsConfigFile = options.tsConfig?.fileName;
    const tsConfig = tsConfigFile === undefined ? undefined : extractTSConfig(tsConfigFile);
    const result = await cruise(["src"], { ...options, outputType: "err" }, undefined, {
      tsConfig,
    });
    return { code: result.exitCode, stdout: String(result.output) };
  });
}

describe("layer rules", () => {
  it.each([
    [
      "runtime importing the CLI",
      {
        given: { "src/runtime/a.ts": 'import "../cli/b.js";\n', "src/cli/b.ts": "export {};\n" },
        want: { code: 1, names: "src/runtime/a.ts → src/cli/b.ts" },
      },
    ],
    [
      "codegen importing the contract suite",
      {
        given: {
          "src/codegen/a.ts": 'import "../contract/b.js";\n',
          "src/contract/b.ts": "export {};\n",
        },
        want: { code: 1, names: "src/codegen/a.ts → src/contract/b.ts" },
      },
    ],
    [
      "drift importing codegen",
      {
        given: {
          "src/drift/a.ts": 'import "../codegen/b.js";\n',
          "src/codegen/b.ts": "export {};\n",
        },
        want: { code: 1, names: "src/drift/a.ts → src/codegen/b.ts" },
      },
    ],
    [
      "the CLI importing everything below it",
      {
        given: {
          "src/cli/a.ts": 'import "../codegen/b.js";\nimport "../contract/c.js";\n',
          "src/codegen/b.ts": 'import "../document/d.js";\n',
          "src/contract/c.ts": 'import "../runtime/e.js";\n',
          "src/document/d.ts": 'import "../runtime/e.js";\n',
          "src/runtime/e.ts": "export {};\n",
        },
        want: { code: 0, names: "" },
      },
    ],
  ])(
    "%s",
    async (name, { given, want }) => {
      const result = await lint(name.replace(/\W+/g, "-"), given);
      expect(result.code, result.stdout).toBe(want.code);
      if (want.names) expect(result.stdout).toContain(want.names);
    },
    60_000,
  );
});
