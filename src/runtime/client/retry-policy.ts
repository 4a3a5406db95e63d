/**
 * When and how long to wait before retrying: 429 and 503 (honouring `Retry-After`) and network
 * failures, for idempotent methods only, with bounded exponential backoff plus jitter.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3 (Retry-After)
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.2.2 (idempotent methods)
 */

/** Retry settings of a client; every field is optional in `ApiClientOptions.retry`. */
export interface RetryOptions {
  /** Total attempts including the first; 1 disables retries. Default 3. */
  readonly attempts?: number;
  /** No retry starts once this much time (ms) has passed since the first attempt, or would pass
   * while waiting. Default 60,000. */
  readonly maxTotalMs?: number;
  /** Backoff before the first retry when the server gives no `Retry-After`; doubles each retry.
   * Default 250. */
  readonly baseDelayMs?: number;
  /** Upper bound of one computed backoff (not of a server's `Retry-After`). Default 10,000. */
  readonly maxDelayMs?: number;
}

/** RetryOptions with every default applied. */
export type ResolvedRetryOptions = Required<RetryOptions>;

/** Defaults: 3 attempts, 60 s in total, 250 ms doubling backoff capped at 10 s. */
export const DEFAULT_RETRY: ResolvedRetryOptions = {
  attempts: 3,
  maxTotalMs: 60_000,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
};

/** Statuses that say "try again later". 401/403 and every other status are final. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** Methods that are safe to send twice. Other methods are never retried. */
export const RETRY_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD"]);

/** Merge `options` over the defaults; throws RangeError naming a field that is not a usable number. */
export function resolveRetryOptions(options: RetryOptions | undefined): ResolvedRetryOptions {
  const resolved = { ...DEFAULT_RETRY, ...stripUndefined(options ?? {}) };
  for (const [field, value] of Object.entries(resolved)) {
    const min = field === "attempts" ? 1 : 0;
    if (!Number.isFinite(value) || value < min) {
      throw new RangeError(`retry.${field} must be a number >= ${min}; got ${String(value)}`);
    }
  }
  return { ...resolved, attempts: Math.floor(resolved.attempts) };
}

/**
 * Milliseconds a `Retry-After` value asks to wait: delay-seconds (`"2"`) or an HTTP date
 * (`"Wed, 21 Oct 2026 07:28:00 GMT"`, counted from `now`). Null when absent or unparseable;
 * a date in the past gives 0.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form names its month in letters; Date.parse alone accepts "-3" as a year.
  if (!/[A-Za-z]{3}/.test(text)) return null;
  const when = Date.parse(text);
  if (Number.isNaN(when)) return null;
  return Math.max(0, when - now);
}

/**
 * Backoff before retry number `retry` (1 for the first retry): `baseDelayMs * 2^(retry-1)`,
 * capped at `maxDelayMs`, with "equal jitter" (half fixed, half random) so that many clients
 * failing together do not come back in lockstep.
 */
export function backoffDelay(
  retry: number,
  options: ResolvedRetryOptions,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/**
 * The wait before the next attempt, or null to stop: when attempts are used up, or when the wait
 * would end after `maxTotalMs` since the first attempt. A server's `Retry-After` is honoured as
 * given (never shortened); it replaces the computed backoff.
 */
export function nextRetryDelay(args: {
  readonly attempt: number;
  readonly elapsedMs: number;
  readonly retryAfterMs: number | null;
  readonly options: ResolvedRetryOptions;
  readonly random?: () => number;
}): number | null {
  const { attempt, elapsedMs, retryAfterMs, options } = args;
  if (attempt >= options.attempts) return null;
  const delay = retryAfterMs ?? backoffDelay(attempt, options, args.random);
  if (elapsedMs + delay > options.maxTotalMs) return null;
  return delay;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
