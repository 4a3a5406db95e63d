/**
 * The human summary printed at the end of a run: per API, operations, cases, checks passed and
 * failed, warnings and spec defects, each failure on one line (check, case, JSON Pointer, why),
 * the coverage table, and a closing total.
 */
import type { ApiResult } from "../run/run-api.js";
import type { SuiteResult } from "../run-suite.js";
import { formatCoverage } from "./coverage.js";
import { isError, tallyApi } from "./tally.js";

/** How many failure lines to print per API before summarising the rest. */
const MAX_LINES = 40;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function apiSection(result: ApiResult, strict: boolean): string[] {
  if (result.skipped !== undefined)
    return [`${result.api} (${result.target}): skipped: ${result.skipped}`];
  const t = tallyApi(result);
  const lines = [
    `${result.api} (${result.target}): ${plural(result.operations, "operation")}, ${plural(t.cases, "case")}` +
      `${t.skippedCases > 0 ? ` (${t.skippedCases} skipped)` : ""}, checks ${t.checksPassed} passed, ${t.checksFailed} failed` +
      `, ${plural(t.specDefects, "spec warning")}${strict && t.specDefects > 0 ? " (fatal: --strict-examples)" : ""}` +
      `${t.warnings > t.specDefects ? `, ${plural(t.warnings - t.specDefects, "response warning")}` : ""}` +
      ` [${(result.durationMs / 1000).toFixed(1)} s]`,
  ];
  const failures = result.cases.flatMap((c) => c.failures);
  const shown = [
    ...failures
      .filter(isError)
      .map(
        (f) =>
          `  FAIL ${f.check} | ${f.case}${f.exchange ? ` (page ${f.exchange + 1})` : ""} | ${f.pointer || "(response)"} | ${f.message}`,
      ),
    ...result.specDefects.map(
      (d) =>
        `  ${strict ? "FAIL" : "WARN"} spec ${d.source} | ${d.pointer || "(document)"} | ${d.message}`,
    ),
    ...failures
      .filter((f) => !isError(f))
      .map((f) => `  WARN ${f.check} | ${f.case} | ${f.pointer || "(response)"} | ${f.message}`),
  ];
  lines.push(...shown.slice(0, MAX_LINES));
  if (shown.length > MAX_LINES)
    lines.push(`  ... and ${shown.length - MAX_LINES} more (see the JSON report)`);
  for (const c of result.cases) {
    if (c.run.skipped !== undefined) lines.push(`  skipped ${c.run.case.id}: ${c.run.skipped}`);
  }
  for (const note of result.notes) lines.push(`  note: ${note}`);
  return lines;
}

/** The whole summary, coverage tables included, ending with a one-line total. */
export function formatSummary(suite: SuiteResult): string {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const result of suite.apis) {
    lines.push(...apiSection(result, suite.strictExamples));
    const t = tallyApi(result);
    passed += t.checksPassed;
    failed += t.checksFailed + (suite.strictExamples ? t.specDefects : 0);
  }
  for (const result of suite.apis) {
    if (result.skipped === undefined)
      lines.push("", formatCoverage(result.api, result.target, result.coverage));
  }
  const ran = suite.apis.filter((a) => a.skipped === undefined).length;
  lines.push(
    "",
    `contract (${suite.target}): ${ran} of ${plural(suite.apis.length, "API")} run, ${passed} checks passed, ${failed} failed [${(suite.durationMs / 1000).toFixed(1)} s]`,
  );
  return `${lines.join("\n")}\n`;
}
