import { describe, expect, it } from "vitest";
import { addError, appendErrors } from "../../../src/runtime/validate/append-errors.js";
import { type AjvLikeError, MAX_VIOLATIONS } from "../../../src/runtime/validate/types.js";

const error = (i: number): AjvLikeError => ({ instancePath: `/${i}`, keyword: "type", params: {} });
const errors = (n: number, from = 0) => Array.from({ length: n }, (_, i) => error(from + i));

describe("bounded error lists", () => {
  it.each([
    ["appending to nothing keeps the source", { target: null, source: 3, want: 3, last: "/5002" }],
    ["appending below the cap keeps all", { target: 10, source: 5, want: 15, last: "/5004" }],
    [
      "appending past the cap stops at it",
      { target: 998, source: 5, want: MAX_VIOLATIONS, last: "/5001" },
    ],
    [
      "appending to a full list keeps it",
      { target: MAX_VIOLATIONS, source: 5, want: MAX_VIOLATIONS, last: "/999" },
    ],
    [
      "a source larger than the cap is cut",
      { target: null, source: MAX_VIOLATIONS + 7, want: MAX_VIOLATIONS, last: "/5999" },
    ],
  ])("%s", (_name, { target, source, want, last }) => {
    const result = appendErrors(target === null ? null : errors(target), errors(source, 5000));
    expect(result).toHaveLength(want);
    expect(result.at(-1)?.instancePath).toBe(last);
  });

  it.each([
    [
      "prefixes every kept error",
      { target: 2, source: 3, want: ["/items/3/5000", "/items/3/5002"] },
    ],
    [
      "prefixes only what fits under the cap",
      { target: MAX_VIOLATIONS - 1, source: 3, want: ["/items/3/5000", "/5002"] },
    ],
    [
      "leaves the source alone when the list is full",
      { target: MAX_VIOLATIONS, source: 2, want: ["/5000", "/5001"] },
    ],
  ])("a callee's relative paths: %s", (_name, { target, source, want }) => {
    const from = errors(source, 5000);
    const result = appendErrors(errors(target), from, "/items/3");
    expect([from[0]?.instancePath, from.at(-1)?.instancePath]).toEqual(want);
    expect(result).toHaveLength(Math.min(MAX_VIOLATIONS, target + source));
  });

  it("adds an error while below the cap and never past it", () => {
    let list = addError(null, "/0", "type", { type: "string" });
    expect(list).toEqual([{ instancePath: "/0", keyword: "type", params: { type: "string" } }]);
    for (let i = 1; i < MAX_VIOLATIONS + 10; i++) list = addError(list, `/${i}`, "type", {});
    expect(list).toHaveLength(MAX_VIOLATIONS);
    expect(list.at(-1)?.instancePath).toBe(`/${MAX_VIOLATIONS - 1}`);
  });
});
