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

import type { OpenApiDocument } from "../../document/load-document.js";
import type { ApiIndex } from "../../runtime/operation-index.js";
import { redactSecrets } from "../../runtime/redact.js";
import type { ValidatorModule } from "../../runtime/validate/types.js";
import type { DeriveOptions } from "../cases/derive-cases.js";
import type { Check } from "../checks/check.js";
import { ContractSetupError } from "../contract-errors.js";
import { computeCoverage, type OperationCoverage } from "../reporting/coverage.js";
import type { ApiSemantics } from "../semantics/define-semantics.js";
import type { TargetSession } from "../targets/target-session.js";
import type { CaseRun, SpecDefect, TargetName } from "../types.js";
import {
  type CaseExecutor,
  type CaseResult,
  createCaseExecutor,
  isDependent,
  probeProblem,
} from "./case-executor.js";
import { mapLimit } from "./map-limit.js";
import type { PageProgress } from "./run-case.js";

export { type CaseResult, FAIL_FAST_AFTER } from "./case-executor.js";

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

/**
 * The live probe: credentialed cases one at a time until one is sent; a rejected credential, an
 * unreachable base URL or a redirect elsewhere is thrown as one ContractSetupError.
 * @returns the runs sent (or skipped) on the way.
 */
export async function probeApi(
  executor: CaseExecutor,
  live: NonNullable<RunApiInput["live"]>,
  redact: (text: string) => string,
): Promise<CaseRun[]> {
  const probed: CaseRun[] = [];
  const candidates = executor.cases.filter(
    (c) => !isDependent(c) && c.credentials && c.expectStatus === undefined,
  );
  for (const candidate of candidates) {
    const outcome = await executor.send(candidate);
    probed.push(outcome.run);
    if (outcome.run.skipped !== undefined) continue;
    const problem = probeProblem(executor.api, outcome, live, executor.baseUrl, redact);
    if (problem) throw problem;
    break;
  }
  return probed;
}

/** Run every derived case of one API against its target session. */
export async function runApi(input: RunApiInput): Promise<ApiResult> {
  const started = performance.now();
  const { index, session } = input;
  const redact = (text: string) => redactSecrets(text, session.secrets);
  const executor = createCaseExecutor(input);
  const { cases } = executor;
  const execute = async (contractCase: (typeof cases)[number]): Promise<CaseRun> =>
    (await executor.send(contractCase)).run;

  const concurrency = input.concurrency ?? 8;
  const independent = cases.filter((c) => !isDependent(c));
  const probed = input.live ? await probeApi(executor, input.live, redact) : [];
  const probedIds = new Set(probed.map((run) => run.case.id));
  const first = [
    ...probed,
    ...(await mapLimit(
      independent.filter((c) => !probedIds.has(c.id)),
      concurrency,
      execute,
    )),
  ];
  const stoppedAfterFirst = executor.stopped();
  if (stoppedAfterFirst) throw stoppedAfterFirst;
  if (input.signal?.aborted) throw input.signal.reason;
  const second = await mapLimit(cases.filter(isDependent), concurrency, execute);
  const stopped = executor.stopped();
  if (stopped) throw stopped;
  if (input.signal?.aborted) throw input.signal.reason;
  const byId = new Map([...first, ...second].map((run) => [run.case.id, run]));
  if (input.live && ![...byId.values()].some((run) => run.skipped === undefined)) {
    const reason = [...byId.values()].find((run) => run.skipped !== undefined)?.skipped;
    throw new ContractSetupError(
      `${index.api}: no case could be sent, so nothing would be tested${reason ? ` (${reason})` : ""}; set what is missing or leave the API out with --api`,
    );
  }
  const results = cases.map((contractCase) => executor.check(byId.get(contractCase.id) as CaseRun));
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
    notes: apiNotes(index, session.target, input.semantics),
    durationMs: Math.round(performance.now() - started),
  };
}

/** Remarks for an API's summary: semantics missing on a live run, codegen warnings. */
export function apiNotes(
  index: ApiIndex,
  target: TargetName,
  semantics: ApiSemantics | undefined,
): string[] {
  return [
    ...(semantics || target !== "live"
      ? []
      : [`no semantics declared in specs/${index.api}/contract.json: semantic checks are off`]),
    // What codegen could not turn into validation (an unknown format, an unusable pattern).
    ...index.warnings.map((w) => `codegen warning at ${w.pointer}: ${w.message}`),
  ];
}
