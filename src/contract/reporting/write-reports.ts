/**
 * Writing the reports under `reports/`: JSON (the whole run, also what `report merge` reads),
 * JUnit, the self-contained HTML report and the Markdown summary, which is also appended to
 * `$GITHUB_STEP_SUMMARY` when asked. Every byte passes one last redaction of the run's
 * credentials, so a secret that slipped into an error message still never reaches a file.
 */
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { redactSecrets } from "../../runtime/redact.js";
import type { SuiteResult } from "../run-suite.js";
import { formatHtmlReport } from "./html-report.js";
import { buildJsonReport } from "./json-report.js";
import { formatJunit } from "./junit-report.js";
import { formatMarkdownSummary } from "./markdown-summary.js";

/** Where the reports went. */
export interface WrittenReports {
  readonly json: string;
  readonly junit: string;
  readonly html: string;
  readonly markdown: string;
  /** Every file written, in that order. */
  readonly files: readonly string[];
}

/** Options of {@link writeReports}. */
export interface WriteReportsOptions {
  /** The shard this run was (`1/2`), or how a merged report came about; shown in the reports. */
  readonly shard?: string | undefined;
  /** A file the Markdown summary is appended to (`$GITHUB_STEP_SUMMARY`). */
  readonly stepSummary?: string | undefined;
  /** A line saying where the reports came from (merge). */
  readonly note?: string | undefined;
}

/** Write `contract-<target>.{json,junit.xml,html,md}` into `directory`. */
export async function writeReports(
  suite: SuiteResult,
  directory: string,
  options: WriteReportsOptions = {},
): Promise<WrittenReports> {
  await mkdir(directory, { recursive: true });
  const base = join(directory, `contract-${suite.target}`);
  const json = `${base}.json`;
  const junit = `${base}.junit.xml`;
  const html = `${base}.html`;
  const markdown = `${base}.md`;
  const clean = (text: string) => redactSecrets(text, suite.secrets);
  const note =
    options.note ??
    (options.shard ? `This is shard ${options.shard} of a sharded run.` : undefined);
  const summary = clean(formatMarkdownSummary(suite, note));
  await Promise.all([
    writeFile(json, clean(`${JSON.stringify(buildJsonReport(suite, options.shard), null, 2)}\n`)),
    writeFile(junit, clean(formatJunit(suite))),
    writeFile(html, clean(formatHtmlReport(suite, note))),
    writeFile(markdown, summary),
  ]);
  if (options.stepSummary) await appendFile(options.stepSummary, `${summary}\n`);
  return { json, junit, html, markdown, files: [json, junit, html, markdown] };
}
