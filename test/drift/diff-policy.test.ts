import { describe, expect, it } from "vitest";
import type { Change } from "../../src/drift/change.js";
import { applyPolicy, IgnoreFileError, parseDiffPolicy } from "../../src/drift/diff-policy.js";
import { knownCheckIds } from "../../src/drift/ignore-file-location.js";

const known = knownCheckIds();
const nullable: Change = {
  id: "response-property-became-nullable",
  level: "breaking",
  operation: "GET /invoices/{id}",
  location: "/components/schemas/Invoice/properties/total/nullable",
  message: "response property 'total' (200 application/json) became nullable",
};
const other: Change = { ...nullable, operation: "GET /invoices", location: "/paths/x" };
const charsetDropped: Change = {
  id: "response-media-type-charset-removed",
  level: "info",
  operation: "GET /invoices",
  location: "/paths/~1invoices/get/responses/200/content/application~1json",
  message: "the media type parameter 'charset' was removed of application/json for the status 200",
};

describe("parseDiffPolicy", () => {
  it.each<[string, { text: string; problem: string }]>([
    ["not a mapping", { text: "- a", problem: "expected a mapping" }],
    ["an unknown top-level key", { text: "accept: []", problem: "unknown key 'accept'" }],
    [
      "an entry without a reason",
      {
        text: "ignore:\n  - id: request-body-removed",
        problem: "ignore[0] (request-body-removed): give a reason",
      },
    ],
    [
      "an id no check reports",
      {
        text: "ignore:\n  - id: body-gone\n    reason: x",
        problem: "ignore[0]: 'body-gone' is not a check id",
      },
    ],
    [
      "an unknown entry key",
      {
        text: "ignore:\n  - id: request-body-removed\n    why: x",
        problem: "ignore[0]: unknown key 'why'",
      },
    ],
    [
      "a bad level",
      {
        text: "levels:\n  request-body-removed: fatal",
        problem: "must be one of breaking, warning, info",
      },
    ],
    ["broken YAML", { text: "ignore: [", problem: "not valid YAML" }],
  ])("rejects %s, naming the file and the entry", (_name, { text, problem }) => {
    const parse = () => parseDiffPolicy(text, "specs/x/diff-ignore.yaml", known);
    expect(parse).toThrow(IgnoreFileError);
    expect(parse).toThrow(`specs/x/diff-ignore.yaml: `);
    expect(parse).toThrow(problem);
  });

  it("reads entries and level overrides; an empty file changes nothing", () => {
    const policy = parseDiffPolicy(
      "ignore:\n  - id: response-property-became-nullable\n    operation: get /invoices/{id}\n    reason: ' drafts have no total '\nlevels:\n  response-media-type-charset-removed: breaking\n",
      "f.yaml",
      known,
    );
    expect(policy.ignore).toEqual([
      {
        id: "response-property-became-nullable",
        operation: "GET /invoices/{id}",
        reason: "drafts have no total",
        source: "f.yaml ignore[0]",
      },
    ]);
    expect([...policy.levels]).toEqual([["response-media-type-charset-removed", "breaking"]]);
    expect(parseDiffPolicy("", "f.yaml", known).ignore).toEqual([]);
  });
});

describe("applyPolicy", () => {
  it.each<[string, { entry: string; accepted: boolean[] }]>([
    ["id only: every operation", { entry: "", accepted: [true, true] }],
    ["id and operation", { entry: "    operation: GET /invoices/{id}\n", accepted: [true, false] }],
    ["exact location", { entry: "    location: /paths/x\n", accepted: [false, true] }],
    [
      "location prefix ending in /",
      { entry: "    location: /components/schemas/Invoice/\n", accepted: [true, false] },
    ],
    ["another operation", { entry: "    operation: GET /other\n", accepted: [false, false] }],
  ])("%s", (_name, { entry, accepted }) => {
    const policy = parseDiffPolicy(
      `ignore:\n  - id: response-property-became-nullable\n${entry}    reason: known\n`,
      "f.yaml",
      known,
    );
    const result = applyPolicy([nullable, other], policy);
    expect(result.changes.map((c) => c.accepted !== undefined)).toEqual(accepted);
    expect(result.unused).toHaveLength(accepted.some(Boolean) ? 0 : 1);
  });

  it("overrides a level before matching, and keeps the reason with the change", () => {
    const policy = parseDiffPolicy(
      "levels:\n  response-media-type-charset-removed: breaking\nignore:\n  - id: response-property-became-nullable\n    reason: drafts\n",
      "f.yaml",
      known,
    );
    const [first, second] = applyPolicy([charsetDropped, nullable], policy).changes;
    expect(first?.level).toBe("breaking");
    expect(second?.accepted).toEqual({ reason: "drafts", source: "f.yaml ignore[0]" });
  });
});
