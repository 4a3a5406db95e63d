/**
 * What happens to each request after openapi-fetch has built it: the credential is attached (only
 * for the base URL's origin), each attempt is bounded by `timeoutMs`, retryable failures are
 * retried, and the final response is checked against the contract.
 */
import type { OperationSpec, SecuritySpec } from "../operation-index.js";
import { redactSecrets, redactUrl } from "../redact.js";
import { describeFailure, NetworkError, RequestTimeoutError } from "./client-errors.js";
import { encodeStrict } from "./parameter-serializers.js";
import type { ResponseCheck } from "./response-validation.js";
import {
  nextRetryDelay,
  parseRetryAfter,
  RETRY_METHODS,
  RETRY_STATUSES,
  type ResolvedRetryOptions,
} from "./retry-policy.js";

/** Sends one Request (a `fetch`, or the caller's replacement for it). */
export type Transport = (request: Request) => Promise<Response>;

/** Per-call facts the pipeline needs: which operation this is and what sends it. */
export interface CallContext {
  /** The indexed operation, or undefined for a path the index does not know. */
  readonly operation: OperationSpec | undefined;
  /** Operation key for messages (`"GET /path"` when the operation is unknown). */
  readonly name: string;
  readonly transport: Transport;
}

/** Client-wide settings of the pipeline. */
export interface PipelineSettings {
  readonly api: string;
  /** Origin of the base URL: the only origin that ever receives the credential. */
  readonly baseOrigin: string;
  readonly credential: string | undefined;
  /** Scheme for paths the index does not know: the first one any operation uses. */
  readonly defaultSecurity: SecuritySpec | undefined;
  /** Per-attempt limit, from sending until the body has arrived; Infinity for none. */
  readonly timeoutMs: number;
  readonly retry: ResolvedRetryOptions;
  readonly check: ResponseCheck | null;
}

/** A pipeline: sends `request` for the operation in `context` and returns its final response. */
export type Pipeline = (request: Request, context: CallContext) => Promise<Response>;

/** The largest delay setTimeout honours; anything above fires at once, so it counts as "none". */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Build the pipeline for one client. */
export function createPipeline(settings: PipelineSettings): Pipeline {
  const { api, retry, check } = settings;
  return async (request, context) => {
    const scheme = securityFor(context.operation, settings.defaultSecurity);
    const authorized = authorize(request, scheme, settings);
    const shownUrl = redactSecrets(
      redactUrl(request.url, scheme?.in === "query" ? [scheme.name] : []),
      [settings.credential],
    );
    const retryable = RETRY_METHODS.has(request.method);
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const timeout = startTimeout(settings.timeoutMs, () => {
        return new RequestTimeoutError(
          api,
          context.name,
          request.method,
          shownUrl,
          settings.timeoutMs,
        );
      });
      const signal = AbortSignal.any([timeout.signal, request.signal]);
      // Bodiless GET/HEAD requests may be re-sent; a request with a body gets one attempt.
      const attemptRequest = new Request(retryable ? authorized.clone() : authorized, { signal });
      let response: Response;
      try {
        response = await context.transport(attemptRequest);
      } catch (error) {
        timeout.clear();
        if (timeout.signal.aborted) throw timeout.signal.reason;
        if (request.signal.aborted || !(error instanceof TypeError)) throw error;
        const delay = retryable ? nextDelay(attempt, started, null, retry) : null;
        if (delay === null) {
          const reason = redactSecrets(describeFailure(error), [settings.credential]);
          throw new NetworkError(api, context.name, request.method, shownUrl, attempt, reason, {
            cause: error,
          });
        }
        await sleep(delay, request.signal);
        continue;
      }
      if (retryable && RETRY_STATUSES.has(response.status)) {
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
        const delay = nextDelay(attempt, started, retryAfter, retry);
        if (delay !== null) {
          timeout.clear();
          await response.body?.cancel();
          await sleep(delay, request.signal);
          continue;
        }
      }
      if (check && context.operation) await check(context.operation, response);
      return response;
    }
  };
}

/** Same origin (scheme, host and port) as `origin`? Unparseable URLs never are. */
export function isSameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** The operation's first scheme; none for `security: []`; the API default for unknown paths. */
function securityFor(
  operation: OperationSpec | undefined,
  fallback: SecuritySpec | undefined,
): SecuritySpec | undefined {
  if (!operation) return fallback;
  return operation.security[0]?.[0];
}

/** `request` with the credential attached, or unchanged for any origin but the base URL's. */
function authorize(
  request: Request,
  scheme: SecuritySpec | undefined,
  settings: PipelineSettings,
): Request {
  const { credential } = settings;
  if (credential === undefined || !scheme || !isSameOrigin(request.url, settings.baseOrigin)) {
    return request;
  }
  const value = `${scheme.prefix}${credential}`;
  if (scheme.in === "query") {
    const url = new URL(request.url);
    const pair = `${encodeStrict(scheme.name)}=${encodeStrict(value)}`;
    url.search = url.search ? `${url.search}&${pair}` : `?${pair}`;
    return new Request(url, request);
  }
  const headers = new Headers(request.headers);
  if (scheme.in === "cookie") {
    const cookie = `${scheme.name}=${encodeStrict(value)}`;
    const existing = headers.get("cookie");
    headers.set("cookie", existing ? `${existing}; ${cookie}` : cookie);
  } else {
    headers.set(scheme.name, value);
  }
  return new Request(request, { headers });
}

function nextDelay(
  attempt: number,
  started: number,
  retryAfterMs: number | null,
  options: ResolvedRetryOptions,
): number | null {
  return nextRetryDelay({ attempt, elapsedMs: Date.now() - started, retryAfterMs, options });
}

/** An abort signal that fires `timeoutMs` after now, carrying the error `reason()` builds. */
function startTimeout(
  timeoutMs: number,
  reason: () => Error,
): { readonly signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  if (!(timeoutMs < MAX_TIMER_MS)) return { signal: controller.signal, clear() {} };
  const timer = setTimeout(() => controller.abort(reason()), timeoutMs);
  // The timer also bounds reading the body, after this function returns; it must not keep the
  // process alive on its own.
  timer.unref?.();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** Wait `ms`, or reject with the caller's abort reason if `signal` aborts first. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
