/**
 * The contract run of one API against one target: derive the cases, send them (independent ones
 * first, then those that need ids from a list) with bounded concurrency, and run every check.
 *
 * Against a live target the first credentialed case goes alone, as a probe: a rejected credential
 * (401/403), an unreachable base URL or a redirect elsewhere is one ContractSetupError (exit 2)
 * naming the variable to fix, before any other case is sent. Later, a few transport failures in a
 * row (timeouts, refused or reset connections, TLS) stop the API's run with one setup error instead
 * of letting every case time out, as Schemathesis' fail-fast on connection errors does.
 */
import {
  NetworkError,
  RedirectNotFollowedError,
  RequestTimeoutError,
} from "../../runtime/client/client-errors.js";
import { type ApiClient, createApiClient } from "../../runtime/client/create-api-client.js";
import type { ApiIndex } from "../../runtime/operation-index.js";
import { redactSecrets } from "../../runtime/redact.js";
import type { ValidatorModule } from "../../runtime/validate/types.js";
import type { OpenApiDocument } from "../../spec/load-document.js";
import { type DeriveOptions, deriveCases } from "../cases/derive-cases.js";
import type { Check } from "../checks/check.js";
import { bodyRecords } from "../checks/field-paths.js";
import { checks as defaultChecks, runChecks } from "../checks/registry.js";
import { ContractSetupError } from "../contract-errors.js";
import { computeCoverage, type OperationCoverage } from "../reporting/coverage.js";
import type { ApiSemantics } from "../semantics/define-semantics.js";
import type { TargetSession } from "../targets/target-session.js";
import type { CaseRun, ContractCase, Failure, SpecDefect, TargetName } from "../types.js";
import { mapLimit } from "./map-limit.js";
import { type ListItems, resolveFills } from "./resolve-fills.js";
import { type CaseOutcome, type PageProgress, runCase } from "./run-case.js";

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
  /** Per-attempt timeout of each request, headers and body (default 30 s). */
  readonly timeoutMs?: number;
  /** Largest response body read, after decompression (default 50 MiB). */
  readonly maxResponseBytes?: number;
  /**
   * Live runs: the variables the user sets, for setup errors that say what to fix. When present,
   * the first credentialed case is sent alone as a probe (see the module comment).
   */
  readonly live?: { readonly credentialVariable: string; readonly baseUrlVariable: string };
  /** Aborts the run (another API's setup error, Ctrl-C). */
  readonly signal?: AbortSignal;
  readonly derive?: DeriveOptions;
  readonly checks?: readonly Check[];
  readonly onPage?: PageProgress;
}

const DEFAULT_RESULTS_KEY = "results";

/** Transport failures in a row (by completion) after which an API's run stops. */
export const FAIL_FAST_AFTER = 3;

/** A failure of the connection rather than of the API's answer: what fail-fast counts. */
function isTransportFailure(error: unknown): error is Error {
  return error instanceof NetworkError || error instanceof RequestTimeoutError;
}

/** `error`'s name and message on one line. */
function oneLine(error: Error): string {
  return `${error.name}: ${error.message}`.replace(/\s*\n\s*/g, " ");
}

/**
 * The setup error a probe's outcome shows, or undefined when the API answered. Refused, reset,
 * DNS, TLS and no-response timeouts mean the base URL is unreachable; 401/403 mean the credential
 * was rejected; a redirect to another origin means the base URL is not where the API lives.
 */
function probeProblem(
  api: string,
  outcome: CaseOutcome,
  live: NonNullable<RunApiInput["live"]>,
  baseUrl: string,
  redact: (text: string) => string,
): ContractSetupError | undefined {
  const { thrown, run } = outcome;
  const fix = `check ${live.baseUrlVariable} (now ${baseUrl})`;
  if (thrown instanceof NetworkError && thrown.failure !== "truncated") {
    return new ContractSetupError(
      redact(
        `${api}: cannot reach ${thrown.host}:${thrown.port} (${thrown.name}: ${thrown.reason}); ${fix} and your network`,
      ),
      live.baseUrlVariable,
    );
  }
  if (thrown instanceof RequestTimeoutError && thrown.phase === "response") {
    return new ContractSetupError(
      redact(
        `${api}: ${baseUrl} sent no response within ${thrown.timeoutMs} ms (RequestTimeoutError); ${fix}, or raise --timeout`,
      ),
      live.baseUrlVariable,
    );
  }
  if (thrown instanceof RedirectNotFollowedError) {
    return new ContractSetupError(
      redact(`${api}: ${oneLine(thrown)}; ${fix}`),
      live.baseUrlVariable,
    );
  }
  const status = run.exchanges[0]?.status;
  if (status === 401 || status === 403) {
    const exchange = run.exchanges[0];
    return new ContractSetupError(
      redact(
        `${api}: ${live.credentialVariable} was rejected: ${exchange?.method} ${exchange?.url} answered ${status}; check that the key is current and meant for ${baseUrl} (its value is not shown)`,
      ),
      live.credentialVariable,
    );
  }
  return undefined;
}

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
  const common = {
    baseUrl: session.baseUrl,
    fetch: session.transport,
    timeoutMs: input.timeoutMs,
    maxResponseBytes: input.maxResponseBytes,
  };
  const client = createApiClient(index, { ...common, credential: session.credential }, hooks);
  const anonymousClient = createApiClient(index, common, hooks);
  const resultsKey = input.semantics?.pagination?.results ?? DEFAULT_RESULTS_KEY;
  const redact = (text: string) => redactSecrets(text, session.secrets);

  const cases = deriveCases(index, input.document, {
    ...input.derive,
    filterFields: { ...filterFields(input.semantics), ...input.derive?.filterFields },
  });
  const lists = new Map<string, ListItems>();
  const stop = new AbortController();
  const signal = input.signal ? AbortSignal.any([input.signal, stop.signal]) : stop.signal;
  let stopped: ContractSetupError | undefined;
  let inARow = 0;
  const send = async (contractCase: ContractCase): Promise<CaseOutcome> => {
    const refused = refusal(contractCase, input);
    const notSent = (skipped: string): CaseOutcome => ({
      run: { case: contractCase, params: contractCase.params, exchanges: [], skipped },
    });
    if (refused) return notSent(refused);
    if (signal.aborted) return notSent("not sent: the run was stopped");
    const resolved = resolveFills(contractCase, {
      target: session.target,
      lists,
      knownValues: (name) => session.knownValues(name),
    });
    if ("skipped" in resolved) return notSent(resolved.skipped);
    const operation = index.operations[contractCase.operation];
    if (!operation) throw new Error(`unreachable: ${contractCase.operation} vanished`);
    const outcome = await runCase(contractCase, resolved.params, resolved.origin, {
      session,
      operation,
      client: client as ApiClient<Record<string, never>>,
      anonymousClient: anonymousClient as ApiClient<Record<string, never>>,
      onPage: input.onPage,
      signal,
    });
    if (isTransportFailure(outcome.thrown)) {
      inARow++;
      if (inARow >= FAIL_FAST_AFTER && stopped === undefined) {
        const where = input.live ? `; check ${input.live.baseUrlVariable} and your network` : "";
        stopped = new ContractSetupError(
          redact(
            `${index.api}: stopped after ${inARow} transport failures in a row, last ${oneLine(outcome.thrown)}${where}`,
          ),
          input.live?.baseUrlVariable,
        );
        stop.abort(stopped);
      }
    } else if (outcome.run.exchanges.length > 0) {
      inARow = 0;
    }
    return outcome;
  };
  const execute = async (contractCase: ContractCase): Promise<CaseRun> =>
    (await send(contractCase)).run;

  const dependent = (c: ContractCase) => c.fills.some((f) => f.fromOperation !== undefined);
  const concurrency = input.concurrency ?? 8;
  const independent = cases.filter((c) => !dependent(c));
  const probed: CaseRun[] = [];
  if (input.live) {
    // The probe: credentialed cases one at a time until one is sent.
    const candidates = independent.filter((c) => c.credentials && c.expectStatus === undefined);
    for (const candidate of candidates) {
      const outcome = await send(candidate);
      probed.push(outcome.run);
      if (outcome.run.skipped !== undefined) continue;
      const problem = probeProblem(index.api, outcome, input.live, session.baseUrl, redact);
      if (problem) throw problem;
      break;
    }
  }
  const probedIds = new Set(probed.map((run) => run.case.id));
  const first = [
    ...probed,
    ...(await mapLimit(
      independent.filter((c) => !probedIds.has(c.id)),
      concurrency,
      execute,
    )),
  ];
  if (stopped) throw stopped;
  if (input.signal?.aborted) throw input.signal.reason;
  for (const run of first) {
    const exchange = run.exchanges[0];
    if (run.case.kind !== "required-only" || !exchange || exchange.body.kind !== "json") continue;
    if (exchange.status < 200 || exchange.status >= 300) continue;
    const items = bodyRecords(exchange.body.value, resultsKey).filter((r) => r.pointer !== "");
    lists.set(run.case.operation, { operation: run.case.operation, items });
  }
  const second = await mapLimit(cases.filter(dependent), concurrency, execute);
  if (stopped) throw stopped;
  if (input.signal?.aborted) throw input.signal.reason;
  const byId = new Map([...first, ...second].map((run) => [run.case.id, run]));
  if (input.live && ![...byId.values()].some((run) => run.skipped === undefined)) {
    const reason = [...byId.values()].find((run) => run.skipped !== undefined)?.skipped;
    throw new ContractSetupError(
      `${index.api}: no case could be sent, so nothing would be tested${reason ? ` (${reason})` : ""}; set what is missing or leave the API out with --api`,
    );
  }

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
