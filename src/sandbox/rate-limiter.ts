/**
 * When the sandbox answers 429 with `Retry-After`, to exercise clients' retries. Either every Nth request
 * of an API is refused (deterministic, for tests) or more than `burst` requests per `windowMs` are.
 */
export type RateLimitOptions =
  | { everyNth: number; retryAfterSeconds?: number }
  | { burst: number; windowMs: number; retryAfterSeconds?: number };

/** Decides, request by request, whether to refuse; returns the `Retry-After` seconds or undefined. */
export interface RateLimiter {
  check(now: number): number | undefined;
}

/** A limiter for one API; `undefined` options never refuse. */
export function createRateLimiter(options: RateLimitOptions | undefined): RateLimiter {
  if (options === undefined) return { check: () => undefined };
  if ("everyNth" in options) {
    if (!Number.isInteger(options.everyNth) || options.everyNth < 2) {
      throw new RangeError(`rateLimit.everyNth must be an integer ≥ 2; got ${options.everyNth}`);
    }
    let count = 0;
    return {
      check: () => {
        count += 1;
        return count % options.everyNth === 0 ? (options.retryAfterSeconds ?? 1) : undefined;
      },
    };
  }
  let windowStart = Number.NEGATIVE_INFINITY;
  let used = 0;
  return {
    check: (now) => {
      if (now - windowStart >= options.windowMs) {
        windowStart = now;
        used = 0;
      }
      used += 1;
      if (used <= options.burst) return undefined;
      // Without an explicit value, tell the client when the window reopens (at least 1 s, as HTTP counts).
      return (
        options.retryAfterSeconds ??
        Math.max(1, Math.ceil((windowStart + options.windowMs - now) / 1000))
      );
    },
  };
}
