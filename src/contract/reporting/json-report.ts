/**
 * The JSON report: the whole run (cases, parameters sent, exchanges without bodies, failures,
 * spec defects, coverage, tallies, a redacted body excerpt per exchange), secrets already redacted
 * by the runner. It is also what `api-contracts report merge` reads back (read-json-report.ts).
 */
import type { SuiteResult } from "../run-suite.js";
import { suiteExitCode, tallyApi } from "./tally.js";

/** The report as a JSON-ready object (`secrets` are left out, bodies too: they can be large). */
export function buildJsonReport(suite: SuiteResult, shard?: string): unknown {
  return {
    tool: "api-contracts",
    target: suite.target,
    shard: shard ?? null,
    strictExamples: suite.strictExamples,
    exitCode: suiteExitCode(suite),
    durationMs: suite.durationMs,
    apis: suite.apis.map((api) => ({
      api: api.api,
      title: api.title,
      version: api.version,
      skipped: api.skipped ?? null,
      operations: api.operations,
      durationMs: api.durationMs,
      tally: tallyApi(api),
      notes: api.notes,
      specDefects: api.specDefects,
      coverage: api.coverage,
      cases: api.cases.map(({ run, applied, failures }) => ({
        id: run.case.id,
        kind: run.case.kind,
        operation: run.case.operation,
        params: run.params,
        skipped: run.skipped ?? null,
        error: run.error ?? null,
        checks: applied,
        failures,
        exchanges: run.exchanges.map(({ body, ...exchange }) => ({ ...exchange, body: body.kind })),
      })),
    })),
  };
}
