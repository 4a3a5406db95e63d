import { describe, expect, it } from "vitest";
import type { Json } from "../edit-specs.js";
import { diffIds, edited, type RuleCase, wanted } from "../tiny-spec.js";

const nothing = () => {};
const withParam = (param: Json) => (operation: Json) => operation.parameters.push(param);
const q = (extra: Json = {}) => ({ name: "q", in: "query", schema: { type: "string" }, ...extra });

/** Parameters in every location: added, removed, required, deprecated, serialisation. */
const cases: [string, RuleCase][] = [
  [
    "new required query parameter",
    edited(nothing, withParam(q({ required: true })), [
      "new-required-request-parameter",
      "breaking",
    ]),
  ],
  [
    "new optional query parameter",
    edited(nothing, withParam(q()), ["new-optional-request-parameter", "info"]),
  ],
  [
    "new required header parameter",
    edited(
      nothing,
      withParam({ name: "X-Tenant", in: "header", required: true, schema: { type: "string" } }),
      ["new-required-request-parameter", "breaking"],
    ),
  ],
  [
    "new required cookie parameter",
    edited(
      nothing,
      withParam({ name: "session", in: "cookie", required: true, schema: { type: "string" } }),
      ["new-required-request-parameter", "breaking"],
    ),
  ],
  [
    "query parameter removed",
    edited(withParam(q()), nothing, ["request-parameter-removed", "warning"]),
  ],
  [
    "deprecated query parameter removed",
    edited(withParam(q({ deprecated: true })), nothing, [
      "request-parameter-removed-with-deprecation",
      "info",
    ]),
  ],
  [
    "deprecated parameter removed before its sunset",
    edited(withParam(q({ deprecated: true, "x-sunset": "2999-01-01" })), nothing, [
      "request-parameter-removed-before-sunset",
      "breaking",
    ]),
  ],
  [
    "query parameter became required",
    edited(withParam(q()), withParam(q({ required: true })), [
      "request-parameter-became-required",
      "breaking",
    ]),
  ],
  [
    "query parameter became optional",
    edited(withParam(q({ required: true })), withParam(q()), [
      "request-parameter-became-optional",
      "info",
    ]),
  ],
  [
    "header names match case-insensitively",
    edited(
      withParam({ name: "X-Id", in: "header", schema: { type: "string" } }),
      withParam({ name: "x-id", in: "header", schema: { type: "string" } }),
    ),
  ],
  [
    "query parameter deprecated",
    edited(withParam(q()), withParam(q({ deprecated: true })), [
      "request-parameter-deprecated",
      "info",
    ]),
  ],
  [
    "query parameter reactivated",
    edited(withParam(q({ deprecated: true })), withParam(q()), [
      "request-parameter-reactivated",
      "info",
    ]),
  ],
  [
    "query style changed",
    edited(
      withParam(q({ schema: { type: "array", items: { type: "string" } } })),
      withParam(
        q({ style: "pipeDelimited", schema: { type: "array", items: { type: "string" } } }),
      ),
      ["request-parameter-style-changed", "breaking"],
    ),
  ],
  [
    "query explode changed",
    edited(
      withParam(q({ schema: { type: "array", items: { type: "string" } } })),
      withParam(q({ explode: false, schema: { type: "array", items: { type: "string" } } })),
      ["request-parameter-explode-changed", "breaking"],
    ),
  ],
  [
    "explode on a scalar makes no difference",
    edited(withParam(q()), withParam(q({ explode: false }))),
  ],
  [
    "the default style written out is no change",
    edited(withParam(q()), withParam(q({ style: "form", explode: true }))),
  ],
  [
    "query became allowReserved",
    edited(withParam(q()), withParam(q({ allowReserved: true })), [
      "request-parameter-became-allow-reserved",
      "info",
    ]),
  ],
];

describe("parameter rules", () => {
  it.each(cases)("%s", (_name, given) => {
    expect(diffIds(given.base, given.revision)).toEqual(wanted(given));
  });
});
