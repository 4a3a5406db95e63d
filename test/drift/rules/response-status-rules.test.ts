import { describe, expect, it } from "vitest";
import type { Json } from "../edit-specs.js";
import { diffIds, edited, type RuleCase, wanted } from "../tiny-spec.js";

const nothing = () => {};
const respond = (status: string, content?: Json) => (operation: Json) => {
  operation.responses[status] = { description: status, ...(content ? { content } : {}) };
};
const json = (type = "application/json", schema: Json = { type: "object" }) => ({
  [type]: { schema },
});

/** Statuses and media types of responses. */
const cases: [string, RuleCase][] = [
  [
    "success status removed",
    edited(respond("201"), nothing, ["response-success-status-removed", "breaking"]),
  ],
  [
    "success status added",
    edited(nothing, respond("201"), ["response-success-status-added", "info"]),
  ],
  [
    "non-success status removed",
    edited(respond("404"), nothing, ["response-non-success-status-removed", "info"]),
  ],
  [
    "non-success status added",
    edited(nothing, respond("429"), ["response-non-success-status-added", "info"]),
  ],
  [
    "response media type removed",
    edited(respond("200", { ...json(), ...json("text/csv") }), respond("200", json()), [
      "response-media-type-removed",
      "breaking",
    ]),
  ],
  [
    "response media type added",
    edited(respond("200", json()), respond("200", { ...json(), ...json("text/csv") }), [
      "response-media-type-added",
      "info",
    ]),
  ],
  [
    "a charset added is a parameter added, not a removed media type",
    edited(respond("200", json()), respond("200", json("application/json; charset=utf-8")), [
      "response-media-type-parameter-added",
      "info",
    ]),
  ],
  [
    "a charset changed",
    edited(
      respond("200", json("application/json; charset=latin1")),
      respond("200", json("application/json; charset=utf-8")),
      ["response-media-type-parameter-changed", "breaking"],
    ),
  ],
  [
    "a charset removed is info (policy; oasdiff: parameter removed, breaking)",
    edited(respond("200", json("application/json; charset=utf-8")), respond("200", json()), [
      "response-media-type-charset-removed",
      "info",
    ]),
  ],
  [
    "another parameter removed",
    edited(
      respond("200", json("application/vnd.x+json; version=2")),
      respond("200", json("application/vnd.x+json")),
      ["response-media-type-parameter-removed", "breaking"],
    ),
  ],
  [
    "a parameter added",
    edited(
      respond("200", json("application/vnd.x+json")),
      respond("200", json("application/vnd.x+json; version=2")),
      ["response-media-type-parameter-added", "info"],
    ),
  ],
  [
    "a structured suffix specialises the media type",
    edited(respond("200", json()), respond("200", json("application/problem+json")), [
      "response-media-type-name-specialized",
      "info",
    ]),
  ],
  [
    "the structured suffix dropped generalises the media type",
    edited(respond("200", json("application/problem+json")), respond("200", json()), [
      "response-media-type-name-generalized",
      "breaking",
    ]),
  ],
  [
    "a name and its parameters changed together cannot be ordered",
    edited(respond("200", json()), respond("200", json("application/problem+json; q=1")), [
      "response-media-type-name-changed",
      "warning",
    ]),
  ],
  [
    "a media type replaced by a range",
    edited(respond("200", json()), respond("200", json("application/*")), [
      "response-media-type-name-generalized",
      "breaking",
    ]),
  ],
  [
    "response schema removed",
    edited(respond("200", json()), respond("200", { "application/json": {} }), [
      "response-body-media-type-schema-removed",
      "breaking",
    ]),
  ],
  [
    "response schema added",
    edited(respond("200", { "application/json": {} }), respond("200", json()), [
      "response-body-media-type-schema-added",
      "info",
    ]),
  ],
];

describe("response status rules", () => {
  it.each(cases)("%s", (_name, given) => {
    expect(diffIds(given.base, given.revision)).toEqual(wanted(given));
  });
});
