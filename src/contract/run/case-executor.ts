/**
 * Sending and checking the cases of one API, one case at a time, in any order: what `runApi` (the
 * whole API in one call) and the vitest test entry (one vitest test per case) share. Each case is
 * sent at most once; a case that needs ids from a list waits for that list's first response (sent
 * once, whether or not the list's own case is part of the run); a few transport failures in a row
 * stop every later case with one ContractSetupError (fail-fast, as Schemathesis does on
 * connection errors).
 */

import type { OpenApiDocument } from "../../document/load-document.js";
import {
  NetworkError,
  RedirectNotFollowedError,
  RequestTimeoutError,
} from "../../runtime/client/client-errors.js";
import { type ApiClient, createApiClient } from "../../runtime/client/create-api-client.js";
import type { ApiIndex } from "../../runtime/operation-index.js";
import { redactSecrets } from "../../runtime/redact.js";
import type { ValidatorModule } from "../../runtime/validate/types.js";
import { type DeriveOptions, deriveCases } from "../cases/derive-cases.js";
import type { Check } from "../checks/check.js";
import { bodyRecords } from "../checks/field-paths.js";
import { CASE_GENERATION, prismRefusedCase } from "../checks/prism-request-conformance.js";
import { checks as defaultChecks, runChecks } from "../checks/registry.js";
import { ContractSetupError } from "../contract-errors.js";
import type { ApiSemantics } from "../semantics/define-semantics.js";
import type { TargetSession } from "../targets/target-session.js";
import type { CaseRun, ContractCase, Failure } from "../types.js";
import { type ListItems, resolveFills } from "./resolve-fills.js";
import { type CaseOutcome, type PageProgress, runCase } from "./run-case.js";

/** One case's run and what the checks made of it. */
export interface CaseResult {
  readonly run: CaseRun;
  /** Checks that applied (passed unless they produced an error failure). */
  readonly applied: readonly string[];
  readonly failures: readonly Failure[];
}

/** What an executor needs about its API and target. */
export interface ExecutorInput {
  readonly index: ApiIndex;
  readonly validators: ValidatorModule;
  readonly document: OpenApiDocument;
  readonly semantics: ApiSemantics | undefined;
  readonly session: TargetSession;
  /** Per-attempt timeout of each request, headers and body (default 30 s). */
  readonly timeoutMs?: number;
  /** Largest response body read, after decompression (default 50 MiB). */
  readonly maxResponseBytes?: number;
  /** Live runs: the variables the user sets, for setup errors that say what to fix. */
  readonly live?: { readonly credentialVariable: string; readonly baseUrlVariable: string };
  /** Aborts the run (another API's setup error, Ctrl-C). */
  readonly signal?: AbortSignal;
  readonly derive?: DeriveOptions;
  readonly checks?: readonly Check[];
  readonly onPage?: PageProgress;
}

/** Sends and checks the cases of one API. */
export interface CaseExecutor {
  readonly api: string;
  readonly baseUrl: string;
  /** Every case derived for the API, in derivation order. */
  readonly cases: readonly ContractCase[];
  /** Send `contractCase` (once: later calls get the same outcome). */
  send(contractCase: ContractCase): Promise<CaseOutcome>;
  /** Run the registry's checks on a sent (or skipped) case. */
  check(run: CaseRun): CaseResult;
  /** The fail-fast error, once the API's run has been stopped. */
  stopped(): ContractSetupError | undefined;
}

const DEFAULT_RESULTS_KEY = "results";

/** Transport failures in a row (by completion) after which an API's run stops. */
export const FAIL_FAST_AFTER = 3;

/** A failure of the connection rather than of the API's answer: what fail-fast counts. */
function isTransportFailure(error: unknown): error is Error {
  return error instanceof NetworkError || error instanceof RequestTimeoutError;
}

/** `error`'s name and message on one line. */
export function oneLine(error: Error): string {
  return `${error.name}: ${error.message}`.replace(/\s*\n\s*/g, " ");
}

/**
 * The setup error a probe's outcome shows, or undefined when the API answered. Refused, reset,
 * DNS, TLS and no-response timeouts mean the base URL is unreachable; 401/403 mean the credential
 * was rejected; a redirect to another origin means the base URL is not where the API lives.
 */
export function probeProblem(
  api: string,
  outcome: CaseOutcome,
  live: NonNullable<ExecutorInput["live"]>,
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
function refusal(contractCase: ContractCase, input: ExecutorInput): string | undefined {
  const operation = input.index.operations[contractCase.operation];
  if (!operation) return `operation ${contractCase.operation} is not in the index`;
  if (contractCase.unsendable !== undefined) return contractCase.unsendable;
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

/** Every case derived for an API, its semantics' filter fields bound to item fields. */
export function deriveApiCases(
  input: Pick<ExecutorInput, "index" | "document" | "semantics" | "derive">,
): ContractCase[] {
  return deriveCases(input.index, input.document, {
    ...input.derive,
    filterFields: { ...filterFields(input.semantics), ...input.derive?.filterFields },
  });
}

/** True for cases that wait for a list's first response (retrieve-by-id, data-driven filters). */
export function isDependent(contractCase: ContractCase): boolean {
  return contractCase.fills.some((f) => f.fromOperation !== undefined);
}

/** The executor of one API's cases against its session. */
export function createCaseExecutor(input: ExecutorInput): CaseExecutor {
  const { index, session } = input;
  const hooks = { loadValidators: () => Promise.resolve(input.validators) };
  const common = {
    baseUrl: session.baseUrl,
    fetch: session.transport,
    timeoutMs: input.timeoutMs,
    maxResponseBytes: input.maxResponseBytes,
  };
  // A document without security schemes has no place for a credential: the client refuses one.
  const secured = Object.values(index.operations).some((o) => o.security.length > 0);
  const client = createApiClient(
    index,
    secured ? { ...common, credential: session.credential } : common,
    hooks,
  );
  const anonymousClient = createApiClient(index, common, hooks);
  const resultsKey = input.semantics?.pagination?.results ?? DEFAULT_RESULTS_KEY;
  const redact = (text: string) => redactSecrets(text, session.secrets);
  const cases = deriveApiCases(input);
  const lists = new Map<string, ListItems>();
  const sent = new Map<string, Promise<CaseOutcome>>();
  const stop = new AbortController();
  const signal = input.signal ? AbortSignal.any([input.signal, stop.signal]) : stop.signal;
  let stopped: ContractSetupError | undefined;
  let inARow = 0;

  /** The first page of `operation`'s required-only case, sent once, as fill values. */
  const awaitList = async (operation: string): Promise<void> => {
    const source = cases.find((c) => c.operation === operation && c.kind === "required-only");
    if (source) await send(source);
  };

  const rememberList = (run: CaseRun): void => {
    const exchange = run.exchanges[0];
    if (run.case.kind !== "required-only" || !exchange || exchange.body.kind !== "json") return;
    if (exchange.status < 200 || exchange.status >= 300) return;
    const items = bodyRecords(exchange.body.value, resultsKey).filter((r) => r.pointer !== "");
    lists.set(run.case.operation, { operation: run.case.operation, items });
  };

  const sendOnce = async (contractCase: ContractCase): Promise<CaseOutcome> => {
    const notSent = (skipped: string): CaseOutcome => ({
      run: { case: contractCase, params: contractCase.params, exchanges: [], skipped },
    });
    const refused = refusal(contractCase, input);
    if (refused) return notSent(refused);
    const sources = new Set(
      contractCase.fills.flatMap((f) => (f.fromOperation === undefined ? [] : [f.fromOperation])),
    );
    await Promise.all([...sources].map(awaitList));
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
    rememberList(outcome.run);
    return outcome;
  };

  const send = (contractCase: ContractCase): Promise<CaseOutcome> => {
    let outcome = sent.get(contractCase.id);
    if (!outcome) {
      outcome = sendOnce(contractCase);
      sent.set(contractCase.id, outcome);
    }
    return outcome;
  };

  const registry = input.checks ?? defaultChecks;
  const check = (run: CaseRun): CaseResult => {
    const operation = index.operations[run.case.operation];
    if (!operation || run.skipped !== undefined) return { run, applied: [], failures: [] };
    if (run.error !== undefined) {
      const failure: Failure = {
        check: "request_completed",
        operation: operation.key,
        case: run.case.id,
        pointer: "",
        message: run.error,
      };
      return { run, applied: ["request_completed"], failures: [failure] };
    }
    const ctx = {
      api: index.api,
      target: session.target,
      prism: session.prism,
      index,
      validators: input.validators,
      operation,
      run,
      semantics: input.semantics,
    };
    // Prism refused our request: its answer says nothing of the vendor, so only case_generation speaks.
    const applicable = prismRefusedCase(ctx)
      ? registry.filter((c) => c.name === CASE_GENERATION)
      : registry;
    const outcome = runChecks(ctx, applicable);
    return { run, applied: outcome.applied, failures: outcome.failures };
  };

  return {
    api: index.api,
    baseUrl: session.baseUrl,
    cases,
    send,
    check,
    stopped: () => stopped,
  };
}
