/**
 * Replay's output: a text summary per operation for the terminal, and the reports in a folder —
 * `replay.json` (the whole replay, as {@link ReplayResult}), and through the contract suite's own
 * writers `replay.junit.xml`, `replay.html` and `replay.md`. Files are written atomically.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { formatHtmlReport } from "../contract/reporting/html-report.js";
import { formatJunit } from "../contract/reporting/junit-report.js";
import { formatMarkdownSummary } from "../contract/reporting/markdown-summary.js";
import type { ReplayResult } from "./replay-recordings.js";
import { replaySuite } from "./replay-suite.js";

/** The terminal summary: per API and operation, what the recorded traffic says about the spec. */
export function formatReplay(result: ReplayResult): string {
  const lines: string[] = [];
  for (const api of result.apis) {
    const exchanges = api.operations.reduce((n, o) => n + o.exchanges, 0);
    lines.push(
      `replay ${api.api}: ${exchanges} recorded exchange(s) from ${api.recording} against ${api.specFile}`,
    );
    for (const operation of api.operations) {
      if (operation.exchanges === 0) continue;
      const verdict = operation.rejected.length > 0 ? "FAIL" : "ok  ";
      lines.push(
        `  ${verdict} ${operation.operation} (${operation.method} ${operation.path}): ${operation.exchanges} exchange(s), ${operation.rejected.length} rejected`,
      );
      for (const rejected of operation.rejected) {
        for (const v of rejected.violations.slice(0, 20)) {
          lines.push(
            `       ${v.pointer || "(response)"}  ${v.keyword}  ${v.message}  [status ${rejected.status}, ${rejected.file} ${rejected.entry}]`,
          );
        }
        if (rejected.violations.length > 20)
          lines.push(`       … and ${rejected.violations.length - 20} more`);
      }
      for (const field of operation.undocumentedFields) {
        lines.push(
          `       ${field}  undocumented  the traffic holds this field; the spec does not describe it`,
        );
      }
    }
    for (const u of api.undescribed) {
      lines.push(
        `  note ${u.method} ${u.url}: recorded (as ${u.recordedAs ?? "unmatched"}) but no operation of the spec describes it`,
      );
    }
    if (api.uncovered.length > 0)
      lines.push(`  not covered by the recording: ${api.uncovered.join(", ")}`);
  }
  lines.push(
    result.contradicted
      ? "replay: recorded traffic contradicts the spec (exit 1)"
      : "replay: every recorded response conforms to the spec",
  );
  return `${lines.join("\n")}\n`;
}

/** Write `replay.{json,junit.xml,html,md}` into `directory`; returns the files written. */
export async function writeReplayReports(
  result: ReplayResult,
  directory: string,
  titles: ReadonlyMap<string, { title: string; version: string }> = new Map(),
): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const suite = replaySuite(result, titles);
  const note = `Recorded traffic in ${result.dir} replayed against ${result.apis.map((a) => a.specFile).join(", ")}.`;
  const files: [string, string][] = [
    ["replay.json", `${JSON.stringify(result, null, 2)}\n`],
    ["replay.junit.xml", formatJunit(suite)],
    ["replay.html", formatHtmlReport(suite, note)],
    ["replay.md", formatMarkdownSummary(suite, note)],
  ];
  const written: string[] = [];
  for (const [name, text] of files) {
    const file = join(directory, name);
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, file);
    written.push(file);
  }
  return written;
}
