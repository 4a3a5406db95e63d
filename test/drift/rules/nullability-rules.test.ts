import { describe, expect, it } from "vitest";
import { diffIds, type RuleCase, row, wanted } from "../tiny-spec.js";

const S = { type: "string" };
const NS = { type: "string", nullable: true };

/** Nullability in its three spellings, by direction. */
const cases: [string, RuleCase][] = [
  [
    "query parameter wrapped in a oneOf with a null branch: its types widened",
    row("query", S, { oneOf: [{ type: "null" }, S] }, [
      "request-parameter-list-of-types-widened",
      "info",
    ]),
  ],
  [
    "query parameter unwrapped from a oneOf with a null branch: its types narrowed",
    row("query", { oneOf: [{ type: "null" }, S] }, S, [
      "request-parameter-list-of-types-narrowed",
      "breaking",
    ]),
  ],
  [
    "query parameter made nullable in place is became-nullable",
    row("query", S, NS, ["request-parameter-became-nullable", "info"]),
  ],
  [
    "response property became nullable",
    row("response-property", S, NS, ["response-property-became-nullable", "breaking"]),
  ],
  [
    "response body became nullable",
    row("response-body", { type: "object" }, { type: "object", nullable: true }, [
      "response-body-became-nullable",
      "breaking",
    ]),
  ],
  [
    "response property became not nullable",
    row("response-property", NS, S, ["response-property-became-not-nullable", "info"]),
  ],
  [
    "request property became not nullable",
    row("request-property", NS, S, ["request-property-became-not-nullable", "breaking"]),
  ],
  [
    "request body became not nullable",
    row("request-body", { type: "object", nullable: true }, { type: "object" }, [
      "request-body-became-not-nullable",
      "breaking",
    ]),
  ],
  [
    "request property became nullable",
    row("request-property", S, NS, ["request-property-became-nullable", "info"]),
  ],
  [
    "query became not nullable",
    row("query", NS, S, ["request-parameter-became-not-nullable", "breaking"]),
  ],
  ["query became nullable", row("query", S, NS, ["request-parameter-became-nullable", "info"])],
  [
    "query object property became not nullable",
    row(
      "query",
      { type: "object", properties: { a: NS } },
      { type: "object", properties: { a: S } },
      ["request-parameter-property-became-not-nullable", "breaking"],
    ),
  ],
  [
    "3.1 type array with null is the same as nullable",
    row("response-property", NS, { type: ["string", "null"] }),
  ],
  [
    "oneOf null branch is the same as nullable",
    row("response-property", NS, { oneOf: [S, { type: "null" }] }),
  ],
];

describe("nullability rules", () => {
  it.each(cases)("%s", (_name, given) => {
    expect(diffIds(given.base, given.revision)).toEqual(wanted(given));
  });
});
