/** Counting what a run did: cases, checks passed and failed, warnings; and the exit code it earns. */
import type { ApiResult } from "../run/run-api.js";
import type { SuiteResult } from "../run-suite.js";
import type { Failure } from "../types.js";

/** The numbers of one API's run. */
export interface ApiTally {
  readonly cases: number;
  readonly skippedCases: number;
  readonly checksPassed: number;
  readonly checksFailed: number;
  /** Error failures (each violation counts). */
  readonly failures: number;
  /** Warning failures plus spec defects. */
  readonly warnings: number;
  readonly specDefects: number;
}

/** True for failures that fail the run (everything but warnings). */
export function isError(failure: Failure): boolean {
  return failure.severity !== "warning";
}

/** Count one API's results: a check passes on a case when it applied and found no error. */
export function tallyApi(result: ApiResult): ApiTally {
  let checksPassed = 0;
  let checksFailed = 0;
  let failures = 0;
  let warnings = result.specDefects.length;
  for (const { run, applied, failures: found } of result.cases) {
    if (run.skipped !== undefined) continue;
    const failedChecks = new Set(found.filter(isError).map((f) => f.check));
    for (const check of applied) {
      if (failedChecks.has(check)) checksFailed++;
      else checksPassed++;
    }
    failures += found.filter(isError).length;
    warnings += found.filter((f) => !isError(f)).length;
  }
  return {
    cases: result.cases.length,
    skippedCases: result.cases.filter((c) => c.run.skipped !== undefined).length,
    checksPassed,
    checksFailed,
    failures,
    warnings,
    specDefects: result.specDefects.length,
  };
}

/** 0 when everything passed; 1 on any contract violation (or spec defect with --strict-examples). */
export function suiteExitCode(suite: SuiteResult): 0 | 1 {
  for (const api of suite.apis) {
    const tally = tallyApi(api);
    if (tally.failures > 0) return 1;
    if (suite.strictExamples && tally.specDefects > 0) return 1;
  }
  return 0;
}
