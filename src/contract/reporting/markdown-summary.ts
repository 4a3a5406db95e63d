/**
 * The Markdown summary for `$GITHUB_STEP_SUMMARY` (and `contract-<target>.md`): a table per run
 * with each API's numbers, then each API's grouped failures (check, pointer, message, count).
 */
import type { SuiteResult } from "../run-suite.js";
import { groupFailures } from "./failure-groups.js";
import { suiteExitCode, tallyApi } from "./tally.js";

/** Groups listed per API before the rest is summarised. */
const MAX_GROUPS = 20;

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ").replace(/`/g, "'");
}

/** The Markdown summary of a run. */
export function formatMarkdownSummary(suite: SuiteResult, note?: string): string {
  const exit = suiteExitCode(suite);
  const lines = [
    `## Contract run (${suite.target}): ${exit === 0 ? "✅ passed" : "❌ failed"}`,
    "",
    ...(note ? [note, ""] : []),
    "| API | operations | cases | checks passed | checks failed | spec warnings |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const api of suite.apis) {
    if (api.skipped !== undefined) {
      lines.push(`| ${cell(api.api)} | skipped: ${cell(api.skipped)} | | | | |`);
      continue;
    }
    const t = tallyApi(api);
    lines.push(
      `| ${cell(api.api)} | ${api.operations} | ${t.cases} | ${t.checksPassed} | ${t.checksFailed} | ${t.specDefects} |`,
    );
  }
  for (const api of suite.apis) {
    const groups = groupFailures(api).filter((g) => g.severity === "error");
    if (groups.length === 0) continue;
    lines.push(
      "",
      `### ${api.api}: failures`,
      "",
      "| check | pointer | message | count |",
      "| --- | --- | --- | ---: |",
    );
    for (const g of groups.slice(0, MAX_GROUPS)) {
      lines.push(
        `| ${cell(g.check)} | \`${cell(g.pointer || "(response)")}\` | ${cell(g.message)} | ${g.count} |`,
      );
    }
    if (groups.length > MAX_GROUPS)
      lines.push("", `… and ${groups.length - MAX_GROUPS} more groups (see the HTML report)`);
  }
  return `${lines.join("\n")}\n`;
}
