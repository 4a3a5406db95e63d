import { describe, expect, it } from "vitest";
import { showValue } from "../../src/drift/show-value.js";

describe("showValue", () => {
  it.each<[string, unknown, string]>([
    ["a pattern, not over-escaped", "^\\d{1,3}\\.\\d{12}$", "'^\\d{1,3}\\.\\d{12}$'"],
    ["an empty string", "", "''"],
    ["a line break", "a\nb", "'a\\nb'"],
    ["a number", 7, "7"],
    ["null", null, "null"],
    ["an object", { a: 1 }, '{"a":1}'],
    ["nothing", undefined, "(none)"],
  ])("%s", (_name, value, want) => {
    expect(showValue(value)).toBe(want);
  });
});
