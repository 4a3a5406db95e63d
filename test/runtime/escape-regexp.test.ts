import { describe, expect, it } from "vitest";
import { escapeRegExp } from "../../src/runtime/escape-regexp.js";

describe("escapeRegExp", () => {
  it.each([
    ["a path with a dot", { given: "/v1.2/items", matches: "/v1.2/items", not: "/v132/items" }],
    [
      "a folder with +, spaces and brackets",
      { given: "/x/a+b (1)/[c]", matches: "/x/a+b (1)/[c]", not: "/x/aab 1/c" },
    ],
    ["an identifier with $", { given: "$ref", matches: "$ref", not: "ref" }],
    ["every syntax character", { given: ".*+?^${}()|[]\\", matches: ".*+?^${}()|[]\\", not: "" }],
  ])("%s matches itself only", (_name, { given, matches, not }) => {
    const re = new RegExp(`^${escapeRegExp(given)}$`);
    expect(re.test(matches)).toBe(true);
    expect(re.test(not)).toBe(false);
  });
});
