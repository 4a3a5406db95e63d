import { describe, expect, it } from "vitest";
import { matchMediaTypes, mediaTypeParameters } from "../../src/drift/match-media-types.js";

describe("matchMediaTypes", () => {
  it.each<
    [string, { before: string[]; after: string[]; want: ReturnType<typeof matchMediaTypes> }]
  >([
    [
      "the same keys",
      {
        before: ["application/json"],
        after: ["application/json"],
        want: { pairs: [["application/json", "application/json"]], removed: [], added: [] },
      },
    ],
    [
      "a charset added: the same media type",
      {
        before: ["application/json"],
        after: ["application/json; charset=utf-8"],
        want: {
          pairs: [["application/json", "application/json; charset=utf-8"]],
          removed: [],
          added: [],
        },
      },
    ],
    [
      "another media type",
      {
        before: ["application/json"],
        after: ["text/csv"],
        want: { pairs: [], removed: ["application/json"], added: ["text/csv"] },
      },
    ],
    [
      "an exact match wins over an essence match",
      {
        before: ["application/json", "application/json; charset=utf-8"],
        after: ["application/json; charset=utf-8"],
        want: {
          pairs: [["application/json; charset=utf-8", "application/json; charset=utf-8"]],
          removed: ["application/json"],
          added: [],
        },
      },
    ],
  ])("%s", (_name, { before, after, want }) => {
    expect(matchMediaTypes(before, after)).toEqual(want);
  });

  it("reads parameters sorted and lower-cased", () => {
    expect(mediaTypeParameters("application/json; Version = 2;charset=UTF-8")).toEqual([
      "charset=utf-8",
      "version=2",
    ]);
    expect(mediaTypeParameters("application/json")).toEqual([]);
  });
});
