/**
 * scripts/build.mjs in checkouts without node_modules, so that TypeScript does not resolve: a
 * fresh dist/ is left as it is (no compiler needed), anything else reaches the compiler, which is
 * missing: as npm's `prepare` it builds nothing and says so (the launcher then refuses a stale
 * dist/); run by hand it fails. A real build is what `npm ci` runs; its stamp is read by
 * test/bin/api-contracts.test.ts and it is packed by test/package/.
 */
import { execFile } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "api-contracts-build-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const BUILT_AT = Date.parse("2026-01-01T12:00:00Z");
const STAMP = `${JSON.stringify({ startedAt: BUILT_AT })}\n`;

/** A checkout named `name`: the build script, one source file, and a dist/ built at BUILT_AT. */
function checkout(name: string, { dist = true }: { dist?: boolean } = {}): string {
  const dir = join(work, name);
  for (const file of ["scripts/build.mjs", "bin/dist-freshness.js"]) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(repo, file), join(dir, file));
  }
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "src/a.ts"), "export {};\n");
  const before = new Date(BUILT_AT - 60_000);
  for (const path of ["src/a.ts", "src"]) utimesSync(join(dir, path), before, before);
  if (dist) {
    mkdirSync(join(dir, "dist/src"), { recursive: true });
    writeFileSync(join(dir, "dist/build-stamp.json"), STAMP);
  }
  return dir;
}

async function build(dir: string, args: string[], lifecycle: string) {
  const env = { ...process.env, npm_lifecycle_event: lifecycle };
  return run(process.execPath, ["scripts/build.mjs", ...args], { cwd: dir, env }).then(
    (r) => ({ code: 0, stderr: r.stderr }),
    (e: { code?: number; stderr?: string }) => ({ code: e.code ?? -1, stderr: e.stderr ?? "" }),
  );
}

const NO_TYPESCRIPT = /^api-contracts: typescript is not installed: install the dev dependencies/;

describe("scripts/build.mjs", () => {
  it.each<
    [
      string,
      {
        given: (dir: string) => void;
        args?: string[];
        lifecycle?: string;
        want: { code: number; stderr: RegExp };
      },
    ]
  >([
    [
      "a fresh dist/: nothing to do, exit 0, no compiler needed",
      {
        given: () => {},
        want: {
          code: 0,
          stderr:
            /^api-contracts: dist\/ is up to date \(built 2026-01-01T12:00:00\.000Z.*--force rebuilds it\n$/,
        },
      },
    ],
    [
      "a source written after the build: compiles",
      {
        given: (dir) => utimesSync(join(dir, "src/a.ts"), new Date(), new Date()),
        want: { code: 2, stderr: NO_TYPESCRIPT },
      },
    ],
    [
      "a source deleted after the build: compiles (its module must leave dist/)",
      { given: (dir) => rmSync(join(dir, "src/a.ts")), want: { code: 2, stderr: NO_TYPESCRIPT } },
    ],
    [
      "--force on a fresh dist/: compiles",
      { given: () => {}, args: ["--force"], want: { code: 2, stderr: NO_TYPESCRIPT } },
    ],
    [
      "no dist/: compiles; as prepare without TypeScript, nothing built, exit 0, one line",
      {
        given: (dir) => rmSync(join(dir, "dist"), { recursive: true }),
        lifecycle: "prepare",
        want: {
          code: 0,
          stderr:
            /^api-contracts: typescript is not installed; dist\/ not rebuilt \(install the dev dependencies/,
        },
      },
    ],
    [
      "an unknown option: exit 2 naming it and the one option",
      {
        given: () => {},
        args: ["--al"],
        want: {
          code: 2,
          stderr: /^api-contracts build: unknown option '--al'; the one option is --force/,
        },
      },
    ],
  ])("%s", async (name, { given, args = [], lifecycle = "build", want }) => {
    const dir = checkout(name.replace(/\W+/g, "-"));
    given(dir);
    const ran = await build(dir, args, lifecycle);
    expect(ran.stderr).toMatch(want.stderr);
    expect(ran.code).toBe(want.code);
  });

  it("leaves a fresh dist/ exactly as it was", async () => {
    const dir = checkout("untouched");
    await build(dir, [], "build");
    expect(readFileSync(join(dir, "dist/build-stamp.json"), "utf8")).toBe(STAMP);
  });
});
