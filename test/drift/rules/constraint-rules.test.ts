import { describe, expect, it } from "vitest";
import { diffDocuments } from "../../../src/drift/diff-documents.js";
import type { Json } from "../edit-specs.js";
import { diffIds, type Place, type RuleCase, schemaAt, wanted } from "../tiny-spec.js";

const row = (place: Place, base: Json, revision: Json, ...want: [string, string][]): RuleCase => ({
  base: schemaAt(place, base),
  revision: schemaAt(place, revision),
  want,
});
const S = (extra: Json = {}) => ({ type: "string", ...extra });
const N = (extra: Json = {}) => ({ type: "number", ...extra });
const A = (extra: Json = {}) => ({ type: "array", items: { type: "string" }, ...extra });

/** Constraints at oasdiff's levels: tighter request or looser response breaks; the converse is info. */
const cases: [string, RuleCase][] = [
  [
    "query maxLength decreased",
    row("query", S({ maxLength: 10 }), S({ maxLength: 5 }), [
      "request-parameter-max-length-decreased",
      "breaking",
    ]),
  ],
  [
    "query maxLength increased",
    row("query", S({ maxLength: 5 }), S({ maxLength: 10 }), [
      "request-parameter-max-length-increased",
      "info",
    ]),
  ],
  [
    "query maxLength set",
    row("query", S(), S({ maxLength: 5 }), ["request-parameter-max-length-set", "breaking"]),
  ],
  [
    "query minLength increased",
    row("query", S({ minLength: 1 }), S({ minLength: 3 }), [
      "request-parameter-min-length-increased",
      "breaking",
    ]),
  ],
  [
    "query minLength decreased",
    row("query", S({ minLength: 3 }), S({ minLength: 1 }), [
      "request-parameter-min-length-decreased",
      "info",
    ]),
  ],
  [
    "header maximum decreased",
    row("header", N({ maximum: 10 }), N({ maximum: 5 }), [
      "request-parameter-max-decreased",
      "breaking",
    ]),
  ],
  [
    "query maximum increased",
    row("query", N({ maximum: 5 }), N({ maximum: 10 }), [
      "request-parameter-max-increased",
      "info",
    ]),
  ],
  [
    "query maximum set",
    row("query", N(), N({ maximum: 5 }), ["request-parameter-max-set", "breaking"]),
  ],
  [
    "query minimum increased",
    row("query", N({ minimum: 1 }), N({ minimum: 2 }), [
      "request-parameter-min-increased",
      "breaking",
    ]),
  ],
  [
    "query minimum decreased",
    row("query", N({ minimum: 2 }), N({ minimum: 1 }), ["request-parameter-min-decreased", "info"]),
  ],
  [
    "query minimum set",
    row("query", N(), N({ minimum: 1 }), ["request-parameter-min-set", "breaking"]),
  ],
  [
    "query exclusiveMinimum (3.1) set",
    row("query", N(), N({ exclusiveMinimum: 1 }), [
      "request-parameter-exclusive-min-set",
      "breaking",
    ]),
  ],
  [
    "query exclusiveMaximum (3.1) decreased",
    row("query", N({ exclusiveMaximum: 9 }), N({ exclusiveMaximum: 5 }), [
      "request-parameter-exclusive-max-decreased",
      "breaking",
    ]),
  ],
  [
    "query maxItems decreased",
    row("query", A({ maxItems: 5 }), A({ maxItems: 2 }), [
      "request-parameter-max-items-decreased",
      "breaking",
    ]),
  ],
  [
    "query maxItems increased",
    row("query", A({ maxItems: 2 }), A({ maxItems: 5 }), [
      "request-parameter-max-items-increased",
      "info",
    ]),
  ],
  [
    "query minItems increased",
    row("query", A({ minItems: 1 }), A({ minItems: 2 }), [
      "request-parameter-min-items-increased",
      "breaking",
    ]),
  ],
  [
    "query minItems set",
    row("query", A(), A({ minItems: 2 }), ["request-parameter-min-items-set", "breaking"]),
  ],
  [
    "query minItems decreased",
    row("query", A({ minItems: 2 }), A({ minItems: 1 }), [
      "request-parameter-min-items-decreased",
      "info",
    ]),
  ],
  [
    "query pattern added",
    row("query", S(), S({ pattern: "^a$" }), ["request-parameter-pattern-added", "breaking"]),
  ],
  [
    "query pattern removed",
    row("query", S({ pattern: "^a$" }), S(), ["request-parameter-pattern-removed", "info"]),
  ],
  [
    "query pattern changed",
    row("query", S({ pattern: "^a$" }), S({ pattern: "^b$" }), [
      "request-parameter-pattern-changed",
      "warning",
    ]),
  ],
  [
    "query pattern generalized",
    row("query", S({ pattern: "^a$" }), S({ pattern: ".*" }), [
      "request-parameter-pattern-generalized",
      "info",
    ]),
  ],
  ["an empty pattern is no pattern", row("query", S({ pattern: "" }), S())],
  [
    "request property maxLength decreased",
    row("request-property", S({ maxLength: 10 }), S({ maxLength: 5 }), [
      "request-property-max-length-decreased",
      "breaking",
    ]),
  ],
  [
    "request property maxLength set",
    row("request-property", S(), S({ maxLength: 5 }), [
      "request-property-max-length-set",
      "breaking",
    ]),
  ],
  [
    "request body maxLength decreased",
    row("request-body", S({ maxLength: 10 }), S({ maxLength: 5 }), [
      "request-body-max-length-decreased",
      "breaking",
    ]),
  ],
  [
    "request property minLength increased",
    row("request-property", S({ minLength: 1 }), S({ minLength: 2 }), [
      "request-property-min-length-increased",
      "breaking",
    ]),
  ],
  [
    "request property maximum decreased",
    row("request-property", N({ maximum: 9 }), N({ maximum: 5 }), [
      "request-property-max-decreased",
      "breaking",
    ]),
  ],
  [
    "request property maximum set",
    row("request-property", N(), N({ maximum: 9 }), ["request-property-max-set", "breaking"]),
  ],
  [
    "request property minimum increased",
    row("request-property", N({ minimum: 1 }), N({ minimum: 5 }), [
      "request-property-min-increased",
      "breaking",
    ]),
  ],
  [
    "request property minimum set",
    row("request-property", N(), N({ minimum: 5 }), ["request-property-min-set", "breaking"]),
  ],
  [
    "request body exclusiveMinimum increased",
    row("request-body", N({ exclusiveMinimum: 1 }), N({ exclusiveMinimum: 2 }), [
      "request-body-exclusive-min-increased",
      "breaking",
    ]),
  ],
  [
    "request property maxItems decreased",
    row("request-property", A({ maxItems: 5 }), A({ maxItems: 2 }), [
      "request-property-max-items-decreased",
      "breaking",
    ]),
  ],
  [
    "request property maxItems set",
    row("request-property", A(), A({ maxItems: 2 }), [
      "request-property-max-items-set",
      "breaking",
    ]),
  ],
  [
    "request property minItems increased",
    row("request-property", A({ minItems: 1 }), A({ minItems: 3 }), [
      "request-property-min-items-increased",
      "breaking",
    ]),
  ],
  [
    "request property minItems set",
    row("request-property", A(), A({ minItems: 3 }), [
      "request-property-min-items-set",
      "breaking",
    ]),
  ],
  [
    "request property pattern added",
    row("request-property", S(), S({ pattern: "^a$" }), [
      "request-property-pattern-added",
      "breaking",
    ]),
  ],
  [
    "request property pattern changed",
    row("request-property", S({ pattern: "^a$" }), S({ pattern: "^b$" }), [
      "request-property-pattern-changed",
      "warning",
    ]),
  ],
  [
    "request property multipleOf set",
    row("request-property", N(), N({ multipleOf: 2 }), [
      "request-property-multiple-of-set",
      "breaking",
    ]),
  ],
  [
    "request property multipleOf changed",
    row("request-property", N({ multipleOf: 2 }), N({ multipleOf: 3 }), [
      "request-property-multiple-of-changed",
      "breaking",
    ]),
  ],
  [
    "request property multipleOf generalized",
    row("request-property", N({ multipleOf: 4 }), N({ multipleOf: 2 }), [
      "request-property-multiple-of-generalized",
      "info",
    ]),
  ],
  [
    "request property uniqueItems set",
    row("request-property", A(), A({ uniqueItems: true }), [
      "request-property-unique-items-set",
      "breaking",
    ]),
  ],
  [
    "request property maxProperties decreased",
    row(
      "request-property",
      { type: "object", maxProperties: 5 },
      { type: "object", maxProperties: 2 },
      ["request-property-max-properties-decreased", "breaking"],
    ),
  ],
  [
    "request property minProperties increased",
    row(
      "request-property",
      { type: "object", minProperties: 1 },
      { type: "object", minProperties: 2 },
      ["request-property-min-properties-increased", "breaking"],
    ),
  ],
  [
    "response property maxLength increased",
    row("response-property", S({ maxLength: 5 }), S({ maxLength: 10 }), [
      "response-property-max-length-increased",
      "breaking",
    ]),
  ],
  [
    "response body maxLength increased",
    row("response-body", S({ maxLength: 5 }), S({ maxLength: 10 }), [
      "response-body-max-length-increased",
      "breaking",
    ]),
  ],
  [
    "response property maxLength unset",
    row("response-property", S({ maxLength: 5 }), S(), [
      "response-property-max-length-unset",
      "breaking",
    ]),
  ],
  [
    "response property minLength decreased",
    row("response-property", S({ minLength: 5 }), S({ minLength: 2 }), [
      "response-property-min-length-decreased",
      "breaking",
    ]),
  ],
  [
    "response property maxLength decreased (info: policy)",
    row("response-property", S({ maxLength: 10 }), S({ maxLength: 5 }), [
      "response-property-max-length-decreased",
      "info",
    ]),
  ],
  [
    "response property maximum increased",
    row("response-property", N({ maximum: 5 }), N({ maximum: 9 }), [
      "response-property-max-increased",
      "breaking",
    ]),
  ],
  [
    "response property minimum decreased",
    row("response-property", N({ minimum: 5 }), N({ minimum: 1 }), [
      "response-property-min-decreased",
      "breaking",
    ]),
  ],
  [
    "response body exclusiveMaximum increased",
    row("response-body", N({ exclusiveMaximum: 5 }), N({ exclusiveMaximum: 9 }), [
      "response-body-exclusive-max-increased",
      "breaking",
    ]),
  ],
  [
    "response property exclusiveMinimum decreased",
    row("response-property", N({ exclusiveMinimum: 5 }), N({ exclusiveMinimum: 1 }), [
      "response-property-exclusive-min-decreased",
      "breaking",
    ]),
  ],
  [
    "response property maxItems increased",
    row("response-property", A({ maxItems: 2 }), A({ maxItems: 5 }), [
      "response-property-max-items-increased",
      "breaking",
    ]),
  ],
  [
    "response property minItems decreased",
    row("response-property", A({ minItems: 2 }), A({ minItems: 1 }), [
      "response-property-min-items-decreased",
      "breaking",
    ]),
  ],
  [
    "response property minItems unset",
    row("response-property", A({ minItems: 2 }), A(), [
      "response-property-min-items-unset",
      "breaking",
    ]),
  ],
  [
    "response property pattern removed",
    row("response-property", S({ pattern: "^a$" }), S(), [
      "response-property-pattern-removed",
      "breaking",
    ]),
  ],
  [
    "response property pattern added",
    row("response-property", S(), S({ pattern: "^a$" }), [
      "response-property-pattern-added",
      "info",
    ]),
  ],
  [
    "response property pattern changed",
    row("response-property", S({ pattern: "^a$" }), S({ pattern: "^b$" }), [
      "response-property-pattern-changed",
      "warning",
    ]),
  ],
  [
    "response property multipleOf unset",
    row("response-property", N({ multipleOf: 2 }), N(), [
      "response-property-multiple-of-unset",
      "breaking",
    ]),
  ],
  [
    "response property multipleOf changed",
    row("response-property", N({ multipleOf: 2 }), N({ multipleOf: 3 }), [
      "response-property-multiple-of-changed",
      "breaking",
    ]),
  ],
  [
    "response property multipleOf specialized",
    row("response-property", N({ multipleOf: 2 }), N({ multipleOf: 4 }), [
      "response-property-multiple-of-specialized",
      "info",
    ]),
  ],
  [
    "response property uniqueItems unset",
    row("response-property", A({ uniqueItems: true }), A(), [
      "response-property-unique-items-unset",
      "breaking",
    ]),
  ],
  [
    "response property maxProperties increased",
    row(
      "response-property",
      { type: "object", maxProperties: 2 },
      { type: "object", maxProperties: 5 },
      ["response-property-max-properties-increased", "breaking"],
    ),
  ],
  [
    "response property minProperties decreased",
    row(
      "response-property",
      { type: "object", minProperties: 2 },
      { type: "object", minProperties: 1 },
      ["response-property-min-properties-decreased", "breaking"],
    ),
  ],
];

describe("constraint rules", () => {
  it.each(cases)("%s", (_name, given) => {
    expect(diffIds(given.base, given.revision)).toEqual(wanted(given));
  });
});

describe("constraint messages", () => {
  it("quote a pattern as written, not JSON-escaped", () => {
    const [change] = diffDocuments(
      schemaAt("query", { type: "string", pattern: "^\\d{3}$" }),
      schemaAt("query", { type: "string", pattern: "^\\d{4}$" }),
    );
    expect(change?.message).toBe(
      "query request parameter 'q' pattern changed from '^\\d{3}$' to '^\\d{4}$'",
    );
  });
});
