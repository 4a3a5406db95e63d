import { describe, expect, it } from "vitest";
import type { Json } from "../edit-specs.js";
import { diffIds, edited, type RuleCase, tinySpec, wanted } from "../tiny-spec.js";

const PAST = "2000-01-01";
const FUTURE = "2999-01-01";
const nothing = () => {};
const deprecate = (sunset?: string) => (operation: Json) => {
  operation.deprecated = true;
  if (sunset) operation["x-sunset"] = sunset;
};
const removePath = (_operation: Json, doc: Json) => {
  delete doc.paths["/items/{id}"];
};
const addGet = (_operation: Json, doc: Json) => {
  doc.paths["/items/{id}"].get = { responses: { "200": { description: "ok" } } };
};

/** Paths and operations removed (with or without deprecation and sunset), added, deprecated, renamed. */
const cases: [string, RuleCase][] = [
  [
    "path removed without deprecation",
    edited(nothing, removePath, ["api-path-removed-without-deprecation", "breaking"]),
  ],
  [
    "deprecated path removed",
    edited(deprecate(), (o, d) => removePath(o, d), ["api-path-removed-with-deprecation", "info"]),
  ],
  [
    "deprecated path removed before its sunset",
    edited(deprecate(FUTURE), removePath, ["api-path-removed-before-sunset", "breaking"]),
  ],
  [
    "deprecated path removed after its sunset",
    edited(deprecate(PAST), removePath, ["api-path-removed-with-deprecation", "info"]),
  ],
  [
    "deprecated path with an unreadable sunset removed",
    edited(deprecate("soon"), removePath, ["api-path-sunset-parse", "breaking"]),
  ],
  [
    "deprecated operation with an unreadable sunset removed, path kept: also api-path-sunset-parse",
    {
      base: tinySpec((operation, doc) => {
        addGet(operation, doc);
        doc.paths["/items/{id}"].get.deprecated = true;
        doc.paths["/items/{id}"].get["x-sunset"] = "one day";
      }),
      revision: tinySpec(),
      want: [["api-path-sunset-parse", "breaking"]],
    },
  ],
  [
    "operation removed, path kept",
    {
      base: tinySpec(addGet),
      revision: tinySpec(),
      want: [["api-removed-without-deprecation", "breaking"]],
    },
  ],
  [
    "deprecated operation removed, path kept",
    {
      base: tinySpec((o, d) => {
        addGet(o, d);
        d.paths["/items/{id}"].get.deprecated = true;
      }),
      revision: tinySpec(),
      want: [["api-removed-with-deprecation", "info"]],
    },
  ],
  [
    "endpoint added",
    { base: tinySpec(), revision: tinySpec(addGet), want: [["endpoint-added", "info"]] },
  ],
  ["endpoint deprecated", edited(nothing, deprecate(), ["endpoint-deprecated", "info"])],
  [
    "endpoint deprecated with a sunset",
    edited(nothing, deprecate(FUTURE), ["endpoint-deprecated-with-sunset", "info"]),
  ],
  [
    "endpoint deprecated with a sunset already past",
    edited(nothing, deprecate(PAST), ["api-sunset-date-too-small", "breaking"]),
  ],
  [
    "endpoint deprecated with an unreadable sunset",
    edited(nothing, deprecate("soon"), ["api-deprecated-sunset-parse", "breaking"]),
  ],
  ["endpoint reactivated", edited(deprecate(), nothing, ["endpoint-reactivated", "info"])],
  [
    "sunset deleted while deprecated",
    edited(deprecate(FUTURE), deprecate(), ["api-sunset-deleted", "breaking"]),
  ],
  [
    "sunset moved earlier",
    edited(deprecate("2999-06-01"), deprecate(FUTURE), [
      "api-sunset-date-changed-too-small",
      "breaking",
    ]),
  ],
  [
    "operationId changed",
    edited(nothing, (o) => (o.operationId = "makeItem"), ["api-operation-id-removed", "info"]),
  ],
  [
    "operationId added",
    edited((o) => delete o.operationId, nothing, ["api-operation-id-added", "info"]),
  ],
];

describe("endpoint rules", () => {
  it.each(cases)("%s", (_name, given) => {
    expect(diffIds(given.base, given.revision)).toEqual(wanted(given));
  });
});
