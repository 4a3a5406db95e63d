import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pacingOf } from "../../src/cli/test-command.js";
import { DEFAULT_RATE } from "../../src/contract/targets/request-pacer.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/sandbox-server.js";
import { cliNodeArgs } from "../support/cli-process.js";
import { runCli } from "../support/run-cli.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Fake credentials: the test proves they never reach any output or report. */
const GCORE_KEY = "gk_fake_9Xq2Lm7Tz4Rw";
const MPT_TOKEN = "idt:TKN-fake-5Vb8Nc3Hd6";
let reports: string;
beforeAll(async () => {
  reports = await mkdtemp(join(tmpdir(), "contract-cli-"));
});
afterAll(async () => {
  await rm(reports, { recursive: true, force: true });
});

/** `api-contracts test --reports <tmp> …args` in-process with only `env` among the live variables. */
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(["test", "--reports", reports, ...args], env);

describe("usage and set-up errors exit 2 with a clear message", () => {
  it.each([
    [
      "an unknown API",
      {
        args: ["--api", "gcore"],
        env: {},
        message: "unknown API 'gcore'; known: gcore-billing, softwareone-marketplace",
      },
    ],
    [
      "a bad --target",
      {
        args: ["--target", "prism"],
        env: {},
        message: "--target must be 'mock' or 'live'; got 'prism'",
      },
    ],
    [
      "a bad CONTRACT_TARGET",
      {
        args: [],
        env: { CONTRACT_TARGET: "staging" },
        message: "CONTRACT_TARGET must be 'mock' or 'live'; got 'staging'",
      },
    ],
    [
      "a bad --rate",
      { args: ["--rate", "0"], env: {}, message: "--rate must be a positive number" },
    ],
    ["an unknown flag", { args: ["--fast"], env: {}, message: "Unknown option '--fast'" }],
    [
      "a misspelt flag",
      { args: ["--strict-example"], env: {}, message: "(did you mean --strict-examples?)" },
    ],
    [
      "an empty credential",
      {
        args: ["--target", "live"],
        env: { GCORE_API_KEY: "" },
        message: "GCORE_API_KEY is set but empty",
      },
    ],
    [
      "a credential with a newline",
      {
        args: ["--target", "live"],
        env: { MPT_API_TOKEN: `${MPT_TOKEN}\n` },
        message: "MPT_API_TOKEN contains a line break",
      },
    ],
  ])("%s", async (_, { args, env, message }) => {
    const { code, err } = await cli(args, env);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).not.toContain(MPT_TOKEN);
  });

  it("prints its help", async () => {
    const { code, out } = await cli(["--help"]);
    expect(code).toBe(0);
    expect(out).toContain("usage: api-contracts test [--target mock|live]");
  });
});

describe("live target", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ credentials: { gcoreApiKey: GCORE_KEY, mptToken: MPT_TOKEN } });
  });
  afterAll(async () => {
    await sandbox.close();
  });
  const sandboxEnv = () => ({
    GCORE_API_KEY: GCORE_KEY,
    GCORE_BASE_URL: sandbox.url,
    MPT_API_TOKEN: MPT_TOKEN,
    MPT_API_BASE_URL: sandbox.url,
    MPT_INVOICE_IDS: sandbox.softwareoneInvoices
      .slice(0, 2)
      .map((i) => i.id)
      .join(","),
  });

  it("exits 2 when no API has credentials, naming every variable (never a pass with nothing tested)", async () => {
    const { code, out, err } = await cli(["--target", "live"]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toBe(
      "api-contracts test: no API can run live: GCORE_API_KEY is not set; MPT_API_TOKEN is not set; set the credential (see 'api-contracts test --help'), or use --target mock\n",
    );
  });

  it("passes against the sandbox, and no secret appears in any output or report", async () => {
    const { code, out, err } = await cli(["--target", "live", "--rate", "1000"], sandboxEnv());
    expect(code).toBe(0);
    expect(out).toContain("contract (live): 2 of 2 APIs run");
    expect(out).toContain(join(reports, "contract-live.json"));
    expect(err).toContain("walking page 3 of at most 3");
    const files = await readdir(reports);
    expect(files).toEqual(
      expect.arrayContaining(["contract-live.json", "contract-live.junit.xml"]),
    );
    const texts = [
      out,
      err,
      ...(await Promise.all(files.map((f) => readFile(join(reports, f), "utf8")))),
    ];
    for (const secret of [GCORE_KEY, MPT_TOKEN, encodeURIComponent(MPT_TOKEN)]) {
      for (const text of texts) expect(text).not.toContain(secret);
    }
    expect(texts.join("")).toContain("apikey ***");
  });

  it("exits 2 naming GITHUB_STEP_SUMMARY when the reports cannot be written (never a silent 0)", async () => {
    const before = process.env.GITHUB_STEP_SUMMARY;
    const { code, err } = await cli(
      ["--target", "live", "--api", "gcore-billing", "--rate", "1000"],
      {
        ...sandboxEnv(),
        GITHUB_STEP_SUMMARY: join(reports, "no-such-folder", "summary.md"),
      },
    );
    expect(code).toBe(2);
    expect(err).toMatch(
      /^api-contracts test: cannot append the summary to GITHUB_STEP_SUMMARY \(.*no-such-folder\/summary\.md\): ENOENT/m,
    );
    expect(err).not.toMatch(/^\s+at /m);
    expect(process.env.GITHUB_STEP_SUMMARY).toBe(before);
  });

  it("exits 1 on a contract violation (drift in the sandbox)", async () => {
    const drifted = await startSandbox({ scenario: "undocumented-500" });
    try {
      const env = {
        ...sandboxEnv(),
        GCORE_API_KEY: drifted.credentials.gcoreApiKey,
        GCORE_BASE_URL: drifted.url,
      };
      const { code, out } = await cli(
        ["--target", "live", "--api", "gcore-billing", "--rate", "1000"],
        env,
      );
      expect(code).toBe(1);
      expect(out).toContain("FAIL status_code_conformance | v1_erp_invoices_retrieve");
    } finally {
      await drifted.close();
    }
  });
});

describe("vitest's options on a live run against a drifted sandbox", () => {
  let drifted: Sandbox;
  beforeAll(async () => {
    drifted = await startSandbox({ scenario: "amount-overflow" });
  });
  afterAll(async () => {
    await drifted.close();
  });
  const env = () => ({
    GCORE_API_KEY: drifted.credentials.gcoreApiKey,
    GCORE_BASE_URL: drifted.url,
  });
  const casesIn = async (): Promise<{ failed: number; all: number }> => {
    const report = JSON.parse(await readFile(join(reports, "contract-live.json"), "utf8")) as {
      apis: { cases: { failures: unknown[] }[] }[];
    };
    const cases = report.apis.flatMap((a) => a.cases);
    return { failed: cases.filter((c) => c.failures.length > 0).length, all: cases.length };
  };

  it("without --bail every case runs, and the failures are named per case by the reporter given", async () => {
    const { code, out } = await cli(
      ["--target", "live", "--api", "gcore-billing", "--rate", "1000", "--reporter", "verbose"],
      env(),
    );
    expect(code).toBe(1);
    expect(out).toMatch(/gcore-billing › v1_erp_invoices_list › required params only/);
    expect(out).toContain("/results/0/amount_untaxed");
    const { failed, all } = await casesIn();
    expect(failed).toBeGreaterThan(5);
    expect(all).toBeGreaterThan(20);
  });

  it("--bail 1 stops the run after the first failing case (fewer cases run)", async () => {
    const { code } = await cli(
      ["--target", "live", "--api", "gcore-billing", "--rate", "1000", "--bail", "1"],
      env(),
    );
    expect(code).toBe(1);
    const { failed, all } = await casesIn();
    expect(failed).toBeGreaterThan(0);
    expect(all).toBeLessThan(20);
  });
});

describe("mock target and Ctrl-C", () => {
  it("stops Prism and exits 130 on SIGINT, leaving no server behind", async () => {
    const child = spawn(process.execPath, [...cliNodeArgs(), "test", "--reports", reports], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    const url = await new Promise<string>((resolveUrl, reject) => {
      child.stderr.on("data", (chunk: Buffer) => {
        err += chunk.toString();
        const match = /Prism on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
        if (match?.[1]) resolveUrl(match[1]);
      });
      child.once("exit", () => reject(new Error(`exited before Prism started: ${err}`)));
    });
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(err).toContain("SIGINT: stopping");
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe("pacingOf: requests per second per API", () => {
  it.each<[string, { given: [number | undefined, boolean]; want: number | null }]>([
    ["live without --rate: the default", { given: [undefined, false], want: DEFAULT_RATE }],
    ["live with --rate 2", { given: [2, false], want: 2 }],
    ["an infinite --rate: unpaced", { given: [Number.POSITIVE_INFINITY, false], want: null }],
    ["a replay of recordings without --rate: unpaced", { given: [undefined, true], want: null }],
    ["a replay with --rate 3: paced as asked", { given: [3, true], want: 3 }],
  ])("%s", (_, { given, want }) => {
    expect(pacingOf(...given)).toBe(want);
  });
});
