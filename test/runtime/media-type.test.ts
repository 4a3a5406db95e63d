import { describe, expect, it } from "vitest";
import { isJsonMediaType, mediaTypeEssence } from "../../src/runtime/media-type.js";

describe("media-type", () => {
  it.each<[string, { given: string; want: { essence: string; json: boolean } }]>([
    [
      "a charset parameter is dropped",
      {
        given: "application/json; charset=utf-8",
        want: { essence: "application/json", json: true },
      },
    ],
    [
      "case does not matter",
      { given: "APPLICATION/JSON", want: { essence: "application/json", json: true } },
    ],
    [
      "the +json suffix (RFC 9457 problem)",
      {
        given: "application/problem+json",
        want: { essence: "application/problem+json", json: true },
      },
    ],
    [
      "a vendor +json type with parameters",
      {
        given: " application/vnd.api+json ;ext=bulk",
        want: { essence: "application/vnd.api+json", json: true },
      },
    ],
    [
      "text/json, which the client used to read as text (a false ContractViolationError)",
      { given: "Text/JSON;charset=UTF-8", want: { essence: "text/json", json: true } },
    ],
    ["text/plain", { given: "text/plain", want: { essence: "text/plain", json: false } }],
    [
      "JSON Lines: a sequence of JSON texts, not one document",
      { given: "application/jsonl", want: { essence: "application/jsonl", json: false } },
    ],
    [
      "NDJSON: a sequence of JSON texts, not one document",
      { given: "application/x-ndjson", want: { essence: "application/x-ndjson", json: false } },
    ],
    [
      "a type that only mentions json",
      {
        given: "application/json-patch-query",
        want: { essence: "application/json-patch-query", json: false },
      },
    ],
    ["no media type at all", { given: "", want: { essence: "", json: false } }],
  ])("%s", (_name, { given, want }) => {
    expect({ essence: mediaTypeEssence(given), json: isJsonMediaType(given) }).toEqual(want);
  });
});
