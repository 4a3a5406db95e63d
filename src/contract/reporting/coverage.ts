/**
 * The coverage table: for each operation, which documented parameters a sent request carried and
 * which documented statuses came back, on this target.
 */
import type { ApiIndex } from "../../runtime/operation-index.js";
import { findResponse } from "../../runtime/validate/match-response.js";
import type { KeywordCoverage } from "../generation/keyword-coverage.js";
import type { CaseRun } from "../types.js";

/** Coverage of one operation. */
export interface OperationCoverage {
  readonly operation: string;
  readonly parameters: {
    readonly documented: readonly string[];
    readonly exercised: readonly string[];
  };
  readonly statuses: {
    readonly documented: readonly string[];
    readonly exercised: readonly string[];
  };
  /** Statuses seen that the spec does not document. */
  readonly undocumented: readonly number[];
  /**
   * Generated requests (`--max-examples`): each parameter keyword, with how many valid requests
   * exercised it and how many mutants broke it (0 and 0: not exercised at all).
   */
  readonly keywords?: readonly Omit<KeywordCoverage, "operation">[];
}

/** Coverage of every operation of `index` by the runs of one API. */
export function computeCoverage(index: ApiIndex, runs: readonly CaseRun[]): OperationCoverage[] {
  return Object.values(index.operations).map((operation) => {
    const parameters = new Set<string>();
    const statuses = new Set<string>();
    const undocumented = new Set<number>();
    for (const run of runs) {
      if (run.case.operation !== operation.key || run.exchanges.length === 0) continue;
      for (const location of ["query", "path", "header"] as const) {
        for (const name of Object.keys(run.params[location] ?? {})) parameters.add(name);
      }
      for (const exchange of run.exchanges) {
        const documented = findResponse(operation, exchange.status);
        if (documented) statuses.add(documented.status);
        else undocumented.add(exchange.status);
      }
    }
    const documentedParams = operation.parameters.map((p) => p.name);
    const documentedStatuses = Object.keys(operation.responses);
    return {
      operation: operation.key,
      parameters: {
        documented: documentedParams,
        exercised: documentedParams.filter((name) => parameters.has(name)),
      },
      statuses: {
        documented: documentedStatuses,
        exercised: documentedStatuses.filter((status) => statuses.has(status)),
      },
      undocumented: [...undocumented].sort((a, b) => a - b),
    };
  });
}

function missing(label: string, all: readonly string[], seen: readonly string[]): string {
  const left = all.filter((item) => !seen.includes(item));
  return left.length === 0 ? "" : `; ${label}: ${left.join(", ")}`;
}

/** The table as text, one line per operation. */
export function formatCoverage(
  api: string,
  target: string,
  rows: readonly OperationCoverage[],
): string {
  const width = Math.max(9, ...rows.map((row) => row.operation.length));
  const lines = [
    `coverage of ${api} (${target}):`,
    `  ${"operation".padEnd(width)}  parameters  statuses`,
  ];
  for (const row of rows) {
    const params = `${row.parameters.exercised.length}/${row.parameters.documented.length}`;
    const statuses = `${row.statuses.exercised.join(",") || "-"} of ${row.statuses.documented.join(",")}`;
    const notes = [
      missing("parameters not sent", row.parameters.documented, row.parameters.exercised),
      row.undocumented.length > 0
        ? `; undocumented statuses seen: ${row.undocumented.join(",")}`
        : "",
    ].join("");
    lines.push(`  ${row.operation.padEnd(width)}  ${params.padEnd(10)}  ${statuses}${notes}`);
  }
  return lines.join("\n");
}
