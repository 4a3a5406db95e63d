import { describe, expect, it } from "vitest";
import {
  classifyPattern,
  isUnicodeNeutral,
} from "../../src/codegen/validators/classify-pattern.js";
import { patternImpliesDecimal } from "../../src/codegen/validators/pattern-implies-decimal.js";

describe("classifyPattern", () => {
  it.each([
    [
      "the Gcore 12-decimal amount stays native",
      { pattern: "^\\d{1,3}\\.\\d{12}$", engine: "native" },
    ],
    ["a plain word pattern stays native", { pattern: "^[A-Z]{3}$", engine: "native" }],
    ["nested quantifiers go to RE2", { pattern: "^(a+)+$", engine: "linear" }],
    [
      "a Unicode property with nesting goes to RE2",
      { pattern: "^(\\p{L}+\\s?)+$", engine: "linear" },
    ],
    ["invalid under the u flag", { pattern: "^[\\w-.]+$", engine: "none" }],
    ["nested and a backreference RE2 lacks", { pattern: "^(a+)+\\1$", engine: "none" }],
  ])("%s", (_name, { pattern, engine }) => {
    expect(classifyPattern(pattern).engine).toBe(engine);
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
