import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractFencedSpec } from "../../src/document/extract-fenced-spec.js";
import type { OpenApiDocument } from "../../src/document/load-document.js";
import { firstDifference, mergeDocuments } from "../../src/document/merge-documents.js";
import { SpecError } from "../../src/errors.js";

const page = (file: string) => ({
  file,
  document: extractFencedSpec(
    readFileSync(join(import.meta.dirname, "../fixtures/spec", file), "utf8"),
    file,
  ),
});

const doc = (
  extra: Record<string, unknown>,
  version = "2026-01-01T00:00:00Z",
): OpenApiDocument => ({
  openapi: "3.1.0",
  info: { title: "T", version },
  paths: {},
  ...extra,
});

describe("firstDifference", () => {
  it.each([
    [
      "equal, keys in another order",
      { a: { x: 1, y: [1, 2] }, b: { y: [1, 2], x: 1 }, want: undefined },
    ],
    ["a changed leaf", { a: { x: { y: 1 } }, b: { x: { y: 2 } }, want: ["x", "y"] }],
    ["a key only in b", { a: { x: 1 }, b: { x: 1, z: 2 }, want: ["z"] }],
    ["an array element", { a: [1, 2, 3], b: [1, 5, 3], want: [1] }],
    ["a longer array", { a: [1], b: [1, 2], want: [1] }],
    ["different types", { a: { x: [] }, b: { x: {} }, want: ["x"] }],
  ])("%s", (_name, { a, b, want }) => {
    expect(firstDifference(a, b)).toEqual(want);
  });
});

describe("mergeDocuments", () => {
  it("unites paths and components of two pages, newest info.version wins", () => {
    const merged = mergeDocuments([page("page-list.md"), page("page-get.md")]);
    expect(Object.keys(merged.paths as object)).toEqual(["/widgets", "/widgets/{id}"]);
    expect(merged.components).toEqual({
      schemas: { Widget: { type: "object", properties: { id: { type: "integer" } } } },
      parameters: {
        WidgetId: { name: "id", in: "path", required: true, schema: { type: "integer" } },
      },
    });
    expect(merged.tags).toEqual([{ name: "widgets" }]);
    expect(merged.info).toEqual({ title: "Widgets", version: "2026-01-02T09:30:00+00:00" });
  });

  it.each([
    [
      "newest first",
      ["2026-05-15T06:37:28.230198+00:00", "2026-05-14T07:00:22.640261+00:00"],
      "2026-05-15T06:37:28.230198+00:00",
    ],
    [
      "newest last",
      ["2026-05-14T07:00:22+00:00", "2026-05-15T01:00:00+02:00"],
      "2026-05-15T01:00:00+02:00",
    ],
    // Compared as times, not as text: 23:00 at -05:00 is later than 02:00 the next day at +00:00.
    [
      "time zones count",
      ["2026-05-14T23:00:00-05:00", "2026-05-15T02:00:00+00:00"],
      "2026-05-14T23:00:00-05:00",
    ],
  ])("info.version: %s", (_name, versions, want) => {
    const docs = versions.map((v, i) => ({ file: `p${i}.md`, document: doc({}, v) }));
    expect((mergeDocuments(docs).info as { version: string }).version).toBe(want);
  });

  it.each([
    [
      "a component defined differently",
      {
        given: [page("page-get.md"), page("page-get-conflicting.md")],
        want: "/components/schemas/Widget is defined differently in page-get.md and page-get-conflicting.md; they first differ at /components/schemas/Widget/properties/id/type",
        pointer: "/components/schemas/Widget/properties/id/type",
      },
    ],
    [
      "a path operation defined differently",
      {
        given: [
          { file: "a.md", document: doc({ paths: { "/x": { get: { operationId: "a" } } } }) },
          { file: "b.md", document: doc({ paths: { "/x": { get: { operationId: "b" } } } }) },
        ],
        want: "/paths/~1x/get is defined differently in a.md and b.md; they first differ at /paths/~1x/get/operationId",
        pointer: "/paths/~1x/get/operationId",
      },
    ],
    [
      "servers that disagree",
      {
        given: [
          { file: "a.md", document: doc({ servers: [{ url: "https://a" }] }) },
          { file: "b.md", document: doc({ servers: [{ url: "https://b" }] }) },
        ],
        want: "/servers is defined differently in a.md and b.md; they first differ at /servers/0/url",
        pointer: "/servers/0/url",
      },
    ],
    [
      "a version that is not a timestamp",
      {
        given: [
          { file: "a.md", document: doc({}, "1.0") },
          { file: "b.md", document: doc({}) },
        ],
        want: 'a.md: info.version "1.0" is not a timestamp',
        pointer: "/info/version",
      },
    ],
  ])("%s is a SpecError naming both pages and the pointer", (_name, { given, want, pointer }) => {
    let caught: unknown;
    try {
      mergeDocuments(given);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SpecError);
    expect((caught as SpecError).message).toContain(want);
    expect((caught as SpecError).pointer).toBe(pointer);
  });

  it("does not modify its inputs", () => {
    const a = page("page-list.md");
    const before = structuredClone(a.document);
    mergeDocuments([a, page("page-get.md")]);
    expect(a.document).toEqual(before);
  });
});
