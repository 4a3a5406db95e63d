/**
 * The layer rules of `.dependency-cruiser.cjs` (run by `npm run lint`) catch an import that goes up
 * a layer: each case writes the smallest tree that shows it into a scratch folder and runs
 * dependency-cruiser there with the repo's own configuration.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, "../..");
const depcruise = join(repo, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");
const scratch = mkdtempSync(join(tmpdir(), "api-contracts-layers-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Lint a tree of `files`; the exit code and what dependency-cruiser printed. */
async function lint(name: string, files: Record<string, string>) {
  const root = join(scratch, name);
  const all = { "tsconfig.json": JSON.stringify({ compilerOptions: {} }), ...files };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  const args = [depcruise, "src", "--config", join(repo, ".dependency-cruiser.cjs")];
  return run(process.execPath, [...args, "--output-type", "err"], { cwd: root }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
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
          "src/codegen/b.ts": 'import "../spec/d.js";\n',
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
