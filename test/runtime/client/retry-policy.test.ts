import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  DEFAULT_RETRY,
  nextRetryDelay,
  parseRetryAfter,
  resolveRetryOptions,
} from "../../../src/runtime/client/retry-policy.js";

const NOW = Date.parse("2026-05-15T10:00:00Z");

describe("parseRetryAfter", () => {
  it.each([
    ["delay-seconds", "3", 3000],
    ["zero", "0", 0],
    ["padded seconds", " 5 ", 5000],
    ["HTTP date in the future", "Fri, 15 May 2026 10:00:07 GMT", 7000],
    ["HTTP date in the past", "Fri, 15 May 2026 09:59:00 GMT", 0],
    ["absent", null, null],
    ["garbage", "soon", null],
    ["negative seconds are not delay-seconds", "-3", null],
  ])("%s", (_name, given, want) => {
    expect(parseRetryAfter(given, NOW)).toBe(want);
  });
});

describe("backoff", () => {
  const options = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
  it.each([
    ["first retry, no jitter", 1, 0, 50],
    ["first retry, full jitter", 1, 1, 100],
    ["third retry doubles twice", 3, 1, 400],
    ["capped at maxDelayMs", 10, 1, 1000],
  ])("%s", (_name, retry, random, want) => {
    expect(backoffDelay(retry, options, () => random)).toBe(want);
  });

  it.each([
    ["retries while attempts remain", { attempt: 1, elapsedMs: 0, retryAfterMs: null }, 50],
    ["Retry-After replaces the backoff", { attempt: 1, elapsedMs: 0, retryAfterMs: 2000 }, 2000],
    ["stops when attempts are used up", { attempt: 3, elapsedMs: 0, retryAfterMs: null }, null],
    [
      "stops when the wait would pass maxTotalMs",
      { attempt: 1, elapsedMs: 59_000, retryAfterMs: 2000 },
      null,
    ],
  ])("nextRetryDelay %s", (_name, args, want) => {
    expect(nextRetryDelay({ ...args, options, random: () => 0 })).toBe(want);
  });
});

describe("resolveRetryOptions", () => {
  it("defaults: 3 attempts within 60 s", () => {
    expect(resolveRetryOptions(undefined)).toEqual({
      attempts: 3,
      maxTotalMs: 60_000,
      baseDelayMs: 250,
      maxDelayMs: 10_000,
    });
  });
  it.each([
    ["attempts 0", { attempts: 0 }, "retry.attempts"],
    ["negative maxTotalMs", { maxTotalMs: -1 }, "retry.maxTotalMs"],
    ["NaN baseDelayMs", { baseDelayMs: Number.NaN }, "retry.baseDelayMs"],
  ])("%s is refused", (_name, given, want) => {
    expect(() => resolveRetryOptions(given)).toThrow(want);
  });
});
