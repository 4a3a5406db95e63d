/**
 * Sending one case: a single request, or a pagination walk over the first pages (offsets computed
 * from `limit`, never by following `next`, so no credential can reach another host).
 */
import type { ApiClient } from "../../runtime/client/create-api-client.js";
import { isClientFailure } from "../../runtime/client/request-pipeline.js";
import type { OperationSpec } from "../../runtime/operation-index.js";
import { redactSecrets } from "../../runtime/redact.js";
import type { TargetSession } from "../targets/target-session.js";
import type { CaseRun, ContractCase, Exchange, FillOrigin, ParamValues } from "../types.js";
import { sendRequest } from "./send-request.js";

/** Reports each page of a walk (the live progress line). */
export type PageProgress = (event: {
  readonly api: string;
  readonly operation: string;
  readonly page: number;
  readonly pages: number;
  readonly items: number;
}) => void;

/** What one case needs besides itself. */
export interface CaseContext {
  readonly session: TargetSession;
  readonly operation: OperationSpec;
  /** Client with the credential, and one without (the 401 case). */
  readonly client: ApiClient<Record<string, never>>;
  readonly anonymousClient: ApiClient<Record<string, never>>;
  readonly onPage?: PageProgress;
  /** Aborts requests in flight when the API's run is stopped. */
  readonly signal?: AbortSignal;
}

/** A case's run, and the error that ended it (kept typed, for the fail-fast and setup checks). */
export interface CaseOutcome {
  readonly run: CaseRun;
  readonly thrown?: unknown;
}

function resultsOf(exchange: Exchange): { items: number; next: unknown } | undefined {
  if (exchange.body.kind !== "json") return undefined;
  const body = exchange.body.value as { results?: unknown; next?: unknown } | null;
  if (body === null || typeof body !== "object" || !Array.isArray(body.results)) return undefined;
  return { items: body.results.length, next: body.next };
}

/**
 * Send `contractCase` with its resolved parameters; an error becomes `CaseRun.error`, redacted and
 * starting with the error's name (`ResponseTooLargeError: ...`), and is also returned as `thrown`.
 */
export async function runCase(
  contractCase: ContractCase,
  params: ParamValues,
  origin: FillOrigin | undefined,
  ctx: CaseContext,
): Promise<CaseOutcome> {
  const { session, operation } = ctx;
  const exchanges: Exchange[] = [];
  const send = (pageParams: ParamValues) =>
    sendRequest({
      client: contractCase.credentials ? ctx.client : ctx.anonymousClient,
      operation,
      params: pageParams,
      headers: session.headersFor(contractCase),
      ...(contractCase.body ? { body: contractCase.body } : {}),
      transport: session.transport,
      secrets: session.secrets,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
  const base = { case: contractCase, params, ...(origin ? { origin } : {}) };
  try {
    if (!contractCase.walk) {
      exchanges.push(await send(params));
      return { run: { ...base, exchanges } };
    }
    const { pages, pageSize } = contractCase.walk;
    let seen = 0;
    for (let page = 0; page < pages; page++) {
      const query = { ...params.query, limit: pageSize, offset: page * pageSize };
      const exchange = await send({ ...params, query });
      exchanges.push(exchange);
      const results = resultsOf(exchange);
      seen += results?.items ?? 0;
      ctx.onPage?.({
        api: session.api,
        operation: operation.key,
        page: page + 1,
        pages,
        items: seen,
      });
      if (exchange.status < 200 || exchange.status >= 300 || !results) break;
      // Prism's pages are random; a live API's walk ends where the data does.
      if (session.target === "live" && (results.items === 0 || results.next === null)) break;
    }
    return { run: { ...base, exchanges } };
  } catch (error) {
    const message = isClientFailure(error)
      ? `${(error as Error).name}: ${(error as Error).message}`
      : error instanceof Error
        ? error.message
        : String(error);
    return {
      run: { ...base, exchanges, error: redactSecrets(message, session.secrets) },
      thrown: error,
    };
  }
}
