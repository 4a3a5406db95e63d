/**
 * scripts/build.mjs where TypeScript is not installed (a checkout after `npm ci --omit=dev`): as
 * npm's `prepare` it builds nothing and says so (the launcher then refuses a stale dist/); run by
 * hand it fails. The stamp it writes after a real build is covered by test/bin/api-contracts.test.ts.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, "../..");
// A checkout without node_modules: typescript does not resolve from here.
const dir = mkdtempSync(join(tmpdir(), "api-contracts-build-"));
cpSync(join(repo, "scripts/build.mjs"), join(dir, "scripts/build.mjs"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("scripts/build.mjs without TypeScript", () => {
  it.each<[string, { lifecycle: string | undefined; code: number; stderr: RegExp }]>([
    [
      "as prepare: nothing built, exit 0, one line",
      {
        lifecycle: "prepare",
        code: 0,
        stderr:
          /^api-contracts: typescript is not installed; dist\/ not rebuilt \(install the dev dependencies/,
      },
    ],
    [
      "run by hand: exit 2",
      {
        lifecycle: "build",
        code: 2,
        stderr: /^api-contracts: typescript is not installed: install the dev dependencies/,
      },
    ],
  ])("%s", async (_name, { lifecycle, code, stderr }) => {
    const env = { ...process.env, npm_lifecycle_event: lifecycle };
    const ran = await run(process.execPath, ["scripts/build.mjs"], { cwd: dir, env }).then(
      (r) => ({ code: 0, stderr: r.stderr }),
      (e: { code?: number; stderr?: string }) => ({ code: e.code ?? -1, stderr: e.stderr ?? "" }),
    );
    expect(ran.stderr).toMatch(stderr);
    expect(ran.code).toBe(code);
    expect(existsSync(join(dir, "dist"))).toBe(false);
  });
});
