import { describe, expect, it } from "vitest";
import type { Json } from "../edit-specs.js";
import { diffIds, type RuleCase, row, wanted } from "../tiny-spec.js";

const O = (properties: Json, required: string[] = []) => ({ type: "object", properties, required });
const S = { type: "string" };
const RO = { type: "string", readOnly: true };
const WO = { type: "string", writeOnly: true };

/** Properties added, removed, required, read-only and write-only, in requests and responses. */
const cases: [string, RuleCase][] = [
  [
    "new required property of an object sent in a header",
    row("header", O({ a: S }), O({ a: S, b: S }, ["b"]), [
      "new-required-request-header-property",
      "breaking",
    ]),
  ],
  [
    "property of an object sent in a header became required",
    row("header", O({ a: S }), O({ a: S }, ["a"]), [
      "request-header-property-became-required",
      "breaking",
    ]),
  ],
  [
    "new optional property of an object sent in a header asks nothing",
    row("header", O({ a: S }), O({ a: S, b: S })),
  ],
  [
    "properties beside an unchanged non-object type are still compared, as written",
    row(
      "request-body",
      { type: "array", properties: { a: S } },
      { type: "array", properties: { a: S }, required: ["a"] },
      ["request-property-became-required", "breaking"],
    ),
  ],
  [
    "new required request property",
    row("request-body", O({ a: S }), O({ a: S, b: S }, ["b"]), [
      "new-required-request-property",
      "breaking",
    ]),
  ],
  [
    "new required request property with a default",
    row("request-body", O({ a: S }), O({ a: S, b: { type: "string", default: "x" } }, ["b"]), [
      "new-required-request-property-with-default",
      "breaking",
    ]),
  ],
  [
    "new optional request property",
    row("request-body", O({ a: S }), O({ a: S, b: S }), ["new-optional-request-property", "info"]),
  ],
  [
    "new required readOnly request property asks nothing",
    row("request-body", O({ a: S }), O({ a: S, id: RO }, ["id"])),
  ],
  [
    "request property removed",
    row("request-body", O({ a: S, b: S }), O({ a: S }), ["request-property-removed", "warning"]),
  ],
  [
    "request property became required",
    row("request-body", O({ a: S }), O({ a: S }, ["a"]), [
      "request-property-became-required",
      "breaking",
    ]),
  ],
  [
    "request property became optional",
    row("request-body", O({ a: S }, ["a"]), O({ a: S }), [
      "request-property-became-optional",
      "info",
    ]),
  ],
  [
    "request optional property became read-only",
    row("request-body", O({ a: S }), O({ a: RO }), [
      "request-optional-property-became-read-only",
      "info",
    ]),
  ],
  [
    "response required property removed",
    row("response-body", O({ a: S, b: S }, ["b"]), O({ a: S }), [
      "response-required-property-removed",
      "breaking",
    ]),
  ],
  [
    "response optional property removed",
    row("response-body", O({ a: S, b: S }), O({ a: S }), [
      "response-optional-property-removed",
      "info",
    ]),
  ],
  [
    "response property became optional",
    row("response-body", O({ a: S }, ["a"]), O({ a: S }), [
      "response-property-became-optional",
      "breaking",
    ]),
  ],
  [
    "response property became required",
    row("response-body", O({ a: S }), O({ a: S }, ["a"]), [
      "response-property-became-required",
      "info",
    ]),
  ],
  [
    "response required property added",
    row("response-body", O({ a: S }), O({ a: S, b: S }, ["b"]), [
      "response-required-property-added",
      "info",
    ]),
  ],
  [
    "response optional property added",
    row("response-body", O({ a: S }), O({ a: S, b: S }), [
      "response-optional-property-added",
      "info",
    ]),
  ],
  [
    "response write-only property became optional",
    row("response-body", O({ a: WO }, ["a"]), O({ a: WO }), [
      "response-write-only-property-became-optional",
      "info",
    ]),
  ],
  [
    "response required property became not write-only",
    row("response-body", O({ a: WO }, ["a"]), O({ a: S }, ["a"]), [
      "response-required-property-became-not-write-only",
      "warning",
    ]),
  ],
  [
    "response optional property became write-only",
    row("response-body", O({ a: S }), O({ a: WO }), [
      "response-optional-property-became-write-only",
      "info",
    ]),
  ],
  [
    "nested response property removed",
    row("response-property", O({ x: O({ a: S }, ["a"]) }), O({ x: O({}) }), [
      "response-required-property-removed",
      "breaking",
    ]),
  ],
];

describe("property rules", () => {
  it.each(cases)("%s", (_name, given) => {
    expect(diffIds(given.base, given.revision)).toEqual(wanted(given));
  });
});
