import { describe, expect, it } from "vitest";
import { diffIds, type RuleCase, row, wanted } from "../tiny-spec.js";

const E = (...values: unknown[]) => ({ type: "string", enum: values });

/** Enum values and const, by direction. */
const cases: [string, RuleCase][] = [
  [
    "header object property restricted to an enum",
    row(
      "header",
      { type: "object", properties: { k: { type: "string" } } },
      { type: "object", properties: { k: E("a", "b") } },
      ["request-header-property-became-enum", "breaking"],
    ),
  ],
  [
    "query object property restricted to an enum: its values are listed as added",
    row(
      "query",
      { type: "object", properties: { k: { type: "string" } } },
      { type: "object", properties: { k: E("a", "b") } },
      ["request-parameter-property-enum-value-added", "info"],
    ),
  ],
  [
    "query enum removed entirely",
    row("query", E("a", "b"), { type: "string" }, ["request-parameter-enum-removed", "info"]),
  ],
  [
    "query object property enum removed entirely",
    row(
      "query",
      { type: "object", properties: { k: E("a") } },
      { type: "object", properties: { k: { type: "string" } } },
      ["request-parameter-property-enum-removed", "info"],
    ),
  ],
  [
    "request body enum removed entirely",
    row("request-body", E("a", "b"), { type: "string" }, ["request-body-enum-removed", "info"]),
  ],
  [
    "request property enum removed entirely",
    row("request-property", E("a", "b"), { type: "string" }, [
      "request-property-enum-removed",
      "info",
    ]),
  ],
  [
    "query enum value removed",
    row("query", E("a", "b"), E("a"), ["request-parameter-enum-value-removed", "breaking"]),
  ],
  [
    "query enum value added",
    row("query", E("a"), E("a", "b"), ["request-parameter-enum-value-added", "info"]),
  ],
  [
    "query became enum",
    row("query", { type: "string" }, E("a"), ["request-parameter-became-enum", "breaking"]),
  ],
  [
    "query object property enum value removed",
    row(
      "query",
      { type: "object", properties: { k: E("a", "b") } },
      { type: "object", properties: { k: E("a") } },
      ["request-parameter-property-enum-value-removed", "breaking"],
    ),
  ],
  [
    "array query item enum value removed",
    row("query", { type: "array", items: E("a", "b") }, { type: "array", items: E("a") }, [
      "request-parameter-enum-value-removed",
      "breaking",
    ]),
  ],
  [
    "request property enum value removed",
    row("request-property", E("a", "b"), E("a"), [
      "request-property-enum-value-removed",
      "breaking",
    ]),
  ],
  [
    "request property enum value added",
    row("request-property", E("a"), E("a", "b"), ["request-property-enum-value-added", "info"]),
  ],
  [
    "request body enum value removed",
    row("request-body", E("a", "b"), E("a"), ["request-body-enum-value-removed", "breaking"]),
  ],
  [
    "request property became enum",
    row("request-property", { type: "string" }, E("a"), [
      "request-property-became-enum",
      "breaking",
    ]),
  ],
  [
    "request body became enum",
    row("request-body", { type: "string" }, E("a"), ["request-body-became-enum", "breaking"]),
  ],
  [
    "response property enum value added",
    row("response-property", E("a"), E("a", "b"), [
      "response-property-enum-value-added",
      "warning",
    ]),
  ],
  [
    "response property enum value removed",
    row("response-property", E("a", "b"), E("a"), ["response-property-enum-value-removed", "info"]),
  ],
  [
    "response body enum value removed",
    row("response-body", E("a", "b"), E("a"), ["response-mediatype-enum-value-removed", "info"]),
  ],
  [
    "response property no longer an enum",
    row("response-property", E("a"), { type: "string" }, [
      "response-property-enum-removed",
      "warning",
    ]),
  ],
  [
    "request property const added",
    row("request-property", { type: "string" }, { type: "string", const: "x" }, [
      "request-property-const-added",
      "breaking",
    ]),
  ],
  [
    "request property const changed",
    row("request-property", { const: "x" }, { const: "y" }, [
      "request-property-const-changed",
      "breaking",
    ]),
  ],
  [
    "request property const removed",
    row("request-property", { type: "string", const: "x" }, { type: "string" }, [
      "request-property-const-removed",
      "info",
    ]),
  ],
  [
    "response property const removed",
    row("response-property", { type: "string", const: "x" }, { type: "string" }, [
      "response-property-const-removed",
      "breaking",
    ]),
  ],
  [
    "response body const changed",
    row("response-body", { const: "x" }, { const: "y" }, [
      "response-body-const-changed",
      "breaking",
    ]),
  ],
  [
    "response property const added",
    row("response-property", { type: "string" }, { type: "string", const: "x" }, [
      "response-property-const-added",
      "info",
    ]),
  ],
];

describe("enum rules", () => {
  it.each(cases)("%s", (_name, given) => {
    expect(diffIds(given.base, given.revision)).toEqual(wanted(given));
  });
});
