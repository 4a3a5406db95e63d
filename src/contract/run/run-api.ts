/**
 * The contract run of one API against one target: derive the cases, send them (independent ones
 * first, then those that need ids from a list) with bounded concurrency, and run every check.
 */
import { type ApiClient, createApiClient } from "../../runtime/client/create-api-client.js";
import type { ApiIndex } from "../../runtime/operation-index.js";
import type { ValidatorModule } from "../../runtime/validate/types.js";
import type { OpenApiDocument } from "../../spec/load-document.js";
import { type DeriveOptions, deriveCases } from "../cases/derive-cases.js";
import type { Check } from "../checks/check.js";
import { bodyRecords } from "../checks/field-paths.js";
import { checks as defaultChecks, runChecks } from "../checks/registry.js";
import { computeCoverage, type OperationCoverage } from "../reporting/coverage.js";
import type { ApiSemantics } from "../semantics/define-semantics.js";
import type { TargetSession } from "../targets/target-session.js";
import type { CaseRun, ContractCase, Failure, SpecDefect, TargetName } from "../types.js";
import { mapLimit } from "./map-limit.js";
import { type ListItems, resolveFills } from "./resolve-fills.js";
import { type PageProgress, runCase } from "./run-case.js";

/** One case's run and what the checks made of it. */
export interface CaseResult {
  readonly run: CaseRun;
  /** Checks that applied (passed unless they produced an error failure). */
  readonly applied: readonly string[];
  readonly failures: readonly Failure[];
}

/** The outcome of one API on one target. */
export interface ApiResult {
  readonly api: string;
  readonly target: TargetName;
  readonly title: string;
  readonly version: string;
  /** Set when the API was not run at all (e.g. no credentials), with the one-line reason. */
  readonly skipped?: string;
  readonly operations: number;
  readonly cases: readonly CaseResult[];
  /** Spec defects found by the mock target's example checks. */
  readonly specDefects: readonly SpecDefect[];
  /** Operations × parameters × statuses exercised. */
  readonly coverage: readonly OperationCoverage[];
  /** Remarks for the summary (e.g. "no semantics declared"). */
  readonly notes: readonly string[];
  readonly durationMs: number;
}

/** Inputs of {@link runApi}. */
export interface RunApiInput {
  readonly index: ApiIndex;
  readonly validators: ValidatorModule;
  readonly document: OpenApiDocument;
  readonly semantics: ApiSemantics | undefined;
  readonly session: TargetSession;
  /** Requests in flight at once (default 8). */
  readonly concurrency?: number;
  /** Per-attempt timeout of each request (default 30 s). */
  readonly timeoutMs?: number;
  readonly derive?: DeriveOptions;
  readonly checks?: readonly Check[];
  readonly onPage?: PageProgress;
}

const DEFAULT_RESULTS_KEY = "results";

/** Why a case is not sent at all, or undefined when it may be. */
function refusal(contractCase: ContractCase, input: RunApiInput): string | undefined {
  const operation = input.index.operations[contractCase.operation];
  if (!operation) return `operation ${contractCase.operation} is not in the index`;
  if (operation.requestBody?.required) {
    return `${operation.key} needs a request body, which the suite does not derive`;
  }
  const safe = operation.method === "get" || operation.method === "head";
  if (!safe && input.session.target === "live" && !input.session.allowWrites) {
    return `${operation.method.toUpperCase()} is a write; live runs send GET and HEAD only unless --allow-writes`;
  }
  return undefined;
}

/** Filter parameters bound to item fields, for data-driven filter values. */
function filterFields(semantics: ApiSemantics | undefined): Record<string, string> {
  return Object.fromEntries((semantics?.filters ?? []).map((f) => [f.param, f.field]));
}

/** Run every derived case of one API against its target session. */
export async function runApi(input: RunApiInput): Promise<ApiResult> {
  const started = performance.now();
  const { index, session } = input;
  const hooks = { loadValidators: () => Promise.resolve(input.validators) };
  const common = { baseUrl: session.baseUrl, fetch: session.transport, timeoutMs: input.timeoutMs };
  const client = createApiClient(index, { ...common, credential: session.credential }, hooks);
  const anonymousClient = createApiClient(index, common, hooks);
  const resultsKey = input.semantics?.pagination?.results ?? DEFAULT_RESULTS_KEY;

  const cases = deriveCases(index, input.document, {
    ...input.derive,
    filterFields: { ...filterFields(input.semantics), ...input.derive?.filterFields },
  });
  const lists = new Map<string, ListItems>();
  const execute = async (contractCase: ContractCase): Promise<CaseRun> => {
    const refused = refusal(contractCase, input);
    if (refused)
      return { case: contractCase, params: contractCase.params, exchanges: [], skipped: refused };
    const resolved = resolveFills(contractCase, {
      target: session.target,
      lists,
      knownValues: (name) => session.knownValues(name),
    });
    if ("skipped" in resolved) {
      return {
        case: contractCase,
        params: contractCase.params,
        exchanges: [],
        skipped: resolved.skipped,
      };
    }
    const operation = index.operations[contractCase.operation];
    if (!operation) throw new Error(`unreachable: ${contractCase.operation} vanished`);
    return runCase(contractCase, resolved.params, resolved.origin, {
      session,
      operation,
      client: client as ApiClient<Record<string, never>>,
      anonymousClient: anonymousClient as ApiClient<Record<string, never>>,
      onPage: input.onPage,
    });
  };

  const dependent = (c: ContractCase) => c.fills.some((f) => f.fromOperation !== undefined);
  const concurrency = input.concurrency ?? 8;
  const first = await mapLimit(
    cases.filter((c) => !dependent(c)),
    concurrency,
    execute,
  );
  for (const run of first) {
    const exchange = run.exchanges[0];
    if (run.case.kind !== "required-only" || !exchange || exchange.body.kind !== "json") continue;
    if (exchange.status < 200 || exchange.status >= 300) continue;
    const items = bodyRecords(exchange.body.value, resultsKey).filter((r) => r.pointer !== "");
    lists.set(run.case.operation, { operation: run.case.operation, items });
  }
  const second = await mapLimit(cases.filter(dependent), concurrency, execute);
  const byId = new Map([...first, ...second].map((run) => [run.case.id, run]));

  const registry = input.checks ?? defaultChecks;
  const results = cases.map((contractCase): CaseResult => {
    const run = byId.get(contractCase.id) as CaseRun;
    const operation = index.operations[contractCase.operation];
    if (!operation || run.skipped !== undefined) return { run, applied: [], failures: [] };
    if (run.error !== undefined) {
      const failure: Failure = {
        check: "request_completed",
        operation: operation.key,
        case: contractCase.id,
        pointer: "",
        message: run.error,
      };
      return { run, applied: ["request_completed"], failures: [failure] };
    }
    const outcome = runChecks(
      {
        api: index.api,
        target: session.target,
        prism: session.prism,
        index,
        validators: input.validators,
        operation,
        run,
        semantics: input.semantics,
      },
      registry,
    );
    return { run, applied: outcome.applied, failures: outcome.failures };
  });

  return {
    api: index.api,
    target: session.target,
    title: index.title,
    version: index.version,
    operations: Object.keys(index.operations).length,
    cases: results,
    specDefects: [],
    coverage: computeCoverage(
      index,
      results.map((r) => r.run),
    ),
    notes: [
      ...(input.semantics || session.target !== "live"
        ? []
        : [
            `no semantics declared in contract-tests/${index.api}.semantics.ts: semantic checks are off`,
          ]),
      // What codegen could not turn into validation (an unknown format, an unusable pattern).
      ...index.warnings.map((w) => `codegen warning at ${w.pointer}: ${w.message}`),
    ],
    durationMs: Math.round(performance.now() - started),
  };
}
