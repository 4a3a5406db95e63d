/**
 * JUnit XML for CI: one `<testsuite>` per API, one `<testcase>` per case (classname = API and
 * operation), a `<failure>` per failing check, `<skipped>` for skipped cases and APIs, and one
 * test case per spec defect (failing only with --strict-examples).
 * @see https://github.com/testmoapp/junitxml
 */
import type { ApiResult } from "../run/run-api.js";
import type { SuiteResult } from "../run-suite.js";
import { isError } from "./tally.js";

/** Escape text for XML content and attribute values (and drop characters XML 1.0 forbids). */
export function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 forbids.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}

function testSuite(result: ApiResult, strict: boolean): string {
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  if (result.skipped !== undefined) {
    skipped++;
    cases.push(
      `    <testcase name="${escapeXml(result.api)}" classname="${escapeXml(result.api)}"><skipped message="${escapeXml(result.skipped)}"/></testcase>`,
    );
  }
  for (const { run, failures: found } of result.cases) {
    const name = escapeXml(run.case.id);
    const classname = escapeXml(`${result.api}.${run.case.operation}`);
    const time = (run.exchanges.reduce((sum, e) => sum + e.durationMs, 0) / 1000).toFixed(3);
    const body: string[] = [];
    if (run.skipped !== undefined) {
      skipped++;
      body.push(`<skipped message="${escapeXml(run.skipped)}"/>`);
    }
    const errors = found.filter(isError);
    if (errors.length > 0) failures++;
    for (const f of errors) {
      body.push(
        `<failure type="${escapeXml(f.check)}" message="${escapeXml(`${f.check} at ${f.pointer || "(response)"}`)}">${escapeXml(f.message)}</failure>`,
      );
    }
    const warnings = found.filter((f) => !isError(f));
    if (warnings.length > 0) {
      body.push(
        `<system-out>${escapeXml(warnings.map((w) => `warning: ${w.check} ${w.pointer}: ${w.message}`).join("\n"))}</system-out>`,
      );
    }
    cases.push(
      `    <testcase name="${name}" classname="${classname}" time="${time}">${body.join("")}</testcase>`,
    );
  }
  for (const defect of result.specDefects) {
    const body = strict
      ? `<failure type="spec-${defect.source}" message="${escapeXml(defect.pointer)}">${escapeXml(defect.message)}</failure>`
      : `<system-out>${escapeXml(`spec warning: ${defect.message}`)}</system-out>`;
    if (strict) failures++;
    cases.push(
      `    <testcase name="${escapeXml(`spec ${defect.source} ${defect.pointer}`)}" classname="${escapeXml(`${result.api}.spec`)}">${body}</testcase>`,
    );
  }
  return [
    `  <testsuite name="${escapeXml(`${result.api} (${result.target})`)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${(result.durationMs / 1000).toFixed(3)}">`,
    ...cases,
    "  </testsuite>",
  ].join("\n");
}

/** The JUnit XML document of a run. */
export function formatJunit(suite: SuiteResult): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="api-contracts contract (${suite.target})" time="${(suite.durationMs / 1000).toFixed(3)}">`,
    ...suite.apis.map((api) => testSuite(api, suite.strictExamples)),
    "</testsuites>",
    "",
  ].join("\n");
}
