/**
 * Typed errors the generated clients throw. None of them ever holds a credential: URLs are passed
 * through `redactUrl`/`redactSecrets` before they reach a message or a property. Every one extends
 * the package's one root, {@link ApiContractsError}: options the caller got wrong are exit 2, a
 * request the API failed (no answer, a broken body, an unfollowed redirect, a broken page) exit 1.
 */
import { ApiContractsError } from "../../errors.js";

/** Client options that cannot work together (e.g. `validate: "report"` without `onViolation`). */
export class ClientOptionsError extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "ClientOptionsError";
  constructor(
    readonly api: string,
    message: string,
  ) {
    super(`${api} client: ${message}`);
  }
}

/**
 * One request that failed: which API, operation, method and URL (credentials redacted) it was.
 * The base of every error about a sent request; exit 1, like a contract violation.
 */
export abstract class RequestError extends ApiContractsError {
  readonly exitCode = 1 as const;
  constructor(
    readonly api: string,
    readonly operation: string,
    readonly method: string,
    /** The request URL, credentials redacted. */
    readonly url: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Which part of the exchange a timeout cut short: waiting for the headers, or reading the body. */
export type TimeoutPhase = "response" | "body";

/**
 * A request got no complete response within `timeoutMs`: no headers, or a body that stalled (the
 * same limit covers both, like curl's `--max-time`). Timeouts are not retried.
 */
export class RequestTimeoutError extends RequestError {
  override readonly name = "RequestTimeoutError";
  constructor(
    api: string,
    operation: string,
    method: string,
    url: string,
    readonly timeoutMs: number,
    readonly phase: TimeoutPhase = "response",
  ) {
    super(
      api,
      operation,
      method,
      url,
      phase === "body"
        ? `${api} ${operation}: ${method} ${url}: the response body stalled and was not complete within ${timeoutMs} ms; raise timeoutMs (test: --timeout) if the API is slow`
        : `${api} ${operation}: ${method} ${url} got no response within ${timeoutMs} ms; raise the client's timeoutMs (test: --timeout) if the API is slow`,
    );
  }
}

/**
 * What failed under a {@link NetworkError}: `refused` (nothing listens on host:port), `reset` (the
 * peer dropped the connection before answering), `dns` (the host name does not resolve), `tls`
 * (the TLS handshake or certificate failed), `truncated` (the body ended before it was complete),
 * `other` (anything else fetch calls a network error).
 */
export type NetworkFailure = "refused" | "reset" | "dns" | "tls" | "truncated" | "other";

/**
 * A request failed at the network level on every attempt. The subclasses name the failure
 * ({@link ConnectionRefusedError}, {@link ConnectionResetError}, {@link DnsLookupError},
 * {@link TlsError}, {@link ResponseTruncatedError}); `cause` keeps fetch's own error.
 */
export class NetworkError extends RequestError {
  override readonly name: string = "NetworkError";
  /** What failed; see {@link NetworkFailure}. */
  readonly failure: NetworkFailure = "other";
  /** Host and port the request went to. */
  readonly host: string;
  readonly port: string;
  constructor(
    api: string,
    operation: string,
    method: string,
    url: string,
    readonly attempts: number,
    /** Credential-free description of the failure (see `describeFailure`). */
    readonly reason: string,
    options: { readonly cause: unknown },
    /** What went wrong and what to do, in words; the default names the attempts and the reason. */
    summary?: string,
  ) {
    const attemptText = `after ${attempts} attempt${attempts === 1 ? "" : "s"}`;
    super(
      api,
      operation,
      method,
      url,
      `${api} ${operation}: ${method} ${url} ${summary ? `${summary} (${attemptText}: ${reason})` : `failed ${attemptText}: ${reason}`}`,
      options,
    );
    const { host, port } = hostAndPort(url);
    this.host = host;
    this.port = port;
  }
}

/** Nothing accepted the connection (ECONNREFUSED): the server is down or the port is wrong. */
export class ConnectionRefusedError extends NetworkError {
  override readonly name = "ConnectionRefusedError";
  override readonly failure = "refused";
}

/** The peer reset or closed the connection before a response arrived (ECONNRESET, EPIPE). */
export class ConnectionResetError extends NetworkError {
  override readonly name = "ConnectionResetError";
  override readonly failure = "reset";
}

/** The host name does not resolve (ENOTFOUND, EAI_AGAIN). */
export class DnsLookupError extends NetworkError {
  override readonly name = "DnsLookupError";
  override readonly failure = "dns";
}

/** The TLS handshake failed: a certificate problem, or https spoken to a plain-http port. */
export class TlsError extends NetworkError {
  override readonly name = "TlsError";
  override readonly failure = "tls";
}

/** The connection closed while the body was arriving: the body is incomplete. */
export class ResponseTruncatedError extends NetworkError {
  override readonly name = "ResponseTruncatedError";
  override readonly failure = "truncated";
}

/** Arguments every NetworkError subclass takes, besides the failure itself. */
export interface NetworkErrorContext {
  readonly api: string;
  readonly operation: string;
  readonly method: string;
  /** Redacted request URL. */
  readonly url: string;
  readonly attempts: number;
  /** Secrets to keep out of the reason text. */
  readonly redact: (text: string) => string;
}

/** The named NetworkError for a fetch failure (`cause` is kept as the error's cause). */
export function networkErrorFor(
  cause: unknown,
  context: NetworkErrorContext,
  during: "request" | "body" = "request",
): NetworkError {
  const { api, operation, method, url, attempts } = context;
  const reason = context.redact(describeFailure(cause));
  const { host, port } = hostAndPort(url);
  const where = `${host}:${port}`;
  const failure = during === "body" ? "truncated" : classifyFailure(cause);
  const args = [api, operation, method, url, attempts, reason, { cause }] as const;
  switch (failure) {
    case "refused":
      return new ConnectionRefusedError(
        ...args,
        `could not connect: ${where} refused the connection; check the base URL's host and port, and that the server is up`,
      );
    case "dns":
      return new DnsLookupError(
        ...args,
        `could not resolve the host name ${host}; check the base URL for a typo`,
      );
    case "tls":
      return new TlsError(
        ...args,
        `failed the TLS handshake with ${where}; check http:// versus https:// in the base URL, and the server's certificate`,
      );
    case "reset":
      return new ConnectionResetError(
        ...args,
        `lost its connection: ${where} closed or reset it before answering`,
      );
    case "truncated":
      return new ResponseTruncatedError(
        ...args,
        `got a truncated response: the connection closed before the body was complete`,
      );
    default:
      return new NetworkError(...args);
  }
}

/** Error codes along `cause`'s chain (fetch wraps the socket's error, sometimes twice). */
function causeCodes(cause: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = cause;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    // An AggregateError (a host with several addresses) holds one error per address.
    const inner = (current as { errors?: unknown }).errors;
    for (const each of Array.isArray(inner) ? (inner as unknown[]) : []) {
      const innerCode = (each as { code?: unknown } | null)?.code;
      if (typeof innerCode === "string") codes.push(innerCode);
    }
    current = current.cause;
  }
  return codes;
}

const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_OSSL_)/;

/** Which kind of network failure `cause` is, from the error codes Node and undici set. */
export function classifyFailure(cause: unknown): NetworkFailure {
  const codes = causeCodes(cause);
  if (codes.includes("ECONNREFUSED")) return "refused";
  if (codes.some((c) => c === "ENOTFOUND" || c === "EAI_AGAIN" || c === "EAI_NONAME")) return "dns";
  if (codes.some((c) => TLS_CODE.test(c))) return "tls";
  if (
    codes.some(
      (c) => c === "ECONNRESET" || c === "EPIPE" || c === "UND_ERR_SOCKET" || c === "ECONNABORTED",
    )
  )
    return "reset";
  return "other";
}

/** Host and port of a URL (the scheme's default port when none is written). */
export function hostAndPort(url: string): { host: string; port: string } {
  try {
    const parsed = new URL(url);
    const port = parsed.port || (parsed.protocol === "https:" ? "443" : "80");
    return { host: parsed.hostname, port };
  } catch {
    return { host: url, port: "" };
  }
}

/** Default `maxResponseBytes`: 50 MiB, measured after decompression. */
export const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

/**
 * A response body grew past `maxResponseBytes` (counted after decompression, while it streams),
 * and reading stopped there: a runaway or hostile response never fills memory.
 */
export class ResponseTooLargeError extends RequestError {
  override readonly name = "ResponseTooLargeError";
  constructor(
    api: string,
    operation: string,
    method: string,
    url: string,
    /** The limit in bytes. */
    readonly limit: number,
    /** Where the size was seen: the Content-Length header, or counting the (decoded) stream. */
    readonly seenIn: "content-length" | "stream",
  ) {
    super(
      api,
      operation,
      method,
      url,
      `${api} ${operation}: ${method} ${url}: the response body is larger than maxResponseBytes (${limit} bytes${seenIn === "stream" ? ", counted after decompression" : ", from Content-Length"}); reading stopped there. Raise the limit (client: maxResponseBytes; test: --max-response-bytes) only if the API really sends that much`,
    );
  }
}

/**
 * A redirect that was not followed: to another origin (which must never receive the credential),
 * for a method that is not re-sent (only GET and HEAD are), or past the redirect limit.
 */
export class RedirectNotFollowedError extends RequestError {
  override readonly name = "RedirectNotFollowedError";
  constructor(
    api: string,
    operation: string,
    method: string,
    url: string,
    readonly status: number,
    /** The redirect target, resolved and redacted. */
    readonly location: string,
    readonly reason: "cross-origin" | "method" | "too-many",
  ) {
    const why =
      reason === "cross-origin"
        ? "another origin never receives the credential; if the new address is right, make it the base URL"
        : reason === "method"
          ? `only GET and HEAD are re-sent after a redirect; ${method} was not`
          : "too many redirects in a row";
    super(
      api,
      operation,
      method,
      url,
      `${api} ${operation}: ${method} ${url} answered ${status}, redirected to ${location}; not followed (${why})`,
    );
  }
}

/** What went wrong in a `paginate` walk. */
export type PaginationProblem =
  | "not-a-list"
  | "bad-page-size"
  | "not-a-page"
  | "error-status"
  | "repeated-offset"
  | "page-too-long"
  | "count-changed"
  | "beyond-count";

/**
 * A `paginate` walk stopped because the API broke the paging contract (a repeated offset, a page
 * longer than `limit`, a `count` that changed mid-walk, a non-2xx page) or was asked to page an
 * operation that is not a list.
 */
export class PaginationError extends ApiContractsError {
  readonly exitCode = 1 as const;
  override readonly name = "PaginationError";
  constructor(
    readonly api: string,
    readonly operation: string,
    readonly problem: PaginationProblem,
    message: string,
    /** Offset of the page that showed the problem, when there was one. */
    readonly offset?: number,
    /** HTTP status of that page, for `error-status`. */
    readonly status?: number,
    /** Parsed error body of that page (credentials redacted), for `error-status`. */
    readonly error?: unknown,
  ) {
    super(`${api} ${operation}: ${message}`);
  }
}

/** A short description of a fetch failure and its cause chain (callers redact it). */
export function describeFailure(cause: unknown): string {
  const parts: string[] = [];
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === "string" ? `${current.message} (${code})` : current.message);
    current = current.cause;
  }
  return parts.length > 0 ? parts.join(": ") : String(cause);
}
