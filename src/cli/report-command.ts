/**
 * `api-contracts report merge DIR... [--out DIR]`: one set of reports (JSON, JUnit, HTML,
 * Markdown) from the reports folders of the shards of one run (`test --shard i/n` on n machines),
 * every case exactly once. Exit 1 when the merged run has violations, as the run itself would.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ContractSetupError } from "../contract/contract-errors.js";
import { mergeSuites, suiteFromJsonReport } from "../contract/reporting/read-json-report.js";
import { suiteExitCode, tallyApi } from "../contract/reporting/tally.js";
import { writeReports } from "../contract/reporting/write-reports.js";
import type { SuiteResult } from "../contract/run-suite.js";
import { UsageError } from "../errors.js";
import { parseOptions } from "./parse-options.js";

const HELP = `usage: api-contracts report merge DIR... [--out DIR]

Merges the reports of a sharded contract run ('api-contracts test --shard I/N', each shard writing
its own reports folder) into one set: contract-<target>.json, .junit.xml, .html and .md in --out
(default: reports). Each case must appear in exactly one folder. The Markdown summary is appended
to $GITHUB_STEP_SUMMARY when it is set.

Exit codes: 0 the merged run passed; 1 it has contract violations; 2 a folder without a report,
reports of different targets, or a case in two folders (overlapping shards).
`;

/** The `contract-*.json` reports of `directory`. */
async function reportsIn(directory: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    throw new UsageError(
      `report merge: cannot read the folder ${directory}; pass the folders the shards wrote their reports to`,
    );
  }
  const found = names
    .filter((n) => /^contract-(mock|live)\.json$/.test(n))
    .map((n) => join(directory, n));
  if (found.length === 0)
    throw new ContractSetupError(
      `report merge: no contract-mock.json or contract-live.json in ${directory}`,
    );
  return found;
}

/** `api-contracts report`: `merge` is its one subcommand. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions("report", {
    args,
    options: { out: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const [sub, ...dirs] = positionals;
  if (sub !== "merge")
    throw new UsageError(
      `report: unknown subcommand '${sub ?? ""}'; use 'api-contracts report merge DIR...'`,
    );
  if (dirs.length === 0) throw new UsageError("report merge: name at least one reports folder");
  const byTarget = new Map<string, { suite: SuiteResult; file: string }[]>();
  for (const dir of dirs) {
    for (const file of await reportsIn(resolve(dir))) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readFile(file, "utf8"));
      } catch (error) {
        throw new ContractSetupError(`${file}: not valid JSON (${(error as Error).message})`);
      }
      const suite = suiteFromJsonReport(parsed, file);
      const list = byTarget.get(suite.target) ?? [];
      list.push({ suite, file });
      byTarget.set(suite.target, list);
    }
  }
  const out = resolve(values.out ?? "reports");
  let exit: 0 | 1 = 0;
  for (const [target, suites] of byTarget) {
    const merged = mergeSuites(suites);
    const written = await writeReports(merged, out, {
      note: `Merged from ${suites.length} report(s): ${suites.map((s) => s.file).join(", ")}.`,
      stepSummary: process.env.GITHUB_STEP_SUMMARY,
    });
    const cases = merged.apis.reduce((n, api) => n + tallyApi(api).cases, 0);
    process.stdout.write(
      `contract (${target}): merged ${suites.length} report(s), ${cases} cases\nreports: ${written.files.join("\n         ")}\n`,
    );
    if (suiteExitCode(merged) === 1) exit = 1;
  }
  return exit;
}
