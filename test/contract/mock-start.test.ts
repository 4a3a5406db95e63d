/**
 * Starting the mock target: Prism runs as a killable child process, announced per API, bounded by
 * --mock-start-timeout, stopped with nothing left behind on SIGTERM; a missing Prism is one line
 * saying how to install it (reached through the package-resolution seam, not by uninstalling).
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismStartError, startPrism } from "../../src/contract/targets/prism-server.js";
import { cliNodeArgs } from "../support/cli-process.js";
import { runCli } from "../support/run-cli.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Stripe's whole document: Prism needs far longer than the budget below to load it. */
const STRIPE = resolve(ROOT, "../shared/bench-specs/stripe-spec3.yaml");

let reports: string;
beforeAll(async () => {
  reports = await mkdtemp(join(tmpdir(), "contract-mock-start-"));
});
afterAll(async () => {
  await rm(reports, { recursive: true, force: true });
});

/** Pids of `parent`'s child processes running Prism. */
function prismChildren(parent: number): number[] {
  let listing = "";
  try {
    listing = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(parent)], {
      encoding: "utf8",
    });
  } catch {
    return []; // ps exits 1 when there are none
  }
  return listing
    .split("\n")
    .filter((line) => line.includes("prism-cli"))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("mock start-up", () => {
  it("Prism not installed: exit 2, one line saying how to install it", async () => {
    const run = await runCli(
      ["test", "--target", "mock", "--reports", reports],
      {},
      { prismPackage: "@stoplight/prism-cli-not-installed" },
    );
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      "api-contracts test: the mock target needs Prism, and @stoplight/prism-cli-not-installed is not installed; run 'npm install --save-dev @stoplight/prism-cli@5' in your project, or use --target live\n",
    );
    expect(run.out).toBe("");
  });

  it("a start-up slower than --mock-start-timeout: exit 2 naming the API, no Prism left", async () => {
    const run = await runCli([
      "test",
      "--target",
      "mock",
      "--api",
      "gcore-billing",
      "--mock-start-timeout",
      "0.05",
      "--reports",
      reports,
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("api-contracts test: starting mock for gcore-billing…\n");
    expect(run.err).toContain("the mock for gcore-billing failed to start (Prism on ");
    expect(run.err).toContain(
      "not ready after 0.05 s; a large document takes longer: raise --mock-start-timeout (seconds)",
    );
    expect(prismChildren(process.pid)).toEqual([]);
  });

  it.skipIf(!existsSync(STRIPE))(
    "a document too large to load in time: PrismStartError naming the API, the child killed",
    async () => {
      const error = await startPrism({
        specFile: STRIPE,
        mode: "dynamic",
        isolation: "child-process",
        startTimeoutMs: 2000,
        api: "stripe",
      }).then(
        async (prism) => {
          await prism.close();
          return new Error("Prism started within 2 s");
        },
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PrismStartError);
      expect((error as PrismStartError).api).toBe("stripe");
      expect((error as Error).message).toContain("the mock for stripe failed to start");
      expect(prismChildren(process.pid)).toEqual([]);
    },
  );

  it("SIGTERM while Prism starts: exit 143 within seconds, every Prism process gone", async () => {
    const child = spawn(
      process.execPath,
      [...cliNodeArgs(), "test", "--target", "mock", "--reports", reports],
      { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
    );
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    const pid = child.pid as number;
    let prisms: number[] = [];
    // The documents load and their mock copies are written before Prism starts (allow a loaded
    // machine 30 s); the "starting" line is written just before the spawn, so wait for both.
    const starting = "starting mock for gcore-billing…";
    for (let i = 0; i < 600 && (prisms.length < 2 || !err.includes(starting)); i++) {
      await new Promise((r) => setTimeout(r, 50));
      prisms = prismChildren(pid);
    }
    expect(err).toContain("starting mock for gcore-billing…");
    expect(prisms.length).toBe(2);
    child.kill("SIGTERM");
    expect(await exited).toBe(143);
    // Killed with their process group: give the kernel a moment to reap them.
    for (let i = 0; i < 40 && prisms.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
    expect(prisms.filter(alive)).toEqual([]);
  });
});
