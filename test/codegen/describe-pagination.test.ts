import { describe, expect, it } from "vitest";
import { describePagination } from "../../src/codegen/describe-pagination.js";
import type { OpenApiDocument } from "../../src/document/load-document.js";
import type { OperationSpec, ParameterSpec } from "../../src/runtime/operation-index.js";
import { query } from "../fixtures/client/api-indexes.js";

/** A one-operation document whose GET /items answers 200 with `body`. */
function documentWith(body: unknown): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/items": {
        get: {
          responses: {
            "200": { content: { "application/json; charset=utf-8": { schema: body } } },
          },
        },
      },
    },
    components: {
      schemas: {
        Page: {
          type: "object",
          properties: {
            count: { type: "integer" },
            next: { type: "string" },
            results: { type: "array", items: {} },
          },
        },
      },
      responses: {
        PageResponse: {
          content: { "application/json": { schema: { $ref: "#/components/schemas/Page" } } },
        },
      },
    },
  };
}

const operation = (
  parameters: ParameterSpec[],
  method: OperationSpec["method"] = "get",
): Pick<OperationSpec, "method" | "path" | "parameters" | "responses"> => ({
  method,
  path: "/items",
  parameters,
  responses: { "200": { status: "200", content: [] } },
});

const LIMIT_OFFSET = [query("limit", { type: "integer" }), query("offset", { type: "integer" })];
const page = (
  next: string | null,
  previous: string | null,
  results = "results",
  count = "count",
) => ({
  style: "limit-offset",
  status: "200",
  limit: "limit",
  offset: "offset",
  results,
  count,
  next,
  previous,
});

describe("describePagination", () => {
  it.each<
    [
      string,
      {
        given: { body: unknown; parameters?: ParameterSpec[]; method?: OperationSpec["method"] };
        want: unknown;
      },
    ]
  >([
    [
      "a DRF page: results, count, next, previous",
      {
        given: {
          body: {
            type: "object",
            properties: {
              count: { type: "integer" },
              next: { type: ["string", "null"] },
              previous: { type: ["string", "null"] },
              results: { type: "array", items: { type: "object" } },
            },
          },
        },
        want: page("next", "previous"),
      },
    ],
    [
      "a page behind a $ref, without previous",
      { given: { body: { $ref: "#/components/schemas/Page" } }, want: page("next", null) },
    ],
    [
      "allOf branches merged; the only array is the items, total is the count",
      {
        given: {
          body: {
            allOf: [
              { type: "object", properties: { total: { type: "integer" } } },
              { type: "object", properties: { data: { type: "array", items: {} } } },
            ],
          },
        },
        want: page(null, null, "data", "total"),
      },
    ],
    [
      "no count: not a list",
      {
        given: { body: { type: "object", properties: { results: { type: "array" } } } },
        want: undefined,
      },
    ],
    [
      "two arrays and none called results: not a list",
      {
        given: {
          body: {
            type: "object",
            properties: { count: {}, a: { type: "array" }, b: { type: "array" } },
          },
        },
        want: undefined,
      },
    ],
    [
      "no offset parameter: not a list",
      {
        given: {
          body: { $ref: "#/components/schemas/Page" },
          parameters: [query("limit", { type: "integer" })],
        },
        want: undefined,
      },
    ],
    [
      "not a GET: not a list",
      { given: { body: { $ref: "#/components/schemas/Page" }, method: "post" }, want: undefined },
    ],
  ])("%s", (_name, { given, want }) => {
    const document = documentWith(given.body);
    const op = operation(given.parameters ?? LIMIT_OFFSET, given.method);
    if (given.method) {
      const paths = document.paths as Record<string, Record<string, unknown>>;
      const item = paths["/items"] as Record<string, unknown>;
      item[given.method] = item.get;
    }
    expect(describePagination(document, op)).toEqual(want);
  });

  it("follows a response $ref to components/responses", () => {
    const document = documentWith({});
    const paths = document.paths as Record<string, { get: { responses: Record<string, unknown> } }>;
    (paths["/items"] as { get: { responses: Record<string, unknown> } }).get.responses["200"] = {
      $ref: "#/components/responses/PageResponse",
    };
    expect(describePagination(document, operation(LIMIT_OFFSET))).toEqual(page("next", null));
  });
});
