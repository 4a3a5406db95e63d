/**
 * `api-contracts test` runs its cases as vitest tests (src/contract/vitest/run-cases.ts): the
 * shards of a mock run together run exactly the full run's cases, `report merge` puts them back
 * together (and refuses overlapping shards), `-t` narrows a run to one operation's cases, and
 * every run's reports folder holds the HTML and Markdown reports. Compiled, the package's own
 * modules are left to Node instead of vite's transforms.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledModulesExternal } from "../../../src/contract/vitest/run-cases.js";
import { runCli } from "../../support/run-cli.js";

let dir: string;
const runs: Record<string, { code: number; out: string; err: string }> = {};

/** Case names (`<api> <case id>`) of a run's JSON report. */
async function caseNames(reports: string): Promise<string[]> {
  const report = JSON.parse(await readFile(join(reports, "contract-mock.json"), "utf8")) as {
    apis: { api: string; cases: { id: string }[] }[];
  };
  return report.apis.flatMap((api) => api.cases.map((c) => `${api.api} ${c.id}`)).sort();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "contract-vitest-"));
  const summary = join(dir, "step-summary.md");
  await writeFile(summary, "");
  for (const [name, args] of [
    ["full", []],
    ["shard1", ["--shard", "1/2"]],
    ["shard2", ["--shard", "2/2"]],
    ["list", ["-t", "v1_erp_invoices_list"]],
  ] as const) {
    runs[name] = await runCli(
      ["test", "--target", "mock", "--reports", join(dir, name), ...args],
      name === "full" ? { GITHUB_STEP_SUMMARY: summary } : {},
      // Prism inside this worker: its modules load once for the four runs.
      { prismIsolation: "in-process" },
    );
  }
}, 240_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("api-contracts test on vitest", () => {
  it("passes each run (exit 0)", () => {
    for (const [name, run] of Object.entries(runs)) expect([name, run.code]).toEqual([name, 0]);
  });

  it("--shard 1/2 and --shard 2/2 together run exactly the full run's cases", async () => {
    const full = await caseNames(join(dir, "full"));
    const one = await caseNames(join(dir, "shard1"));
    const two = await caseNames(join(dir, "shard2"));
    expect(full.length).toBeGreaterThan(30);
    expect(one.length).toBeGreaterThan(0);
    expect(two.length).toBeGreaterThan(0);
    expect(one.filter((name) => two.includes(name))).toEqual([]);
    expect([...one, ...two].sort()).toEqual(full);
  });

  it("report merge of the two shards gives the full run's cases, each once", async () => {
    const merged = await runCli([
      "report",
      "merge",
      join(dir, "shard1"),
      join(dir, "shard2"),
      "--out",
      join(dir, "merged"),
    ]);
    expect(merged.code).toBe(0);
    expect(await caseNames(join(dir, "merged"))).toEqual(await caseNames(join(dir, "full")));
    expect(await readdir(join(dir, "merged"))).toEqual(
      expect.arrayContaining(["contract-mock.html", "contract-mock.md", "contract-mock.junit.xml"]),
    );
  });

  it("report merge refuses a shard given twice (a case would be doubled)", async () => {
    const merged = await runCli([
      "report",
      "merge",
      join(dir, "shard1"),
      join(dir, "shard1"),
      "--out",
      join(dir, "doubled"),
    ]);
    expect(merged.code).toBe(2);
    expect(merged.err).toContain("is in more than one report");
    expect(merged.err).toContain("the shards overlap");
  });

  it("-t v1_erp_invoices_list runs only that operation's cases", async () => {
    const names = await caseNames(join(dir, "list"));
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(name).toMatch(/^gcore-billing v1_erp_invoices_list /);
    const full = await caseNames(join(dir, "full"));
    expect(names).toEqual(full.filter((n) => n.startsWith("gcore-billing v1_erp_invoices_list ")));
  });

  it("writes the HTML and Markdown reports in every run's folder, and the step summary", async () => {
    for (const name of ["full", "shard1", "shard2", "list"]) {
      expect(await readdir(join(dir, name))).toEqual(
        expect.arrayContaining([
          "contract-mock.json",
          "contract-mock.junit.xml",
          "contract-mock.html",
          "contract-mock.md",
        ]),
      );
    }
    const summary = await readFile(join(dir, "step-summary.md"), "utf8");
    expect(summary).toContain("## Contract run (mock): ✅ passed");
    // No spec warnings: the mock serves valid examples, not Prism's placeholders (mock-document.ts),
    // and the vendored erp-invoices document's own examples pass their schemas.
    expect(summary).toMatch(/\| gcore-billing \| 3 \| \d+ \| \d+ \| 0 \| 0 \|/);
  });

  it("shows per-API progress as plain lines without a terminal", () => {
    expect(runs.full?.err).toMatch(
      /gcore-billing: (\d+)\/\1 cases, 0 failed \(v1_erp_invoices_list done\)/,
    );
  });
});

describe("vitest options are checked before anything starts", () => {
  it.each([
    ["a bad --shard", ["--shard", "3/2"], "--shard must be I/N with 1 <= I <= N"],
    ["a bad --bail", ["--bail", "x"], "--bail must be a positive whole number"],
    ["a bad -t", ["-t", "("], "-t must be a regular expression"],
  ])("%s: exit 2, one line", async (_name, args, says) => {
    const run = await runCli(["test", "--reports", join(dir, "bad"), ...args]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(says);
    expect(run.err.trim().split("\n")).toHaveLength(1);
  });
});

describe("compiledModulesExternal", () => {
  const dist = "/x/a+b (1)/dist";
  it.each([
    [
      "compiled: the package's dist/ (src and generated) is left to Node",
      {
        given: `file://${encodeURI(`${dist}/src/contract/vitest/run-cases.js`)}`,
        loaded: [`${dist}/src/contract/run/case-executor.js`, `${dist}/generated/gcore/index.js`],
        transformed: ["/x/a+b (1)/src/contract/run/case-executor.ts", "/x/a+b (1)/distx/a.js"],
      },
    ],
    [
      "TypeScript sources: vite transforms everything, as without the option",
      { given: "file:///x/src/contract/vitest/run-cases.ts", loaded: [], transformed: [] },
    ],
  ])("%s", (_name, { given, loaded, transformed }) => {
    const external = compiledModulesExternal(given).server?.deps.external ?? [];
    expect(external.length).toBe(loaded.length > 0 ? 1 : 0);
    for (const file of loaded)
      expect(
        external.some((re) => re.test(file)),
        file,
      ).toBe(true);
    for (const file of transformed)
      expect(
        external.some((re) => re.test(file)),
        file,
      ).toBe(false);
  });
});
