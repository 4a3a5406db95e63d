/**
 * What happens to each request after openapi-fetch has built it: the credential is attached (only
 * for the base URL's origin), each attempt is bounded by `timeoutMs` (headers and body alike) and
 * its body by `maxResponseBytes`, redirects are followed only within the base URL's origin,
 * retryable failures are retried, failures get their own error names, and the final response is
 * checked against the contract.
 *
 * Redirects are handled here rather than by fetch (`redirect: "manual"`): fetch would follow a
 * redirect to another host and merely drop `Authorization`, so the other host answers 401 and the
 * failure looks like the API's. A same-origin redirect of a GET or HEAD (a moved path, a trailing
 * slash) is followed, at most 5 in a row, with the credential attached again; any other redirect
 * is a RedirectNotFollowedError naming where it pointed.
 */
import type { OperationSpec, SecuritySpec } from "../operation-index.js";
import { redactSecrets, redactUrl } from "../redact.js";
import {
  NetworkError,
  networkErrorFor,
  RedirectNotFollowedError,
  RequestTimeoutError,
  ResponseTooLargeError,
} from "./client-errors.js";
import { encodeStrict } from "./parameter-serializers.js";
import { guardResponse } from "./response-guard.js";
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
  /**
   * Sees the final response before the caller does and may replace it (the contract suite reads
   * and records the body here, inside the attempt's deadline and size cap).
   */
  readonly observe?: ResponseObserver;
}

/** See {@link CallContext.observe}: `request` is the attempt as sent (credential attached). */
export type ResponseObserver = (request: Request, response: Response) => Promise<Response>;

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
  /** Largest response body read, in bytes after decompression; Infinity for none. */
  readonly maxResponseBytes: number;
  readonly retry: ResolvedRetryOptions;
  readonly check: ResponseCheck | null;
}

/** Same-origin redirects followed in a row before giving up. */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A pipeline: sends `request` for the operation in `context` and returns its final response. */
export type Pipeline = (request: Request, context: CallContext) => Promise<Response>;

/** The largest delay setTimeout honours; anything above fires at once, so it counts as "none". */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Build the pipeline for one client. */
export function createPipeline(settings: PipelineSettings): Pipeline {
  const { api, retry, check } = settings;
  const redact = (text: string) => redactSecrets(text, [settings.credential]);
  return async (request, context) => {
    const scheme = securityFor(context.operation, settings.defaultSecurity);
    const queryNames = scheme?.in === "query" ? [scheme.name] : [];
    const show = (url: string) => redact(redactUrl(url, queryNames));
    const shownUrl = show(request.url);
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
      let response: Response;
      let sent: Request;
      try {
        ({ response, sent } = await sendFollowing(request, signal, context, {
          scheme,
          settings,
          show,
          retryable,
        }));
      } catch (error) {
        timeout.clear();
        if (timeout.signal.aborted) throw timeout.signal.reason;
        if (request.signal.aborted || !(error instanceof TypeError)) throw error;
        const delay = retryable ? nextDelay(attempt, started, null, retry) : null;
        if (delay === null) {
          throw networkErrorFor(error, {
            api,
            operation: context.name,
            method: request.method,
            url: shownUrl,
            attempts: attempt,
            redact,
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
          await response.body?.cancel().catch(() => {});
          await sleep(delay, request.signal);
          continue;
        }
      }
      // From here the deadline is the guard's: it stops when the body is complete.
      response = guardResponse(response, {
        api,
        operation: context.name,
        method: request.method,
        url: shownUrl,
        maxBytes: settings.maxResponseBytes,
        timeoutMs: settings.timeoutMs,
        deadline: timeout.signal,
        clearDeadline: timeout.clear,
        redact,
      });
      if (context.observe) response = await context.observe(sent, response);
      if (check && context.operation) await check(context.operation, response);
      return response;
    }
  };
}

/** True for the errors this pipeline names itself (never retried, never wrapped again). */
export function isClientFailure(error: unknown): boolean {
  return (
    error instanceof NetworkError ||
    error instanceof RequestTimeoutError ||
    error instanceof ResponseTooLargeError ||
    error instanceof RedirectNotFollowedError
  );
}

/**
 * One attempt: `request` with the credential attached, sent with `redirect: "manual"`, and any
 * same-origin redirect of a GET/HEAD followed (credential attached again). A redirect elsewhere
 * throws RedirectNotFollowedError; the credential has gone nowhere but the base URL's origin.
 */
async function sendFollowing(
  request: Request,
  signal: AbortSignal,
  context: CallContext,
  options: {
    readonly scheme: SecuritySpec | undefined;
    readonly settings: PipelineSettings;
    readonly show: (url: string) => string;
    readonly retryable: boolean;
  },
): Promise<{ response: Response; sent: Request }> {
  const { scheme, settings, show, retryable } = options;
  const authorized = authorize(request, scheme, settings);
  // Bodiless GET/HEAD requests may be re-sent; a request with a body gets one attempt.
  let sent = new Request(retryable ? authorized.clone() : authorized, {
    signal,
    redirect: "manual",
  });
  for (let hop = 0; ; hop++) {
    const response = await context.transport(sent);
    const location = response.headers.get("location");
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return { response, sent };
    await response.body?.cancel().catch(() => {});
    let target: URL | undefined;
    try {
      target = new URL(location, sent.url);
    } catch {
      target = undefined;
    }
    const shownTarget = target ? show(target.href) : show(location);
    const refuse = (reason: RedirectNotFollowedError["reason"]) =>
      new RedirectNotFollowedError(
        settings.api,
        context.name,
        request.method,
        show(request.url),
        response.status,
        shownTarget,
        reason,
      );
    if (!target || target.origin !== settings.baseOrigin) throw refuse("cross-origin");
    if (!RETRY_METHODS.has(request.method)) throw refuse("method");
    if (hop + 1 > MAX_REDIRECTS) throw refuse("too-many");
    const next = new Request(target, { method: request.method, headers: request.headers });
    sent = new Request(authorize(next, scheme, settings), { signal, redirect: "manual" });
  }
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
