import { describe, expect, it } from "vitest";
import { classifyPattern } from "../../src/codegen/validators/classify-pattern.js";

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
