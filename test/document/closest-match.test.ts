import { describe, expect, it } from "vitest";
import { closest, didYouMean } from "../../src/document/closest-match.js";

describe("closest", () => {
  it.each([
    [
      "a flag with a letter missing",
      { given: ["--taget", ["--target", "--api"]], want: "--target" },
    ],
    ["two letters swapped", { given: ["filetrs", ["filters", "dates"]], want: "filters" }],
    [
      "a JSON Pointer one letter off",
      { given: ["/amount_totl", ["/amount_total", "/amount_tax"]], want: "/amount_total" },
    ],
    ["nothing close", { given: ["zzz", ["filters"]], want: undefined }],
    ["a short word: two edits are too many", { given: ["ab", ["xy"]], want: undefined }],
  ] as const)("%s", (_, { given, want }) => {
    expect(closest(given[0], given[1])).toBe(want);
  });

  it("formats the hint, or nothing", () => {
    expect(didYouMean("curency", ["currency"])).toBe(" (did you mean currency?)");
    expect(didYouMean("zzz", ["currency"])).toBe("");
  });
});
