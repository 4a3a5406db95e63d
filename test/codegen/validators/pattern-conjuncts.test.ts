/** Splitting leading lookaheads and trailing lookbehinds off a pattern, proven against V8. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { patternConjuncts } from "../../../src/codegen/validators/pattern-conjuncts.js";
import { parseRegExp } from "../../../src/runtime/parse-regexp.js";

describe("patternConjuncts", () => {
  it.each([
    [
      "leading lookaheads, either sign",
      {
        pattern: "^(?=.*\\d)(?!.*--)[a-z\\d-]+$",
        want: [
          { source: "^[a-z\\d-]+$", negate: false },
          { source: "^(?:.*\\d)", negate: false },
          { source: "^(?:.*--)", negate: true },
        ],
      },
    ],
    [
      "a trailing lookbehind without a caret",
      {
        pattern: "[a-z]+(?<!-x)$",
        want: [
          { source: "[a-z]+$", negate: false },
          { source: "(?:-x)$", negate: true },
        ],
      },
    ],
    [
      "only a lookahead",
      {
        pattern: "^(?=a)",
        want: [
          { source: "^", negate: false },
          { source: "^(?:a)", negate: false },
        ],
      },
    ],
    ["no caret: the lookahead is tried at every position", { pattern: "(?=a)ab", want: null }],
    ["a backreference could see the lookahead's capture", { pattern: "^(?=(a))\\1", want: null }],
    ["top-level alternatives", { pattern: "^(?=a)a|b$", want: null }],
    ["a lookahead in the middle", { pattern: "^a(?=b)b$", want: null }],
    ["a lookbehind not before the final $", { pattern: "^a(?<=a)b$", want: null }],
  ])("%s", (_name, { pattern, want }) => {
    expect(patternConjuncts(parseRegExp(pattern))).toEqual(want);
  });

  it("splits into parts whose conjunction V8 answers exactly as the whole pattern", () => {
    const piece = fc.constantFrom(
      "a",
      "b",
      "a*",
      "(?:ab|a)+",
      "[ab]?",
      ".",
      "b+a",
      "(a|b)*b",
      "$",
      "",
    );
    const body = fc.array(piece, { minLength: 0, maxLength: 3 }).map((p) => p.join(""));
    const look = fc.tuple(fc.boolean(), body).map(([neg, b]) => ({ neg, b }));
    const pattern = fc
      .tuple(fc.array(look, { maxLength: 2 }), body, fc.array(look, { maxLength: 2 }), fc.boolean())
      .map(([ahead, rest, behind, dollar]) => {
        const before = ahead.map(({ neg, b }) => `(?${neg ? "!" : "="}${b})`).join("");
        const after = dollar
          ? `${behind.map(({ neg, b }) => `(?<${neg ? "!" : "="}${b})`).join("")}$`
          : "";
        return `^${before}${rest}${after}`;
      });
    const input = fc.string({ unit: fc.constantFrom("a", "b", "c"), maxLength: 7 });
    fc.assert(
      fc.property(pattern, fc.array(input, { minLength: 1, maxLength: 6 }), (source, inputs) => {
        const parts = patternConjuncts(parseRegExp(source));
        if (parts === null) return;
        const whole = new RegExp(source, "u");
        const compiled = parts.map((p) => ({ re: new RegExp(p.source, "u"), negate: p.negate }));
        for (const s of inputs) {
          const split = compiled.every(({ re, negate }) => re.test(s) !== negate);
          expect(split, `/${source}/ on ${JSON.stringify(s)}`).toBe(whole.test(s));
        }
      }),
      { numRuns: 500, seed: 20 },
    );
  });
});
