/**
 * writeReports: the four reports and the step summary land where asked; a folder or a
 * `$GITHUB_STEP_SUMMARY` that cannot be written is a ContractSetupError naming it (exit 2), never
 * a silent pass.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContractSetupError } from "../../../src/contract/contract-errors.js";
import { writeReports } from "../../../src/contract/reporting/write-reports.js";
import type { SuiteResult } from "../../../src/contract/run-suite.js";

const SUITE: SuiteResult = {
  target: "mock",
  strictExamples: false,
  apis: [],
  durationMs: 1,
  secrets: [],
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "write-reports-"));
  // A plain file where a folder is expected: nothing can be created beneath it.
  await writeFile(join(dir, "a-file"), "");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeReports", () => {
  it("writes the four reports and appends the Markdown to the step summary", async () => {
    const summary = join(dir, "summary.md");
    await writeFile(summary, "before\n");
    const written = await writeReports(SUITE, join(dir, "out"), { stepSummary: summary });
    expect(written.files.map((f) => f.slice(dir.length))).toEqual([
      "/out/contract-mock.json",
      "/out/contract-mock.junit.xml",
      "/out/contract-mock.html",
      "/out/contract-mock.md",
    ]);
    const appended = await readFile(summary, "utf8");
    expect(appended.startsWith("before\n")).toBe(true);
    expect(appended.slice("before\n".length)).toBe(
      `${await readFile(join(dir, "out/contract-mock.md"), "utf8")}\n`,
    );
  });

  it.each<[string, { given: () => [string, string | undefined]; want: RegExp }]>([
    [
      "a reports folder under a file",
      {
        given: () => [join(dir, "a-file/reports"), undefined],
        want: /^cannot create the reports folder .*a-file\/reports: ENOTDIR.*; pass a writable --reports DIR$/,
      },
    ],
    [
      "a step summary in a folder that does not exist",
      {
        given: () => [join(dir, "ok"), join(dir, "missing/summary.md")],
        want: /^cannot append the summary to GITHUB_STEP_SUMMARY \(.*missing\/summary\.md\): ENOENT.*; unset the variable or point it at an existing file$/,
      },
    ],
  ])("%s: a ContractSetupError naming it", async (_, { given, want }) => {
    const [folder, stepSummary] = given();
    const error = await writeReports(SUITE, folder, { stepSummary }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractSetupError);
    expect((error as ContractSetupError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(want);
  });
});
