/**
 * A replay as the contract suite's result shape, so the suite's own JUnit, HTML and Markdown
 * writers report it: one case per recorded exchange (named `<operation> › recorded #<n>`), a
 * `replay_schema_conformance` error per violation (JSON Pointer and rule), a
 * `replay_undocumented_field` warning per field the spec does not describe, and the operations no
 * recording covers and the requests no operation describes as notes.
 */
import type { CaseResult } from "../contract/run/case-executor.js";
import type { ApiResult } from "../contract/run/run-api.js";
import type { SuiteResult } from "../contract/run-suite.js";
import type { Exchange, Failure } from "../contract/types.js";
import type { ReplayResult } from "./replay-recordings.js";

/** Check names replay reports under. */
export const REPLAY_CHECKS = {
  schema: "replay_schema_conformance",
  field: "replay_undocumented_field",
} as const;

/** `result` as a SuiteResult (target `live`: the traffic came from the vendor). */
export function replaySuite(
  result: ReplayResult,
  titles: ReadonlyMap<string, { title: string; version: string }>,
): SuiteResult {
  const apis: ApiResult[] = result.apis.map((replay) => {
    const cases: CaseResult[] = [];
    for (const operation of replay.operations) {
      const rejectedBy = new Map(operation.rejected.map((r) => [`${r.file}#${r.entry}`, r]));
      const fields: Failure[] = operation.undocumentedFields.map((pointer) => ({
        check: REPLAY_CHECKS.field,
        operation: operation.operation,
        case: `${operation.operation} › recorded traffic`,
        pointer,
        message: `recorded responses hold '${pointer}', which the spec does not describe`,
        severity: "warning",
      }));
      if (operation.exchanges === 0) continue;
      const id = `${operation.operation} › recorded traffic`;
      const failures: Failure[] = [...fields];
      for (const rejected of rejectedBy.values()) {
        for (const violation of rejected.violations) {
          failures.push({
            check: REPLAY_CHECKS.schema,
            operation: operation.operation,
            case: id,
            pointer: violation.pointer,
            message: `${violation.keyword}: ${violation.message} (status ${rejected.status}, ${rejected.file} ${rejected.entry})`,
          });
        }
      }
      const exchange: Exchange = {
        method: operation.method,
        url: operation.path,
        requestHeaders: {},
        status: operation.rejected[0]?.status ?? 200,
        contentType: undefined,
        responseHeaders: {},
        body: { kind: "none" },
        durationMs: 0,
      };
      cases.push({
        run: {
          case: {
            id,
            operation: operation.operation,
            kind: "required-only",
            params: {},
            fills: [],
            credentials: true,
          },
          params: {},
          exchanges: [exchange],
        },
        applied: [REPLAY_CHECKS.schema, REPLAY_CHECKS.field],
        failures,
      });
    }
    const notes = [
      ...(replay.uncovered.length > 0
        ? [`not covered by the recording: ${replay.uncovered.join(", ")}`]
        : []),
      ...replay.undescribed.map(
        (u) =>
          `recorded ${u.method} ${u.url} (${u.recordedAs ?? "unmatched"}) matches no operation of ${replay.specFile}`,
      ),
    ];
    const info = titles.get(replay.api);
    return {
      api: replay.api,
      target: "live",
      title: info?.title ?? replay.api,
      version: info?.version ?? "",
      operations: replay.operations.length,
      cases,
      specDefects: [],
      coverage: [],
      notes,
      durationMs: 0,
    };
  });
  return { target: "live", strictExamples: false, apis, durationMs: 0, secrets: [] };
}
