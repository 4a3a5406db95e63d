/**
 * Writing the reports under `reports/`: JSON (the whole run, also what `report merge` reads),
 * JUnit, the self-contained HTML report and the Markdown summary, which is also appended to
 * `$GITHUB_STEP_SUMMARY` when asked. Every byte passes one last redaction of the run's
 * credentials, so a secret that slipped into an error message still never reaches a file.
 */
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { redactSecrets } from "../../runtime/redact.js";
import { ContractSetupError } from "../contract-errors.js";
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

/**
 * Write `contract-<target>.{json,junit.xml,html,md}` into `directory`.
 * @throws ContractSetupError naming the folder or the step-summary file that cannot be written.
 */
export async function writeReports(
  suite: SuiteResult,
  directory: string,
  options: WriteReportsOptions = {},
): Promise<WrittenReports> {
  try {
    await mkdir(directory, { recursive: true });
  } catch (error) {
    throw new ContractSetupError(
      `cannot create the reports folder ${directory}: ${reason(error)}; pass a writable --reports DIR`,
    );
  }
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
  try {
    await Promise.all([
      writeFile(json, clean(`${JSON.stringify(buildJsonReport(suite, options.shard), null, 2)}\n`)),
      writeFile(junit, clean(formatJunit(suite))),
      writeFile(html, clean(formatHtmlReport(suite, note))),
      writeFile(markdown, summary),
    ]);
  } catch (error) {
    throw new ContractSetupError(
      `cannot write the reports into ${directory}: ${reason(error)}; pass a writable --reports DIR`,
    );
  }
  if (options.stepSummary) {
    try {
      await appendFile(options.stepSummary, `${summary}\n`);
    } catch (error) {
      throw new ContractSetupError(
        `cannot append the summary to GITHUB_STEP_SUMMARY (${options.stepSummary}): ${reason(error)}; unset the variable or point it at an existing file`,
        "GITHUB_STEP_SUMMARY",
      );
    }
  }
  return { json, junit, html, markdown, files: [json, junit, html, markdown] };
}

/** The system's reason for a failed write (`ENOENT: no such file or directory`), without a stack. */
function reason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.message?.split(", ")[0] ?? String(error);
}
