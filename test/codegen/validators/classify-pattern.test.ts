import { describe, expect, it } from "vitest";
import {
  classifyPattern,
  isUnicodeNeutral,
} from "../../../src/codegen/validators/classify-pattern.js";
import { patternImpliesDecimal } from "../../../src/codegen/validators/pattern-implies-decimal.js";

describe("classifyPattern", () => {
  it.each([
    [
      "the Gcore 12-decimal amount stays native",
      { pattern: "^\\d{1,3}\\.\\d{12}$", engine: "native" },
    ],
    ["a plain word pattern stays native", { pattern: "^[A-Z]{3}$", engine: "native" }],
    [
      "a bounded repetition with few choices stays native (no recheck needed)",
      { pattern: "^[a-z0-9-.]{1,63}$", engine: "native" },
    ],
    [
      "a bounded repetition of alternatives with 2^30 choices goes to RE2",
      { pattern: "^(?:a|a){30}$", engine: "linear" },
    ],
    ["nested quantifiers go to RE2", { pattern: "^(a+)+$", engine: "linear" }],
    [
      "overlapping alternatives (safe-regex2 misses them) go to RE2",
      { pattern: "^(a|aa)+$", engine: "linear" },
    ],
    [
      "a polynomial unanchored pattern goes to RE2",
      { pattern: "[a-z]+_token_[0-9]+", engine: "linear" },
    ],
    [
      "a Unicode property with nesting goes to RE2",
      { pattern: "^(\\p{L}+\\s?)+$", engine: "linear" },
    ],
    ["invalid under the u flag", { pattern: "^[\\w-.]+$", engine: "none" }],
    ["nested and a backreference RE2 lacks", { pattern: "^(a+)+\\1$", engine: "guarded" }],
    ["a leading lookahead", { pattern: "^(?=a)(a|aa)+$", engine: "guarded" }],
  ])("%s", (_name, { pattern, engine }) => {
    expect(classifyPattern(pattern).engine).toBe(engine);
  });

  it.each([
    [
      "^(?=a)(a|aa)+$: the lookahead splits off, the rest runs on RE2",
      {
        pattern: "^(?=a)(a|aa)+$",
        plan: {
          engine: "all",
          parts: [
            { source: "^(a|aa)+$", negate: false, plan: { engine: "linear" } },
            { source: "^(?:a)", negate: false, plan: { engine: "native", flags: "" } },
          ],
        },
      },
    ],
    [
      "Gcore Cloud's signed decimal: a negative lookahead",
      {
        pattern: "^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d*$",
        plan: {
          engine: "all",
          parts: [
            { source: "^[+-]?0*\\d*\\.?\\d*$", negate: false, plan: { engine: "linear" } },
            { source: "^(?:^[-+.]*$)", negate: true, plan: { engine: "native", flags: "u" } },
          ],
        },
      },
    ],
    [
      "a hostname label: lookahead and lookbehind both split off, all native",
      {
        pattern: "^(?!-)[a-z0-9-]{1,63}(?<!-)$",
        plan: {
          engine: "all",
          parts: [
            { source: "^[a-z0-9-]{1,63}$", negate: false, plan: { engine: "native", flags: "" } },
            { source: "^(?:-)", negate: true, plan: { engine: "native", flags: "" } },
            { source: "(?:-)$", negate: true, plan: { engine: "native", flags: "" } },
          ],
        },
      },
    ],
    ["a backreference runs step-budgeted", { pattern: "^(a+)+\\1$", plan: { engine: "bounded" } }],
    [
      "a lookahead inside a loop runs step-budgeted",
      { pattern: "^(?:(?=\\w)\\w+\\s?)*$", plan: { engine: "bounded" } },
    ],
  ])("plans %s", (_name, { pattern, plan }) => {
    const verdict = classifyPattern(pattern);
    expect(verdict.engine === "guarded" ? verdict.plan : verdict).toEqual(plan);
  });

  it.each([
    ["a backreference", { pattern: "^(a+)+\\1$", why: "has a backreference" }],
    ["a lookahead in a loop", { pattern: "^(?:(?=\\w)\\w+\\s?)*$", why: "has a lookaround" }],
  ])("warns about the step budget for %s, saying why", (_name, { pattern, why }) => {
    const verdict = classifyPattern(pattern);
    expect(verdict.engine === "guarded" && verdict.warning).toMatch(
      new RegExp(`^${why} that no linear-time engine runs, and recheck .*pattern-budget-exceeded$`),
    );
  });

  it("gives no warning when every part has a linear or proven engine", () => {
    const verdict = classifyPattern("^(?=\\w)(\\w+\\s?)*$");
    expect(verdict).toMatchObject({ engine: "guarded" });
    expect(verdict.engine === "guarded" && verdict.warning).toBeFalsy();
  });
});

describe("isUnicodeNeutral", () => {
  it.each([
    ["the Gcore amount", { pattern: "^\\d{1,3}\\.\\d{12}$", want: true }],
    ["ASCII classes and literals", { pattern: "^[a-z]{2}-\\w+$", want: true }],
    ["an escaped backslash before D", { pattern: "^\\\\D$", want: true }],
    ["a dot (matches half a surrogate pair without u)", { pattern: "^a.b$", want: false }],
    ["a negated class", { pattern: "^[^x]+$", want: false }],
    ["\\D", { pattern: "^\\D+$", want: false }],
    ["\\S", { pattern: "^\\S$", want: false }],
    ["a non-ASCII literal", { pattern: "^é$", want: false }],
    ["a Unicode property", { pattern: "^\\p{L}$", want: false }],
    ["a \\u escape", { pattern: "^\\u0041$", want: false }],
  ])("%s", (_name, { pattern, want }) => {
    expect(isUnicodeNeutral(pattern)).toBe(want);
  });
});

describe("patternImpliesDecimal", () => {
  it.each([
    ["the Gcore amount", { pattern: "^\\d{1,3}\\.\\d{12}$", want: true }],
    ["an optional sign and fraction", { pattern: "^-?\\d+(?:\\.\\d+)?$", want: true }],
    ["digits only", { pattern: "^[0-9]+$", want: true }],
    ["an optional fraction group", { pattern: "^-?[0-9]{1,}(\\.[0-9]{2})?$", want: true }],
    ["an integer part that may be empty", { pattern: "^\\d{0,3}\\.\\d{12}$", want: false }],
    ["a fraction that may be empty", { pattern: "^\\d{1,3}\\.\\d*$", want: false }],
    ["an unanchored pattern", { pattern: "\\d+", want: false }],
    ["an optional dot", { pattern: "^\\d+\\.?\\d+$", want: false }],
  ])("%s", (_name, { pattern, want }) => {
    expect(patternImpliesDecimal(pattern)).toBe(want);
  });
});
