/**
 * Writing the JSON and JUnit reports under `reports/`. Every byte passes one last redaction of the
 * run's credentials, so a secret that slipped into an error message still never reaches a file.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { redactSecrets } from "../../runtime/redact.js";
import type { SuiteResult } from "../run-suite.js";
import { buildJsonReport } from "./json-report.js";
import { formatJunit } from "./junit-report.js";

/** Where the reports went. */
export interface WrittenReports {
  readonly json: string;
  readonly junit: string;
}

/** Write `contract-<target>.json` and `contract-<target>.junit.xml` into `directory`. */
export async function writeReports(suite: SuiteResult, directory: string): Promise<WrittenReports> {
  await mkdir(directory, { recursive: true });
  const json = join(directory, `contract-${suite.target}.json`);
  const junit = join(directory, `contract-${suite.target}.junit.xml`);
  const clean = (text: string) => redactSecrets(text, suite.secrets);
  await Promise.all([
    writeFile(json, clean(`${JSON.stringify(buildJsonReport(suite), null, 2)}\n`)),
    writeFile(junit, clean(formatJunit(suite))),
  ]);
  return { json, junit };
}
