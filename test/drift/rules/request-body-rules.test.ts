import { describe, expect, it } from "vitest";
import type { Json } from "../edit-specs.js";
import { diffIds, edited, type RuleCase, wanted } from "../tiny-spec.js";

const nothing = () => {};
const body =
  (required: boolean, content: Json = { "application/json": { schema: { type: "object" } } }) =>
  (operation: Json) => {
    operation.requestBody = { required, content };
  };

/** Request bodies: added, removed, required, media types and their schemas. */
const cases: [string, RuleCase][] = [
  [
    "required request body added",
    edited(nothing, body(true), ["request-body-added-required", "breaking"]),
  ],
  [
    "optional request body added",
    edited(nothing, body(false), ["request-body-added-optional", "info"]),
  ],
  ["request body removed", edited(body(false), nothing, ["request-body-removed", "breaking"])],
  [
    "request body became required",
    edited(body(false), body(true), ["request-body-became-required", "breaking"]),
  ],
  [
    "request body became optional",
    edited(body(true), body(false), ["request-body-became-optional", "info"]),
  ],
  [
    "request media type removed",
    edited(
      body(true, { "application/json": {}, "application/xml": {} }),
      body(true, { "application/json": {} }),
      ["request-body-media-type-removed", "breaking"],
    ),
  ],
  [
    "request media type added",
    edited(
      body(true, { "application/json": {} }),
      body(true, { "application/json": {}, "text/csv": {} }),
      ["request-body-media-type-added", "info"],
    ),
  ],
  [
    "a charset added to the request media type is no new media type",
    edited(
      body(true),
      body(true, { "application/json; charset=utf-8": { schema: { type: "object" } } }),
    ),
  ],
  [
    "request media type schema added",
    edited(
      body(true, { "application/json": {} }),
      body(true, { "application/json": { schema: { type: "object" } } }),
      ["request-body-media-type-schema-added", "breaking"],
    ),
  ],
  [
    "request media type schema removed",
    edited(body(true), body(true, { "application/json": {} }), [
      "request-body-media-type-schema-removed",
      "info",
    ]),
  ],
];

describe("request body rules", () => {
  it.each(cases)("%s", (_name, given) => {
    expect(diffIds(given.base, given.revision)).toEqual(wanted(given));
  });
});
