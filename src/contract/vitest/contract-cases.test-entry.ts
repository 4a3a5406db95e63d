/**
 * The vitest side of `api-contracts test`: each generated case file (one per operation, see
 * write-case-files.ts) calls {@link declareOperationCases}, which at collection time derives the
 * operation's cases from the spec and declares one vitest test per case, named
 * `<api> › <operationId> › <case>`, so vitest's filters (`-t`), `--bail`, `--shard` (by file, that
 * is by operation) and reporters apply to cases. A test sends its case through the API's shared
 * executor (each case once; ids from a list fetched once per run), runs the checks registry on
 * it, stores the result in the test's meta for the CLI's reports, and fails with every violation
 * (check, JSON Pointer, message) when a check found one.
 *
 * Everything expensive is shared per API in this module (vitest runs the case files in one worker
 * with `isolate: false`): the generated module and document are loaded once, Prism was started by
 * the CLI before vitest, and a live API's request pacing spans all its operations.
 */
import { inject, type TaskMeta, test } from "vitest";
import { ContractCaseError } from "../contract-errors.js";
import { type LoadedApi, loadApi } from "../load-api.js";
import { bodyExcerpt, runWithExcerpts } from "../reporting/body-excerpt.js";
import { isError } from "../reporting/tally.js";
import { type CaseExecutor, type CaseResult, createCaseExecutor } from "../run/case-executor.js";
import { liveSession } from "../targets/live-target.js";
import { mockSession } from "../targets/mock-target.js";
import { type ContractRunConfig, type ProvidedApi, RUN_CONFIG_KEY } from "./run-config.js";
import { caseTestName, PAGE_ANNOTATION } from "./test-name.js";

/** What a case's test leaves in its meta for the CLI's collector. */
export interface CaseMeta {
  readonly api: string;
  /** Position of the case among its API's derived cases (report order). */
  readonly order: number;
  readonly result: CaseResult;
  /** Set when this case stopped its API's run (fail-fast): a setup error, exit 2. */
  readonly setupError?: string;
}

declare module "vitest" {
  interface TaskMeta {
    apiContracts?: CaseMeta;
  }
}

interface ApiState {
  readonly loaded: LoadedApi;
  readonly executor: CaseExecutor;
  readonly secrets: readonly string[];
}

const states = new Map<string, Promise<ApiState>>();

/** Where each list operation's page walk reports its pages: the walking test's annotations. */
const pageSinks = new Map<string, (message: string) => void>();

async function createState(provided: ProvidedApi, config: ContractRunConfig): Promise<ApiState> {
  const loaded = await loadApi(provided.api);
  const session =
    provided.target === "mock"
      ? mockSession(provided.api, provided.prismUrl)
      : liveSession(provided.setup, {
          rate: config.rate ?? Number.POSITIVE_INFINITY,
          allowWrites: config.allowWrites,
        });
  const executor = createCaseExecutor({
    ...loaded,
    session,
    timeoutMs: config.timeoutMs,
    maxResponseBytes: config.maxResponseBytes,
    derive: config.derive,
    onPage: ({ api, operation, page, pages, items }) =>
      pageSinks.get(`${api} ${operation}`)?.(
        `${api} ${operation}: walking page ${page} of at most ${pages} (${items} items so far)`,
      ),
    ...(provided.target === "live"
      ? {
          live: {
            credentialVariable: provided.setup.names.credential,
            baseUrlVariable: provided.setup.names.baseUrl,
          },
        }
      : {}),
  });
  return { loaded, executor, secrets: session.secrets };
}

function stateOf(api: string): Promise<ApiState> {
  const config = inject(RUN_CONFIG_KEY);
  const key = `${config.generation ?? 0} ${api}`;
  let state = states.get(key);
  if (!state) {
    const provided = config.apis.find((a) => a.api === api);
    if (!provided) throw new Error(`api-contracts: ${api} is not part of this run`);
    state = createState(provided, config);
    states.set(key, state);
  }
  return state;
}

/** One line per violation: check, JSON Pointer, message (and the page of a walk). */
function failureText(result: CaseResult, secrets: readonly string[]): string {
  const errors = result.failures.filter(isError);
  const lines = errors.map(
    (f) =>
      `${f.check} at ${f.pointer || "(response)"}${f.exchange ? ` (page ${f.exchange + 1})` : ""}: ${f.message}`,
  );
  const exchange = result.run.exchanges[errors[0]?.exchange ?? 0];
  const excerpt = exchange ? bodyExcerpt(exchange.body, secrets) : undefined;
  const head = `${plural(errors.length, "contract violation")} in ${result.run.case.id}`;
  return [head, ...lines, ...(excerpt ? ["body:", excerpt] : [])].join("\n");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Declare one vitest test per derived case of `api`'s `operation`. */
export async function declareOperationCases(api: string, operation: string): Promise<void> {
  const { executor, secrets } = await stateOf(api);
  executor.cases.forEach((contractCase, order) => {
    if (contractCase.operation !== operation) return;
    test.concurrent(caseTestName(api, contractCase), async ({ task, skip, annotate }) => {
      if (contractCase.walk) {
        pageSinks.set(`${api} ${operation}`, (message) => {
          void annotate(message, PAGE_ANNOTATION).catch(() => {});
        });
      }
      const meta: TaskMeta = task.meta;
      const before = executor.stopped();
      if (before) skip(`not sent: ${before.message}`);
      const outcome = await executor.send(contractCase);
      const result = executor.check(outcome.run);
      const stopped = executor.stopped();
      meta.apiContracts = {
        api,
        order,
        result: { ...result, run: runWithExcerpts(result.run, secrets) },
        ...(stopped && outcome.thrown !== undefined ? { setupError: stopped.message } : {}),
      };
      if (result.run.skipped !== undefined) skip(result.run.skipped);
      if (result.failures.some(isError))
        throw new ContractCaseError(failureText(result, secrets), result.failures.filter(isError));
    });
  });
}
