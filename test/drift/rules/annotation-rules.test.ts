import { describe, expect, it } from "vitest";
import { diffIds, type RuleCase, row, wanted } from "../tiny-spec.js";

const D = (value?: unknown) =>
  value === undefined ? { type: "string" } : { type: "string", default: value };
const ONE_OF = (discriminator?: unknown) => ({
  oneOf: [
    { type: "object", properties: { kind: { type: "string" }, a: { type: "string" } } },
    { type: "object", properties: { kind: { type: "string" }, b: { type: "integer" } } },
  ],
  ...(discriminator ? { discriminator } : {}),
});

/** Default values, discriminators and property deprecation: all info in oasdiff. */
const cases: [string, RuleCase][] = [
  [
    "request property deprecated with an x-sunset that is not a date",
    row("request-property", D(), { ...D(), deprecated: true, "x-sunset": "next spring" }, [
      "request-property-deprecated-invalid",
      "breaking",
    ]),
  ],
  [
    "response property deprecated with an x-sunset that is not a date",
    row("response-property", D(), { ...D(), deprecated: true, "x-sunset": "2026-13-45" }, [
      "response-property-deprecated-invalid",
      "breaking",
    ]),
  ],
  [
    "response property deprecated with a sunset",
    row("response-property", D(), { ...D(), deprecated: true, "x-sunset": "2999-01-01" }, [
      "response-property-deprecated-with-sunset",
      "info",
    ]),
  ],
  [
    "request property deprecated with a sunset already past",
    row("request-property", D(), { ...D(), deprecated: true, "x-sunset": "2000-01-01" }, [
      "request-property-sunset-date-too-small",
      "breaking",
    ]),
  ],
  [
    "query default changed",
    row("query", D("a"), D("b"), ["request-parameter-default-value-changed", "info"]),
  ],
  [
    "query default added",
    row("query", D(), D("a"), ["request-parameter-default-value-added", "info"]),
  ],
  [
    "query default removed",
    row("query", D("a"), D(), ["request-parameter-default-value-removed", "info"]),
  ],
  [
    "request property default changed",
    row("request-property", D(1), D(2), ["request-property-default-value-changed", "info"]),
  ],
  [
    "request body default added",
    row("request-body", D(), D("x"), ["request-body-default-value-added", "info"]),
  ],
  [
    "response property default removed",
    row("response-property", D("x"), D(), ["response-property-default-value-removed", "info"]),
  ],
  [
    "response body discriminator added",
    row("response-body", ONE_OF(), ONE_OF({ propertyName: "kind" }), [
      "response-body-discriminator-added",
      "info",
    ]),
  ],
  [
    "request body discriminator renamed",
    row("request-body", ONE_OF({ propertyName: "kind" }), ONE_OF({ propertyName: "type" }), [
      "request-body-discriminator-property-name-changed",
      "info",
    ]),
  ],
  [
    "response property discriminator mapping added",
    row(
      "response-property",
      ONE_OF({ propertyName: "kind" }),
      ONE_OF({ propertyName: "kind", mapping: { a: "#/x" } }),
      ["response-property-discriminator-mapping-added", "info"],
    ),
  ],
  [
    "request property deprecated",
    row("request-property", D(), { ...D(), deprecated: true }, [
      "request-property-deprecated",
      "info",
    ]),
  ],
  [
    "response property deprecated",
    row("response-property", D(), { ...D(), deprecated: true }, [
      "response-property-deprecated",
      "info",
    ]),
  ],
  [
    "response property reactivated",
    row("response-property", { ...D(), deprecated: true }, D(), [
      "response-property-reactivated",
      "info",
    ]),
  ],
];

describe("annotation rules", () => {
  it.each(cases)("%s", (_name, given) => {
    expect(diffIds(given.base, given.revision)).toEqual(wanted(given));
  });
});
