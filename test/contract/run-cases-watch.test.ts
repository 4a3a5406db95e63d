/**
 * `api-contracts test --watch` (src/contract/vitest/run-cases.ts): a change to an API's spec
 * re-runs its cases on a Prism restarted on the new document; SIGTERM ends the watch.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliNodeArgs } from "../support/cli-process.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "contract-watch-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("--watch", () => {
  it("re-runs the cases when the spec changes, on a restarted Prism, and stops on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      [
        ...cliNodeArgs(),
        "test",
        "--target",
        "mock",
        "--api",
        "softwareone-marketplace",
        "--watch",
        "--reports",
        join(dir, "watch"),
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    let gone = false;
    void exited.then(() => {
      gone = true;
    });
    /** Until `count` summaries were printed (polling: the run writes them as it goes). */
    const summaries = async (count: number) => {
      while ((out.match(/contract \(mock\): 1 of 1 API run/g) ?? []).length < count) {
        if (gone) throw new Error(`exited: ${err}`);
        await new Promise((done) => setTimeout(done, 200));
      }
    };
    try {
      await summaries(1);
      const spec = join(ROOT, "specs/softwareone-marketplace/openapi.json");
      const now = new Date();
      await utimes(spec, now, now);
      await summaries(2);
      expect(err.match(/Prism on http:\/\/127\.0\.0\.1:\d+ mocks/g)).toHaveLength(2);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(143);
  }, 180_000);
});
