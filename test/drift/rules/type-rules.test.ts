import { describe, expect, it } from "vitest";
import { diffIds, type RuleCase, row, wanted } from "../tiny-spec.js";

const T = (type: unknown, format?: string) => (format ? { type, format } : { type });

/** Type and format, judged together as oasdiff does; widening a request or narrowing a response is info. */
const cases: [string, RuleCase][] = [
  [
    "query scalar → array of it (form/explode)",
    row("query", T("integer"), { type: "array", items: T("integer") }, [
      "request-parameter-type-generalized",
      "info",
    ]),
  ],
  [
    "query scalar → array of another type",
    row("query", T("integer"), { type: "array", items: T("boolean") }, [
      "request-parameter-type-changed",
      "breaking",
    ]),
  ],
  [
    "query integer → boolean",
    row("query", T("integer"), T("boolean"), ["request-parameter-type-changed", "breaking"]),
  ],
  [
    "query integer → number",
    row("query", T("integer"), T("number"), ["request-parameter-type-generalized", "info"]),
  ],
  [
    "query integer → string: text on the wire, wider (policy)",
    row("query", T("integer"), T("string"), ["request-parameter-type-generalized", "info"]),
  ],
  [
    "path string → integer",
    row("path", T("string"), T("integer"), ["request-parameter-type-changed", "breaking"]),
  ],
  [
    "query format removed",
    row("query", T("string", "date"), T("string"), ["request-parameter-type-generalized", "info"]),
  ],
  [
    "query format changed",
    row("query", T("string", "date"), T("string", "uuid"), [
      "request-parameter-type-changed",
      "breaking",
    ]),
  ],
  [
    "query object property type changed (warning)",
    row(
      "query",
      { type: "object", properties: { a: T("string") } },
      { type: "object", properties: { a: T("integer") } },
      ["request-parameter-property-type-changed", "warning"],
    ),
  ],
  [
    "query object property type narrowed",
    row(
      "query",
      { type: "object", properties: { a: T("number") } },
      { type: "object", properties: { a: T("integer") } },
      ["request-parameter-property-type-specialized", "breaking"],
    ),
  ],
  [
    "request property string → integer",
    row("request-property", T("string"), T("integer"), [
      "request-property-type-changed",
      "breaking",
    ]),
  ],
  [
    "request property integer → number",
    row("request-property", T("integer"), T("number"), [
      "request-property-type-generalized",
      "info",
    ]),
  ],
  [
    "request property number → integer",
    row("request-property", T("number"), T("integer"), [
      "request-property-type-changed",
      "breaking",
    ]),
  ],
  [
    "request body string → object",
    row("request-body", T("string"), T("object"), ["request-body-type-changed", "breaking"]),
  ],
  [
    "request property format added",
    row("request-property", T("string"), T("string", "email"), [
      "request-property-type-changed",
      "breaking",
    ]),
  ],
  [
    "response property string → integer",
    row("response-property", T("string"), T("integer"), [
      "response-property-type-changed",
      "breaking",
    ]),
  ],
  [
    "response property integer → number",
    row("response-property", T("integer"), T("number"), [
      "response-property-type-generalized",
      "breaking",
    ]),
  ],
  [
    "response property number → integer",
    row("response-property", T("number"), T("integer"), [
      "response-property-type-specialized",
      "info",
    ]),
  ],
  [
    "response body format added",
    row("response-body", T("string"), T("string", "date"), [
      "response-body-type-specialized",
      "info",
    ]),
  ],
  [
    "response property format removed",
    row("response-property", T("string", "date"), T("string"), [
      "response-property-type-generalized",
      "breaking",
    ]),
  ],
  [
    "response property list of types widened",
    row("response-property", T(["string"]), T(["string", "integer"]), [
      "response-property-list-of-types-widened",
      "breaking",
    ]),
  ],
  [
    "response property list of types narrowed",
    row("response-property", T(["string", "integer"]), T(["string"]), [
      "response-property-list-of-types-narrowed",
      "info",
    ]),
  ],
  [
    "request property list of types narrowed",
    row("request-property", T(["string", "integer"]), T(["string"]), [
      "request-property-list-of-types-narrowed",
      "breaking",
    ]),
  ],
  [
    "request property list of types widened",
    row("request-property", T(["string"]), T(["string", "boolean"]), [
      "request-property-list-of-types-widened",
      "info",
    ]),
  ],
];

describe("type rules", () => {
  it.each(cases)("%s", (_name, given) => {
    expect(diffIds(given.base, given.revision)).toEqual(wanted(given));
  });
});
