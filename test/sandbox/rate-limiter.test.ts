import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/sandbox/rate-limiter.js";

describe("createRateLimiter", () => {
  it("refuses every Nth request with the configured Retry-After", () => {
    const limiter = createRateLimiter({ everyNth: 3, retryAfterSeconds: 2 });
    expect(Array.from({ length: 7 }, () => limiter.check(0))).toEqual([
      undefined,
      undefined,
      2,
      undefined,
      undefined,
      2,
      undefined,
    ]);
  });

  it("refuses beyond the burst until the window reopens, saying when", () => {
    const limiter = createRateLimiter({ burst: 2, windowMs: 5_000 });
    expect([limiter.check(1_000), limiter.check(1_100), limiter.check(2_000)]).toEqual([
      undefined,
      undefined,
      4,
    ]);
    expect(limiter.check(6_000)).toBeUndefined();
  });

  it("never refuses without options", () => {
    const limiter = createRateLimiter(undefined);
    expect(Array.from({ length: 50 }, () => limiter.check(0)).filter(Boolean)).toEqual([]);
  });

  it("rejects an everyNth below 2, which would refuse everything", () => {
    expect(() => createRateLimiter({ everyNth: 1 })).toThrow(/everyNth must be an integer ≥ 2/);
  });
});
