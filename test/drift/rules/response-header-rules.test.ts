import { describe, expect, it } from "vitest";
import type { Json } from "../edit-specs.js";
import { diffIds, edited, type RuleCase, wanted } from "../tiny-spec.js";

const header =
  (name: string, spec: Json = {}) =>
  (operation: Json) => {
    operation.responses["200"].headers = { [name]: { schema: { type: "string" }, ...spec } };
  };
const nothing = () => {};

/** Response headers: added, removed, required, type and nullability. */
const cases: [string, RuleCase][] = [
  [
    "response header added",
    edited(nothing, header("X-Rate-Limit"), ["response-header-added", "info"]),
  ],
  [
    "required response header removed",
    edited(header("X-Rate-Limit", { required: true }), nothing, [
      "required-response-header-removed",
      "breaking",
    ]),
  ],
  [
    "optional response header removed",
    edited(header("X-Rate-Limit"), nothing, ["optional-response-header-removed", "warning"]),
  ],
  [
    "response header became optional",
    edited(header("ETag", { required: true }), header("ETag"), [
      "response-header-became-optional",
      "breaking",
    ]),
  ],
  [
    "response header type changed",
    edited(
      header("X-Count", { schema: { type: "integer" } }),
      header("X-Count", { schema: { type: "boolean" } }),
      ["response-header-type-changed", "breaking"],
    ),
  ],
  [
    "response header type widened",
    edited(
      header("X-Count", { schema: { type: "integer" } }),
      header("X-Count", { schema: { type: "number" } }),
      ["response-header-type-generalized", "breaking"],
    ),
  ],
  [
    "response header type narrowed",
    edited(
      header("X-Count", { schema: { type: "number" } }),
      header("X-Count", { schema: { type: "integer" } }),
      ["response-header-type-specialized", "info"],
    ),
  ],
  [
    "response header became nullable",
    edited(header("X-Next"), header("X-Next", { schema: { type: "string", nullable: true } }), [
      "response-header-became-nullable",
      "breaking",
    ]),
  ],
  ["header names match case-insensitively", edited(header("ETag"), header("etag"))],
];

describe("response header rules", () => {
  it.each(cases)("%s", (_name, given) => {
    expect(diffIds(given.base, given.revision)).toEqual(wanted(given));
  });
});
