/**
 * Typed errors the generated clients throw. None of them ever holds a credential: URLs are passed
 * through `redactUrl`/`redactSecrets` before they reach a message or a property.
 */

/** Client options that cannot work together (e.g. `validate: "report"` without `onViolation`). */
export class ClientOptionsError extends Error {
  override readonly name = "ClientOptionsError";
  constructor(
    readonly api: string,
    message: string,
  ) {
    super(`${api} client: ${message}`);
  }
}

/** A request got no complete response within `timeoutMs`. Timeouts are not retried. */
export class RequestTimeoutError extends Error {
  override readonly name = "RequestTimeoutError";
  constructor(
    readonly api: string,
    readonly operation: string,
    readonly method: string,
    /** The request URL, credentials redacted. */
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(
      `${api} ${operation}: ${method} ${url} got no response within ${timeoutMs} ms; raise the client's timeoutMs if the API is slow`,
    );
  }
}

/** A request failed at the network level (connection refused, reset, DNS) on every attempt. */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  constructor(
    readonly api: string,
    readonly operation: string,
    readonly method: string,
    /** The request URL, credentials redacted. */
    readonly url: string,
    readonly attempts: number,
    /** Credential-free description of the failure (see `describeFailure`). */
    reason: string,
    options: { readonly cause: unknown },
  ) {
    super(
      `${api} ${operation}: ${method} ${url} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${reason}`,
      options,
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
export class PaginationError extends Error {
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
