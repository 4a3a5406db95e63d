/**
 * `api-contracts test --target live` against vendors that misbehave like real HTTP servers
 * (src/sandbox/hostile-vendor.ts on loopback, no mocked fetch), and with day-one mistakes: each ends
 * quickly with its named error (exit 1 for a vendor's fault in a case, exit 2 and one line for a
 * setup problem), and the key appears in no output and no report.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type HostileFault,
  type HostileVendor,
  refusedPort,
  startHostileVendor,
} from "../../src/sandbox/hostile-vendor.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/sandbox-server.js";
import { cliNodeArgs } from "../support/cli-process.js";
import { runCli } from "../support/run-cli.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const KEY = "gk_hostile_cli_7Rm3Vx9Pq";
const MPT_TOKEN = "idt:TKN-hostile-2Jd5Kw8";
/** Small bounds keep each run to seconds; bench/hostile-vendor-bench.ts runs the full sizes. */
const BOUNDS = ["--max-response-bytes", "1000000", "--rate", "1000"];
/**
 * The time limit of a run whose vendor stalls: three 1 s timeouts end it. Every other fault ends a
 * request before any limit, so those runs get a generous one: a busy machine must not turn their
 * expected error into a RequestTimeoutError (1 s once did, for the gzip bomb, on a loaded 2-core box).
 */
const STALL_TIMEOUT = ["--timeout", "1"];
const TIMEOUT = ["--timeout", "10"];

let reports: string;
const vendors: HostileVendor[] = [];
let elsewhere: HostileVendor;
beforeAll(async () => {
  reports = await mkdtemp(join(tmpdir(), "contract-hostile-"));
  elsewhere = await startHostileVendor({ fault: "reject-key" });
  vendors.push(elsewhere);
});
afterAll(async () => {
  await Promise.all(vendors.map((v) => v.close()));
  await rm(reports, { recursive: true, force: true });
});

async function vendor(fault: HostileFault): Promise<string> {
  const started = await startHostileVendor({ fault, redirectTo: elsewhere.url });
  vendors.push(started);
  return started.url;
}

/** Everything a run wrote: its output and every report file. */
async function everything(out: string, err: string): Promise<string> {
  const files = await readdir(reports).catch(() => [] as string[]);
  const texts = await Promise.all(files.map((f) => readFile(join(reports, f), "utf8")));
  return [out, err, ...texts].join("\n");
}

describe("live run against a hostile vendor", () => {
  it.each<
    [string, { base: () => Promise<string>; timeout?: string[]; code: number; says: string[] }]
  >([
    [
      "a 2 GiB body: each case fails with ResponseTooLargeError",
      {
        base: () => vendor("oversized"),
        code: 1,
        says: ["FAIL request_completed", "ResponseTooLargeError", "1000000 bytes"],
      },
    ],
    [
      "a gzip bomb: each case fails with ResponseTooLargeError, counted after decompression",
      {
        base: () => vendor("gzip-bomb"),
        code: 1,
        says: ["ResponseTooLargeError", "counted after decompression"],
      },
    ],
    [
      "a stalled body: timeouts, then the API stops after 3 in a row (one setup error)",
      {
        base: () => vendor("stalled-body"),
        timeout: STALL_TIMEOUT,
        code: 2,
        says: [
          "gcore-billing: stopped after 3 transport failures in a row, last RequestTimeoutError",
          "the response body stalled",
        ],
      },
    ],
    [
      "a truncated body: ResponseTruncatedError, then the API stops",
      {
        base: () => vendor("truncated-body"),
        code: 2,
        says: ["stopped after 3 transport failures in a row, last ResponseTruncatedError"],
      },
    ],
    [
      "a redirect to another origin: not followed, one setup line",
      {
        base: () => vendor("redirect"),
        code: 2,
        says: ["RedirectNotFollowedError", "redirected to http://127.0.0.1:", "; not followed"],
      },
    ],
    [
      "a refused connection: one line naming host, port and cause",
      {
        base: async () => `http://127.0.0.1:${await refusedPort()}`,
        code: 2,
        says: [
          "gcore-billing: cannot reach 127.0.0.1:",
          "(ConnectionRefusedError",
          "GCORE_BASE_URL",
        ],
      },
    ],
    [
      "a rejected key: one line naming the variable, never the value",
      {
        base: () => vendor("reject-key"),
        code: 2,
        says: [
          "gcore-billing: GCORE_API_KEY was rejected",
          "answered 401",
          "its value is not shown",
        ],
      },
    ],
  ])("%s", { timeout: 30_000 }, async (_name, { base, timeout = TIMEOUT, code, says }) => {
    await rm(reports, { recursive: true, force: true });
    const env = { GCORE_API_KEY: KEY, GCORE_BASE_URL: await base() };
    const run = await runCli(
      [
        "test",
        "--target",
        "live",
        "--api",
        "gcore-billing",
        "--reports",
        reports,
        ...BOUNDS,
        ...timeout,
      ],
      env,
    );
    expect([run.code, run.err.slice(-600)]).toEqual([code, expect.anything()]);
    const text = await everything(run.out, run.err);
    for (const phrase of says) expect(text).toContain(phrase);
    expect(text).not.toContain(KEY);
    if (code === 2) {
      // A setup error is one line, and no case summary follows it.
      expect(
        run.err
          .trim()
          .split("\n")
          .filter((l) => l.startsWith("api-contracts test:")),
      ).toHaveLength(1);
      expect(run.out).toBe("");
    }
  });

  it("the redirect's other origin never receives a request (so never the key)", async () => {
    const before = elsewhere.requests.length;
    const env = { GCORE_API_KEY: KEY, GCORE_BASE_URL: await vendor("redirect") };
    await runCli(
      ["test", "--target", "live", "--api", "gcore-billing", ...BOUNDS, ...TIMEOUT],
      env,
    );
    expect(elsewhere.requests.length).toBe(before);
  });

  /** Peak RSS (bytes) and exit code of one CLI live run against `baseUrl`, measured in its own process. */
  async function peakRss(baseUrl: string): Promise<{ code: number | null; bytes: number }> {
    const dir = await mkdtemp(join(tmpdir(), "contract-rss-"));
    const usageFile = join(dir, "usage.json");
    try {
      const code = await new Promise<number | null>((done, reject) => {
        const child = spawn(
          process.execPath,
          [
            "--import",
            join(ROOT, "bench/lib/report-usage.mjs"),
            ...cliNodeArgs(),
            "test",
            "--target",
            "live",
            "--api",
            "gcore-billing",
            "--reports",
            dir,
            "--timeout",
            "5",
            "--max-response-bytes",
            "5000000",
            "--rate",
            "1000",
          ],
          {
            cwd: ROOT,
            stdio: "ignore",
            env: {
              ...process.env,
              GCORE_API_KEY: KEY,
              GCORE_BASE_URL: baseUrl,
              BENCH_USAGE_FILE: usageFile,
            },
          },
        );
        child.once("error", reject);
        child.once("exit", (exit) => done(exit));
      });
      const usage = JSON.parse(await readFile(usageFile, "utf8")) as { maxRSS: number };
      // maxRSS is in KiB.
      return { code, bytes: usage.maxRSS * 1024 };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it("peak memory of the CLI against a gzip bomb stays small", { timeout: 90_000 }, async () => {
    // Compared with the same run against a vendor whose body is tiny (what the CLI itself needs:
    // vitest, the validators, the request-value compiler), so the bound does not move with what
    // the CLI loads: the bomb may add the 5 MB cap and decompression buffers, never gigabytes.
    // Two processes measured at once: each peak is its own process's.
    const [baseline, bomb] = await Promise.all([
      vendor("truncated-body").then(peakRss),
      vendor("gzip-bomb").then(peakRss),
    ]);
    // The truncated body ends the run by the fail-fast rule (exit 2) after the cases started.
    expect(baseline.code).toBe(2);
    expect(bomb.code).toBe(1);
    const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
    expect(
      bomb.bytes - baseline.bytes,
      `bomb ${mib(bomb.bytes)}, baseline ${mib(baseline.bytes)}`,
    ).toBeLessThan(100 * 1024 * 1024);
    // And in absolute terms: far below what buffering the bomb would take.
    expect(bomb.bytes).toBeLessThan(1024 * 1024 * 1024);
  });
});

describe("day-one mistakes: exit 2, one line, before any case runs", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ credentials: { gcoreApiKey: KEY, mptToken: MPT_TOKEN } });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it.each<[string, { args: string[]; env: () => Record<string, string>; says: string }]>([
    [
      "no credentials at all",
      {
        args: ["--target", "live"],
        env: () => ({}),
        says: "no API can run live: GCORE_API_KEY is not set; MPT_API_TOKEN is not set",
      },
    ],
    [
      "no credentials for the one API asked for",
      {
        args: ["--target", "live", "--api", "softwareone-marketplace"],
        env: () => ({ GCORE_API_KEY: KEY }),
        says: "no API can run live: MPT_API_TOKEN is not set",
      },
    ],
    [
      "one of two APIs without its credential",
      {
        args: ["--target", "live"],
        env: () => ({ GCORE_API_KEY: KEY, GCORE_BASE_URL: sandbox.url }),
        says: "softwareone-marketplace: MPT_API_TOKEN is not set; set it, narrow the run with --api, or pass --skip-missing-credentials",
      },
    ],
    [
      "a misspelt flag",
      {
        args: ["--taget", "live"],
        env: () => ({}),
        says: "Unknown option '--taget' (did you mean --target?)",
      },
    ],
    [
      "a bad --timeout",
      {
        args: ["--timeout", "soon"],
        env: () => ({}),
        says: "--timeout must be a positive number of seconds; got 'soon'",
      },
    ],
    [
      "a bad --max-response-bytes",
      {
        args: ["--max-response-bytes", "50MB"],
        env: () => ({}),
        says: "--max-response-bytes must be a positive whole number of bytes",
      },
    ],
  ])("%s", async (_name, { args, env, says }) => {
    const run = await runCli(["test", "--reports", reports, ...args], env());
    expect(run.code).toBe(2);
    expect(run.err).toContain(says);
    expect(run.err.trim().split("\n")).toHaveLength(1);
    expect(run.out).toBe("");
  });

  it("--skip-missing-credentials runs what can run and reports the rest as skipped", async () => {
    const run = await runCli(
      [
        "test",
        "--target",
        "live",
        "--skip-missing-credentials",
        "--rate",
        "1000",
        "--reports",
        reports,
      ],
      { GCORE_API_KEY: KEY, GCORE_BASE_URL: sandbox.url },
    );
    expect(run.code).toBe(0);
    expect(run.out).toContain("softwareone-marketplace (live): skipped: MPT_API_TOKEN is not set");
    expect(run.out).toContain("contract (live): 1 of 2 APIs run");
    expect(await everything(run.out, run.err)).not.toContain(KEY);
  });

  it("a misspelt command suggests the right one", async () => {
    const run = await runCli(["tset"]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("unknown command 'tset' (did you mean test?)");
  });

  it.each([["--version"], ["-v"]])("%s prints the package version", async (flag) => {
    const manifest = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    const run = await runCli([flag]);
    expect(run.code).toBe(0);
    expect(run.out).toBe(`api-contracts ${manifest.version}\n`);
  });
});
