/**
 * The package as a consumer gets it, for test/package/: pack it, install it into a scratch project
 * offline (consumer-lockfile.ts), run commands there, and read the README's examples.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect } from "vitest";
import { consumerLockfile } from "./consumer-lockfile.js";

const run = promisify(execFile);

/** Run a command; never throws: the test asserts on the exit code and output. */
export async function exec(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(file, args, {
      cwd,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === "number" ? e.code : 1,
      stdout: e.stdout ?? "",
      stderr: e.stderr ?? "",
    };
  }
}

/**
 * Pack the package at `repo` into `into` (npm runs `prepare` first: the build, a no-op when dist/ is
 * fresh, as after `npm ci`); the tarball path.
 */
export async function packPackage(repo: string, into: string): Promise<string> {
  const packed = await exec("npm", ["pack", "--pack-destination", into], repo);
  expect(packed.code, packed.stderr).toBe(0);
  return join(into, packed.stdout.trim().split("\n").at(-1) ?? "");
}

/**
 * A consumer project at `dir` (a sibling of `tarball`) with the packed package and `extra`
 * packages installed by `npm ci --offline --omit=dev` from a lockfile cut from `repo`'s: optional
 * peers (the codegen tools) are not installed unless named in `extra`.
 */
export async function installConsumer(
  repo: string,
  tarball: string,
  dir: string,
  extra: readonly string[],
): Promise<string> {
  mkdirSync(dir);
  const { manifest, lockfile } = consumerLockfile(join(repo, "package-lock.json"), tarball, extra);
  writeFileSync(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lockfile, null, 2));
  const installed = await exec(
    "npm",
    ["ci", "--offline", "--omit=dev", "--no-audit", "--no-fund", "--ignore-scripts"],
    dir,
  );
  expect(installed.code, `npm ci --offline failed: ${installed.stderr}`).toBe(0);
  return dir;
}

/** The ```ts blocks of a Markdown file, each with the file line of its first line of code. */
export function readmeBlocks(file: string): { line: number; code: string }[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const blocks: { line: number; code: string }[] = [];
  let start: number | undefined;
  lines.forEach((text, i) => {
    if (start === undefined && text.trim() === "```ts") start = i + 1;
    else if (start !== undefined && text.trim() === "```") {
      blocks.push({ line: start + 1, code: lines.slice(start, i).join("\n") });
      start = undefined;
    }
  });
  return blocks;
}
