/**
 * bin/api-contracts.js, the launcher, run as users run it (a child process) on scratch checkouts:
 * it runs the TypeScript sources when tsx is there (an edit is visible with no build), runs dist/
 * in an installed package, and without tsx runs dist/ only when it is not older than src/.
 */
import { execFile } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, "../..");
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "api-contracts-launcher-"));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Run the launcher of checkout `dir`; never throws: the test asserts on code and output. */
async function launch(dir: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(join(dir, "bin/api-contracts.js"), args, { cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** Write `text` to `dir/path`, creating folders. */
function put(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** A compiled CLI that says it ran, so that a test sees which code the launcher chose. */
const DIST_MAIN = `export async function main(argv) { process.stdout.write("dist ran " + argv.join(" ") + "\\n"); return 0; }\n`;

describe("in a checkout with tsx: the sources run, no build needed", () => {
  it("a source edit is visible at once, and a stale dist/ is not used", {
    timeout: 60_000,
  }, async () => {
    const dir = join(work, "with-tsx");
    for (const path of ["bin", "src", "generated", "package.json"])
      cpSync(join(repo, path), join(dir, path), { recursive: true });
    symlinkSync(join(repo, "node_modules"), join(dir, "node_modules"), "dir");
    // A dist/ that would run if chosen, stamped fresh: only the source mode explains not seeing it.
    put(dir, "dist/src/cli/main.js", DIST_MAIN);
    put(dir, "dist/build-stamp.json", JSON.stringify({ startedAt: Date.now() + 3_600_000 }));
    const main = join(dir, "src/cli/main.ts");
    const edited = readFileSync(main, "utf8").replace(
      "usage: api-contracts <command>",
      "usage: api-contracts (edited, unbuilt) <command>",
    );
    expect(edited).toContain("(edited, unbuilt)");
    writeFileSync(main, edited);

    const ran = await launch(dir, ["--help"]);
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain("usage: api-contracts (edited, unbuilt) <command>");
    expect(ran.stdout).not.toContain("dist ran");
  });
});

describe("without tsx: dist/ runs only when it is not older than src/ and generated/", () => {
  const BUILT_AT = Date.parse("2026-01-01T12:00:00Z");
  const before = new Date(BUILT_AT - 60_000);
  const after = new Date(BUILT_AT + 60_000);

  /** A checkout with no node_modules (so no tsx): a source tree, a dist/ and maybe a stamp. */
  function checkout(name: string, options: { stamp?: boolean; dist?: boolean; src?: boolean }) {
    const dir = join(work, name);
    cpSync(join(repo, "bin"), join(dir, "bin"), { recursive: true });
    put(dir, "package.json", JSON.stringify({ name: "api-contracts", type: "module" }));
    if (options.src !== false) {
      put(dir, "src/cli/main.ts", "export {};\n");
      put(dir, "src/runtime/money.ts", "export {};\n");
      put(dir, "generated/acme/types.ts", "export {};\n");
      // Files, then their folders (writing a file changes its folder): all before the build.
      for (const path of [
        "src/cli/main.ts",
        "src/runtime/money.ts",
        "generated/acme/types.ts",
        "src/cli",
        "src/runtime",
        "src",
        "generated/acme",
        "generated",
      ])
        utimesSync(join(dir, path), before, before);
    }
    if (options.dist !== false) put(dir, "dist/src/cli/main.js", DIST_MAIN);
    if (options.stamp !== false)
      put(dir, "dist/build-stamp.json", JSON.stringify({ startedAt: BUILT_AT }));
    return dir;
  }

  it.each<
    [
      string,
      {
        setup: (dir: string) => void;
        options?: Parameters<typeof checkout>[1];
        want: { code: number; stdout: string; stderr: RegExp };
      },
    ]
  >([
    [
      "built after every source file: dist runs",
      { setup: () => {}, want: { code: 0, stdout: "dist ran --version\n", stderr: /^$/ } },
    ],
    [
      "a source file written after the build: refused, naming it",
      {
        setup: (dir) => utimesSync(join(dir, "src/runtime/money.ts"), after, after),
        want: {
          code: 2,
          stdout: "",
          stderr:
            /^api-contracts: compiled code in dist\/ is older than src\/ \(src\/runtime\/money\.ts changed after the last build\): run `npm run build`/,
        },
      },
    ],
    [
      "a generated file written after the build (a new API): refused",
      {
        setup: (dir) => utimesSync(join(dir, "generated/acme/types.ts"), after, after),
        want: {
          code: 2,
          stdout: "",
          stderr: /generated\/acme\/types\.ts changed after the last build/,
        },
      },
    ],
    [
      "a source file deleted after the build (its module would live on in dist/): refused",
      {
        setup: (dir) => rmSync(join(dir, "src/runtime/money.ts")),
        want: {
          code: 2,
          stdout: "",
          stderr: /\(src\/runtime changed after the last build\)/,
        },
      },
    ],
    [
      "no build stamp: freshness unknown, refused",
      {
        setup: () => {},
        options: { stamp: false },
        want: { code: 2, stdout: "", stderr: /has no build stamp.*run `npm run build`/ },
      },
    ],
    [
      "no dist/ at all: refused",
      {
        setup: () => {},
        options: { dist: false },
        want: {
          code: 2,
          stdout: "",
          stderr: /there is no compiled code in dist\/: run `npm run build`/,
        },
      },
    ],
    [
      "an installed package (no src/): dist runs, no stamp needed",
      {
        setup: () => {},
        options: { src: false, stamp: false },
        want: { code: 0, stdout: "dist ran --version\n", stderr: /^$/ },
      },
    ],
  ])("%s", async (name, { setup, options, want }) => {
    const dir = checkout(name.replace(/\W+/g, "-"), options ?? {});
    setup(dir);
    const ran = await launch(dir, ["--version"]);
    expect(ran.stderr).toMatch(want.stderr);
    expect(ran.stdout).toBe(want.stdout);
    expect(ran.code).toBe(want.code);
    expect(ran.stderr).not.toMatch(/^\s+at /m);
  });
});
