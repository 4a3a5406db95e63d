/**
 * Reading a JSON report back into a suite result (for `api-contracts report merge`), and merging
 * the results of shards into one: every case exactly once (a case found in two shards is an
 * error: the shards overlap), spec warnings once, coverage as the union of what each shard
 * exercised.
 */

import { isJsonObject } from "../../runtime/json-value.js";
import { ContractSetupError } from "../contract-errors.js";
import type { CaseResult } from "../run/case-executor.js";
import type { ApiResult } from "../run/run-api.js";
import type { SuiteResult } from "../run-suite.js";
import type {
  CaseKind,
  Exchange,
  Failure,
  ObservedBody,
  SpecDefect,
  TargetName,
} from "../types.js";
import type { OperationCoverage } from "./coverage.js";

interface JsonCase {
  id: string;
  kind: CaseKind;
  operation: string;
  params: CaseResult["run"]["params"];
  skipped: string | null;
  error: string | null;
  checks: string[];
  failures: Failure[];
  exchanges: (Omit<Exchange, "body"> & { body: ObservedBody["kind"] })[];
}

interface JsonApi {
  api: string;
  title: string;
  version: string;
  skipped: string | null;
  operations: number;
  durationMs: number;
  notes: string[];
  specDefects: SpecDefect[];
  coverage: OperationCoverage[];
  cases: JsonCase[];
}

function bodyOf(kind: ObservedBody["kind"]): ObservedBody {
  if (kind === "json") return { kind, value: null };
  if (kind === "text") return { kind, text: "" };
  if (kind === "binary") return { kind, bytes: 0 };
  return { kind: "none" };
}

/**
 * A suite result from a parsed `contract-<target>.json`.
 * @throws ContractSetupError when `file` is not an api-contracts JSON report.
 */
export function suiteFromJsonReport(value: unknown, file: string): SuiteResult {
  if (
    !isJsonObject(value) ||
    value.tool !== "api-contracts" ||
    (value.target !== "mock" && value.target !== "live") ||
    !Array.isArray(value.apis)
  ) {
    throw new ContractSetupError(
      `${file}: not a contract report of api-contracts test (expected "tool": "api-contracts", a target and apis)`,
    );
  }
  const target = value.target as TargetName;
  const apis = (value.apis as JsonApi[]).map(
    (api): ApiResult => ({
      api: api.api,
      target,
      title: api.title,
      version: api.version,
      ...(api.skipped === null ? {} : { skipped: api.skipped }),
      operations: api.operations,
      durationMs: api.durationMs,
      notes: api.notes,
      specDefects: api.specDefects,
      coverage: api.coverage,
      cases: api.cases.map((c) => ({
        run: {
          case: {
            id: c.id,
            kind: c.kind,
            operation: c.operation,
            params: c.params,
            fills: [],
            credentials: true,
          },
          params: c.params,
          exchanges: c.exchanges.map((e) => ({ ...e, body: bodyOf(e.body) })),
          ...(c.skipped === null ? {} : { skipped: c.skipped }),
          ...(c.error === null ? {} : { error: c.error }),
        },
        applied: c.checks,
        failures: c.failures,
      })),
    }),
  );
  return {
    target,
    strictExamples: value.strictExamples === true,
    apis,
    durationMs: typeof value.durationMs === "number" ? value.durationMs : 0,
    secrets: [],
  };
}

function union(order: readonly string[], ...lists: (readonly string[])[]): string[] {
  const seen = new Set(lists.flat());
  return order.filter((item) => seen.has(item));
}

function mergeCoverage(a: readonly OperationCoverage[], b: readonly OperationCoverage[]) {
  const byOperation = new Map(b.map((row) => [row.operation, row]));
  return a.map((row): OperationCoverage => {
    const other = byOperation.get(row.operation);
    if (!other) return row;
    return {
      operation: row.operation,
      parameters: {
        documented: row.parameters.documented,
        exercised: union(
          row.parameters.documented,
          row.parameters.exercised,
          other.parameters.exercised,
        ),
      },
      statuses: {
        documented: row.statuses.documented,
        exercised: union(row.statuses.documented, row.statuses.exercised, other.statuses.exercised),
      },
      undocumented: [...new Set([...row.undocumented, ...other.undocumented])].sort(
        (x, y) => x - y,
      ),
    };
  });
}

function mergeApi(a: ApiResult, b: ApiResult, where: string): ApiResult {
  if (a.skipped !== undefined) return b.skipped !== undefined ? a : b;
  if (b.skipped !== undefined) return a;
  const ids = new Set(a.cases.map((c) => c.run.case.id));
  for (const c of b.cases) {
    if (ids.has(c.run.case.id)) {
      throw new ContractSetupError(
        `${a.api}: case '${c.run.case.id}' is in more than one report (${where}): the shards overlap; merge the reports of one sharded run, each shard once`,
      );
    }
  }
  const defects = new Map(
    [...a.specDefects, ...b.specDefects].map((d) => [JSON.stringify(d), d] as const),
  );
  const operationOrder = a.coverage.map((row) => row.operation);
  const position = (operation: string) => {
    const at = operationOrder.indexOf(operation);
    return at === -1 ? operationOrder.length : at;
  };
  const cases = [...a.cases, ...b.cases]
    .map((c, i) => ({ c, i }))
    .sort(
      (x, y) => position(x.c.run.case.operation) - position(y.c.run.case.operation) || x.i - y.i,
    )
    .map(({ c }) => c);
  return {
    ...a,
    cases,
    specDefects: [...defects.values()],
    coverage: mergeCoverage(a.coverage, b.coverage),
    notes: [...new Set([...a.notes, ...b.notes])],
    durationMs: Math.max(a.durationMs, b.durationMs),
  };
}

/**
 * One suite from the suites of a sharded run (same target), each case exactly once.
 * @throws ContractSetupError when the targets differ or a case appears twice.
 */
export function mergeSuites(suites: readonly { suite: SuiteResult; file: string }[]): SuiteResult {
  const [first, ...rest] = suites;
  if (!first) throw new ContractSetupError("report merge: no report to merge");
  const apis = new Map(first.suite.apis.map((api) => [api.api, api]));
  const files = new Map(first.suite.apis.map((api) => [api.api, first.file]));
  for (const { suite, file } of rest) {
    if (suite.target !== first.suite.target) {
      throw new ContractSetupError(
        `report merge: ${file} is a ${suite.target} run, ${first.file} a ${first.suite.target} run; merge the shards of one run`,
      );
    }
    for (const api of suite.apis) {
      const known = apis.get(api.api);
      apis.set(api.api, known ? mergeApi(known, api, `${files.get(api.api)} and ${file}`) : api);
      files.set(api.api, file);
    }
  }
  return {
    target: first.suite.target,
    strictExamples: suites.some(({ suite }) => suite.strictExamples),
    apis: [...apis.values()],
    durationMs: Math.max(...suites.map(({ suite }) => suite.durationMs)),
    secrets: [],
  };
}
