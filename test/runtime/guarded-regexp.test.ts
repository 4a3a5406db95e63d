/**
 * The ReDoS guard at run time (src/runtime/guarded-regexp.ts, bounded-regexp.ts): every pattern
 * class built the way codegen plans it, against recheck's attack strings. Each test call must stay
 * under 100 ms (the guarantee the guard makes, so it is measured here), and its verdict must be
 * V8's wherever V8 itself finishes.
 */
import { createRequire } from "node:module";
import fc from "fast-check";
import type { Diagnostics, Parameters } from "recheck";
import { describe, expect, it, vi } from "vitest";
import { classifyPattern, planOf } from "../../src/codegen/validators/classify-pattern.js";
import { BoundedRegExp, EXCEEDED, MAX_STEPS } from "../../src/runtime/bounded-regexp.js";
import { guardedRegExp } from "../../src/runtime/guarded-regexp.js";
import { patternBudgetExceeded } from "../../src/runtime/pattern-budget.js";
import { timed } from "../support/timed.js";

const { checkSync } = createRequire(import.meta.url)("recheck") as {
  checkSync: (source: string, flags: string, params?: Parameters) => Diagnostics;
};

/** The bound every single pattern test must keep, whatever the string. */
const BOUND_MS = 100;

/** recheck's attack string for `pattern`, pumped `n` times. */
function attacker(pattern: string): ((n: number) => string) | null {
  const diagnostics = checkSync(pattern, "u", { timeout: 10_000, randomSeed: 0 });
  if (diagnostics.status !== "vulnerable") return null;
  const { pumps, suffix } = diagnostics.attack;
  return (n) => pumps.map((p) => p.prefix + p.pump.repeat(n)).join("") + suffix;
}

/** Pump counts of recheck's attack strings, growing until V8 itself would not survive (2^40 steps). */
const PUMPS = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 25, 40, 200, 5000];
/** Once V8 takes this long on an attack string, longer ones are left to the guard alone. */
const NATIVE_GIVE_UP_MS = 20;

describe("guarded patterns against recheck's attack strings", () => {
  it.each([
    // linear: RE2 can run it.
    ["linear, exponential nesting", { pattern: "^(a+)+$", engine: "linear", vulnerable: true }],
    ["linear, words", { pattern: "^(\\w+\\s?)*$", engine: "linear", vulnerable: true }],
    [
      "linear, the classic e-mail pattern",
      {
        pattern: "^\\w+([.-]?\\w+)*@\\w+([.-]?\\w+)*(\\.\\w{2,3})+$",
        engine: "linear",
        vulnerable: true,
      },
    ],
    // lookaround-vulnerable: split into linear parts, or step-budgeted.
    [
      "lookaround-vulnerable, leading lookahead",
      { pattern: "^(?=a)(a|aa)+$", engine: "guarded", vulnerable: true },
    ],
    [
      "lookaround-vulnerable, the 127 s words pattern",
      { pattern: "^(?=\\w)(\\w+\\s?)*$", engine: "guarded", vulnerable: true },
    ],
    [
      "lookaround-vulnerable, a lookahead inside the loop",
      { pattern: "^(?:(?=\\w)\\w+\\s?)*$", engine: "guarded", vulnerable: true },
    ],
    // lookaround-safe.
    [
      "lookaround-safe, hostname label",
      { pattern: "^(?!-)[a-z0-9-]{1,63}(?<!-)$", engine: "guarded", vulnerable: false },
    ],
    [
      "lookaround-safe, tempered dot",
      { pattern: "^(?:(?!ab).)*$", engine: "guarded", vulnerable: false },
    ],
    // backreference.
    ["backreference, vulnerable", { pattern: "^(a+)+\\1$", engine: "guarded", vulnerable: true }],
    [
      "backreference, repeated word",
      { pattern: "^(\\w+)\\s\\1$", engine: "guarded", vulnerable: false },
    ],
    [
      "backreference, named quote",
      { pattern: "^(?<q>[\"']).*\\k<q>$", engine: "guarded", vulnerable: false },
    ],
  ])("%s", (_name, { pattern: source, engine, vulnerable }) => {
    const verdict = classifyPattern(source);
    expect(verdict.engine).toBe(engine);
    const guarded = guardedRegExp(source, planOf(source, verdict));
    const pattern = new RegExp(source, "u");
    const attack = attacker(source);
    expect(attack !== null).toBe(vulnerable);
    const inputs = attack
      ? PUMPS.map(attack)
      : ["", "a", "ab", "-a", "a-", "ab ab", "ab ac", "'x'", "'x\"", "a".repeat(300)];
    let nativeFinishes = true;
    for (const input of inputs) {
      const { result, ms } = timed(() => guarded.test(input), BOUND_MS);
      expect(ms, `${input.length} characters`).toBeLessThan(BOUND_MS);
      if (nativeFinishes) {
        const native = timed(() => pattern.test(input));
        expect(result, JSON.stringify(input)).toBe(native.result);
        nativeFinishes = native.ms < NATIVE_GIVE_UP_MS;
      } else {
        // recheck's attack strings end in a character that breaks the pattern: never a pass.
        expect(result, `${input.length} characters`).toBe(false);
      }
    }
  });
});

describe("BoundedRegExp", () => {
  it.each([
    [
      "exponential lookaround",
      { pattern: "^(?:(?=\\w)\\w+\\s?)*$", input: `${"ab ".repeat(40)}!` },
    ],
    ["exponential backreference", { pattern: "^(a+)+\\1$", input: `${"a".repeat(40)}!` }],
    ["a long string", { pattern: "^(\\w+)\\s\\1$", input: `${"ab".repeat(300_000)} x` }],
  ])("stops %s at the budget, within the bound", (_name, { pattern, input }) => {
    const re = new BoundedRegExp(pattern);
    const { result, ms } = timed(() => re.run(input), BOUND_MS);
    expect(result).toBe(EXCEEDED);
    // Checked once per instruction, which may push a few entries (each a step) first.
    expect(re.lastSteps).toBeLessThanOrEqual(MAX_STEPS + 16);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it.each([
    ["lookahead captures stay", { pattern: "^(?=(a+))a*b\\1$", inputs: ["aaba", "aabaa", "ab"] }],
    [
      "captures reset per iteration",
      { pattern: "^(?:(a)|b)+\\1$", inputs: ["aba", "abb", "bb", "ab"] },
    ],
    ["an unset group matches empty", { pattern: "(a)?(?:\\1b)", inputs: ["b", "ab", "aab"] }],
    ["empty iterations end", { pattern: "^(a*)*$", inputs: ["", "aaa", "aab"] }],
    ["lazy quantifiers", { pattern: "^(a+?)(a*)\\2$", inputs: ["aaa", "aaaa", "a"] }],
    ["lookbehind", { pattern: "(?<=\\$)\\d+(?<!0)", inputs: ["$12", "$10", "12", "a$7"] }],
    [
      "negative lookbehind at a boundary",
      { pattern: "(?<!\\$)\\b\\d+", inputs: ["$12", "12", "a 3"] },
    ],
    [
      "astral code points",
      { pattern: "^.\\p{Emoji}{2}$", inputs: ["x😀😁", "😀😁", "\ud800😀😁"] },
    ],
    ["counted repetition", { pattern: "^(?:ab){2,3}$", inputs: ["abab", "ab", "abababab"] }],
    ["named backreference", { pattern: "^(?<x>[a-c])\\k<x>$", inputs: ["aa", "ab"] }],
    [
      "escapes",
      { pattern: "^\\x41\\u{1F600}\\uD83D\\uDE01\\cJ\\0$", inputs: ["A😀😁\n\0", "A😀"] },
    ],
  ])("agrees with V8: %s", (_name, { pattern, inputs }) => {
    const re = new BoundedRegExp(pattern);
    const native = new RegExp(pattern, "u");
    for (const input of inputs) expect(re.run(input), input).toBe(native.test(input));
  });

  it("agrees with V8 on random patterns and strings", () => {
    const atom = fc.constantFrom("a", "b", ".", "[ab]", "\\w", "\\s", "[^a]", "\\d");
    const pattern: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        atom,
        fc.tuple(tie("node"), tie("node")).map(([a, b]) => a + b),
        fc.tuple(tie("node"), tie("node")).map(([a, b]) => `(?:${a}|${b})`),
        fc
          .tuple(tie("node"), fc.constantFrom("*", "+", "?", "{1,2}", "*?", "+?"))
          .map(([a, q]) => `(?:${a})${q}`),
        tie("node").map((a) => `(${a})`),
        tie("node").map((a) => `(?=${a})`),
        tie("node").map((a) => `(?!${a})`),
        tie("node").map((a) => `(?<=${a})`),
        tie("node").map((a) => `(?<!${a})`),
        fc.constantFrom("^", "$", "\\b", "\\1"),
      ),
    })).node;
    const input = fc.string({ unit: fc.constantFrom("a", "b", " ", "1", "é"), maxLength: 8 });
    fc.assert(
      fc.property(pattern, fc.array(input, { minLength: 1, maxLength: 5 }), (source, inputs) => {
        let native: RegExp;
        try {
          native = new RegExp(source, "u");
        } catch {
          return; // e.g. \1 without a group: not a pattern the validators keep
        }
        const re = new BoundedRegExp(source);
        for (const s of inputs)
          expect(re.run(s), `/${source}/ on ${JSON.stringify(s)}`).toBe(native.test(s));
      }),
      { numRuns: 400, seed: 20 },
    );
  });
});

describe("guardedRegExp", () => {
  it("answers false over budget and names the input for the violation", () => {
    const pattern = "^(a+)+\\1$";
    const guarded = guardedRegExp(pattern, { engine: "bounded" });
    const hostile = `${"a".repeat(40)}!`;
    expect(guarded.test("aaaa")).toBe(true);
    expect(guarded.test("aab")).toBe(false);
    expect(patternBudgetExceeded(pattern, "aab")).toBe(false);
    const matcherRuns = vi.spyOn(BoundedRegExp.prototype, "run");
    try {
      expect(guarded.test(hostile)).toBe(false);
      expect(matcherRuns).toHaveBeenCalledTimes(1);
      expect(matcherRuns).toHaveLastReturnedWith(EXCEEDED);
      expect(patternBudgetExceeded(pattern, hostile)).toBe(true);
      // The same input again costs nothing: answered from the record, the matcher is not run.
      // (Counted rather than timed: a 1 ms wall-clock bound failed whenever the OS preempted the
      // worker, and CPU time on Linux is accounted in scheduler ticks.)
      expect(guarded.test(hostile)).toBe(false);
      expect(matcherRuns).toHaveBeenCalledTimes(1);
    } finally {
      matcherRuns.mockRestore();
    }
  });

  it.each([
    ["all parts match", { input: "abc", want: true }],
    ["the negated part matches", { input: "-bc", want: false }],
    ["the trailing lookbehind matches", { input: "ab-", want: false }],
    ["the rest does not match", { input: "a_c", want: false }],
  ])("runs split parts as one pattern: %s", (_name, { input, want }) => {
    const guarded = guardedRegExp("^(?!-)[a-z-]+(?<!-)$", {
      engine: "all",
      parts: [
        { source: "^[a-z-]+$", negate: false, plan: { engine: "linear" } },
        { source: "^(?:-)", negate: true, plan: { engine: "native", flags: "u" } },
        { source: "(?:-)$", negate: true, plan: { engine: "bounded" } },
      ],
    });
    expect(guarded.test(input)).toBe(want);
  });
});
