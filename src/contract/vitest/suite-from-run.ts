/**
 * The suite result of a vitest run of the cases, in the shape every report takes: the prepared
 * APIs with the cases that ran (those `-t` or `--shard` left out are not part of it), their
 * coverage, the spec defects found at set-up, and the APIs skipped before the run.
 */
import { computeCoverage } from "../reporting/coverage.js";
import { type ApiResult, apiNotes } from "../run/run-api.js";
import type { PreparedSuite, SuiteResult } from "../run-suite.js";
import type { CollectedRun } from "./run-cases.js";

/** Assemble the run's SuiteResult. */
export function suiteFromRun(
  prepared: PreparedSuite,
  collected: CollectedRun,
  strictExamples: boolean,
): SuiteResult {
  const ran: ApiResult[] = prepared.apis.map(({ loaded }) => {
    const metas = collected.cases.get(loaded.api) ?? [];
    const cases = metas.map((meta) => meta.result);
    return {
      api: loaded.api,
      target: prepared.target,
      title: loaded.index.title,
      version: loaded.index.version,
      operations: Object.keys(loaded.index.operations).length,
      cases,
      specDefects: prepared.specDefects.get(loaded.api) ?? [],
      coverage: computeCoverage(
        loaded.index,
        cases.map((c) => c.run),
      ),
      notes: apiNotes(loaded.index, prepared.target, loaded.semantics),
      durationMs: collected.durationMs,
    };
  });
  const order = (api: string) => {
    const at = [...prepared.apis.map((a) => a.loaded.api), ...prepared.skipped.map((a) => a.api)];
    return at.indexOf(api);
  };
  return {
    target: prepared.target,
    strictExamples,
    apis: [...ran, ...prepared.skipped].sort((a, b) => order(a.api) - order(b.api)),
    durationMs: collected.durationMs,
    secrets: prepared.secrets,
  };
}
