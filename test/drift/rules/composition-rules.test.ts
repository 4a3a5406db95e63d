import { describe, expect, it } from "vitest";
import { diffIds, type RuleCase, row, wanted } from "../tiny-spec.js";

const CAT = { type: "object", properties: { meow: { type: "string" } }, required: ["meow"] };
const DOG = { type: "object", properties: { bark: { type: "string" } }, required: ["bark"] };
const FOX = { type: "object", properties: { yip: { type: "integer" } } };

/** oneOf/anyOf alternatives matched by content, and allOf as the intersection of its members. */
const cases: [string, RuleCase][] = [
  [
    "response oneOf alternative added",
    row("response-body", { oneOf: [CAT, DOG] }, { oneOf: [CAT, DOG, FOX] }, [
      "response-body-one-of-added",
      "breaking",
    ]),
  ],
  [
    "response property oneOf alternative removed",
    row(
      "response-property",
      { oneOf: [CAT, DOG] },
      { oneOf: [CAT, { type: "string" }] },
      ["response-property-one-of-added", "breaking"],
      ["response-property-one-of-removed", "info"],
    ),
  ],
  [
    "request oneOf alternative removed",
    row("request-body", { oneOf: [CAT, DOG, FOX] }, { oneOf: [CAT, DOG] }, [
      "request-body-one-of-removed",
      "breaking",
    ]),
  ],
  [
    "request property anyOf alternative added",
    row("request-property", { anyOf: [CAT, DOG] }, { anyOf: [CAT, DOG, FOX] }, [
      "request-property-any-of-added",
      "info",
    ]),
  ],
  [
    "response anyOf alternative added",
    row("response-property", { anyOf: [CAT, DOG] }, { anyOf: [FOX, CAT, DOG] }, [
      "response-property-any-of-added",
      "breaking",
    ]),
  ],
  [
    "an alternative inserted at the front is matched by content, not position",
    row("response-body", { oneOf: [CAT, DOG] }, { oneOf: [FOX, CAT, DOG] }, [
      "response-body-one-of-added",
      "breaking",
    ]),
  ],
  [
    "alternatives reordered: no change",
    row("response-body", { oneOf: [CAT, DOG] }, { oneOf: [DOG, CAT] }),
  ],
  [
    "a changed alternative is compared with its match",
    row(
      "response-body",
      { oneOf: [CAT, DOG] },
      { oneOf: [DOG, { ...CAT, properties: { meow: { type: "string", nullable: true } } }] },
      ["response-property-became-nullable", "breaking"],
    ),
  ],
  [
    "allOf: a property narrowed in a later member is seen",
    row(
      "request-body",
      { allOf: [{ type: "object", properties: { a: { type: "string" } } }] },
      {
        allOf: [
          { type: "object", properties: { a: { type: "string" } } },
          { properties: { a: { maxLength: 3 } } },
        ],
      },
      ["request-body-all-of-added", "breaking"],
      ["request-property-max-length-set", "breaking"],
    ),
  ],
  [
    "allOf: a later member narrowing an existing property, members unchanged in number",
    row(
      "request-body",
      {
        allOf: [
          { type: "object", properties: { a: { type: "string" } } },
          { properties: { a: { minLength: 0 } } },
        ],
      },
      {
        allOf: [
          { type: "object", properties: { a: { type: "string" } } },
          { properties: { a: { maxLength: 3 } } },
        ],
      },
      ["request-property-max-length-set", "breaking"],
    ),
  ],
  [
    "allOf: a member removed from a response",
    row(
      "response-body",
      {
        allOf: [
          { type: "object", properties: { a: { type: "string" } } },
          { properties: { a: { maxLength: 3 } } },
        ],
      },
      { allOf: [{ type: "object", properties: { a: { type: "string" } } }] },
      ["response-body-all-of-removed", "breaking"],
      ["response-property-max-length-unset", "breaking"],
    ),
  ],
  [
    "allOf: a member that only documents",
    row(
      "request-body",
      { allOf: [{ type: "object" }] },
      { allOf: [{ type: "object" }, { description: "more words" }] },
      ["request-body-all-of-added-annotation-only", "info"],
    ),
  ],
  [
    "allOf: an enum intersected by a later member loses values",
    row(
      "request-body",
      { allOf: [{ type: "object", properties: { s: { type: "string", enum: ["a", "b"] } } }] },
      {
        allOf: [
          { type: "object", properties: { s: { type: "string", enum: ["a", "b"] } } },
          { properties: { s: { enum: ["a"] } } },
        ],
      },
      ["request-body-all-of-added", "breaking"],
      ["request-property-enum-value-removed", "breaking"],
    ),
  ],
  [
    "allOf: a required added by a later member",
    row(
      "response-body",
      { allOf: [{ type: "object", properties: { a: { type: "string" } }, required: ["a"] }] },
      { allOf: [{ type: "object", properties: { a: { type: "string" } } }, { required: ["a"] }] },
      ["response-body-all-of-added", "info"],
    ),
  ],
];

describe("composition rules", () => {
  it.each(cases)("%s", (_name, given) => {
    expect(diffIds(given.base, given.revision)).toEqual(wanted(given));
  });
});
