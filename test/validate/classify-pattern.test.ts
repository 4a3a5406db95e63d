import { describe, expect, it } from "vitest";
import {
  classifyPattern,
  isUnicodeNeutral,
} from "../../src/codegen/validators/classify-pattern.js";

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
