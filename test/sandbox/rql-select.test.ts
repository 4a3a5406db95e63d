import { describe, expect, it } from "vitest";
import { applyRqlSelect, parseRqlSelect } from "../../src/sandbox/rql-select.js";

const resource = {
  id: "INV-1",
  price: { totalSP: 10, totalST: 2 },
  lines: [
    { id: "L1", erpData: { a: 1 } },
    { id: "L2", erpData: { a: 2 } },
  ],
};

describe("RQL select", () => {
  it.each([
    ["nothing selected", { select: "", want: resource }],
    ["an inclusion only", { select: "+price", want: resource }],
    ["an unknown exclusion", { select: "-nope", want: resource }],
    [
      "a top-level exclusion",
      {
        select: "-lines",
        want: { $meta: { omitted: ["lines"] }, id: "INV-1", price: resource.price },
      },
    ],
    [
      "a nested exclusion through an array",
      {
        select: "+id,-lines.erpData,-price.totalST",
        want: {
          $meta: { omitted: ["lines.erpData", "price.totalST"] },
          id: "INV-1",
          price: { totalSP: 10 },
          lines: [{ id: "L1" }, { id: "L2" }],
        },
      },
    ],
  ])("applies %s", (_name, { select, want }) => {
    const parsed = parseRqlSelect(select);
    if ("error" in parsed) throw new Error(parsed.error);
    expect(applyRqlSelect(resource, parsed)).toEqual(want);
  });

  it("does not modify the resource it projects", () => {
    const before = structuredClone(resource);
    const parsed = parseRqlSelect("-lines,-price.totalSP");
    if ("error" in parsed) throw new Error(parsed.error);
    applyRqlSelect(resource, parsed);
    expect(resource).toEqual(before);
  });

  it.each([["eq(id,1)"], ["-"], ["a..b"], ["+1abc"]])(
    "reports the malformed term in '%s'",
    (text) => {
      expect(parseRqlSelect(text)).toEqual({
        error: expect.stringMatching(/^invalid select term/),
      });
    },
  );
});
