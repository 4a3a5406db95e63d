import { describe, expect, it } from "vitest";
import {
  escapePointerToken,
  getAtPointer,
  parsePointer,
  toPointer,
  unescapePointerToken,
} from "../../src/runtime/json-pointer.js";

const body = { "a/b": { "c~d": [1, "two"] }, list: [{ x: 1 }], "~1": "literal" };

describe("json-pointer", () => {
  it.each<[string, { given: string; want: string }]>([
    ["a plain token", { given: "invoices", want: "invoices" }],
    ["a slash", { given: "/a/{id}", want: "~1a~1{id}" }],
    ["a tilde", { given: "c~d", want: "c~0d" }],
    ["a tilde before a one: never read back as a slash", { given: "~1", want: "~01" }],
  ])("escapes %s", (_name, { given, want }) => {
    expect(escapePointerToken(given)).toBe(want);
    expect(unescapePointerToken(want)).toBe(given);
  });

  it.each<[string, { given: (string | number)[]; want: string }]>([
    ["no tokens: the root", { given: [], want: "" }],
    ["a path and an index", { given: ["paths", "/a", 0], want: "/paths/~1a/0" }],
  ])("toPointer: %s", (_name, { given, want }) => {
    expect(toPointer(given)).toBe(want);
    expect(parsePointer(want)).toEqual(given.map(String));
  });

  it.each<[string, { given: string; want: unknown }]>([
    ["the root", { given: "", want: body }],
    ["escaped tokens", { given: "/a~1b/c~0d/0", want: 1 }],
    ["~01 is the key ~1", { given: "/~01", want: "literal" }],
    ["a URI fragment", { given: "#/list/0/x", want: 1 }],
    ["a missing key", { given: "/nope/x", want: undefined }],
    ["through a primitive", { given: "/list/0/x/y", want: undefined }],
  ])("getAtPointer: %s", (_name, { given, want }) => {
    expect(getAtPointer(body, given)).toEqual(want);
  });

  it("refuses text that is not a pointer, naming it", () => {
    expect(() => parsePointer("list/0")).toThrow("'list/0'");
  });
});
