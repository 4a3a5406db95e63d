import { describe, expect, it } from "vitest";
import type { Drawn } from "../../../src/contract/generation/explore-operation.js";
import type { GenerationMode } from "../../../src/contract/generation/generated-case.js";
import { CoverageCounter } from "../../../src/contract/generation/keyword-coverage.js";
import type { OpenApiDocument } from "../../../src/document/load-document.js";
import type { OperationSpec } from "../../../src/runtime/operation-index.js";

const OPERATION: OperationSpec = {
  key: "notes_create",
  operationId: "notes_create",
  method: "post",
  path: "/notes",
  tags: [],
  parameters: [
    {
      name: "dry",
      in: "query",
      required: false,
      style: "form",
      explode: true,
      allowReserved: false,
      schema: { type: "boolean" },
    },
  ],
  requestBody: { required: true, contentTypes: ["application/json"] },
  responses: {},
  security: [],
};

// A body behind two $refs, with an array of items, a tuple, a oneOf and a recursive member.
const DOCUMENT = {
  openapi: "3.1.0",
  info: { title: "notes", version: "1" },
  paths: {
    "/notes": {
      post: { requestBody: { $ref: "#/components/requestBodies/Note" } },
    },
  },
  components: {
    requestBodies: {
      Note: { content: { "application/json": { schema: { $ref: "#/components/schemas/Note" } } } },
    },
    schemas: {
      Note: {
        type: "object",
        required: ["title"],
        additionalProperties: false,
        properties: {
          title: { type: "string", maxLength: 200 },
          tags: { type: "array", maxItems: 3, items: { type: "string", enum: ["a", "b"] } },
          pair: { type: "array", prefixItems: [{ type: "integer", minimum: 0 }] },
          size: {
            oneOf: [
              { type: "integer", maximum: 9 },
              { type: "string", format: "uuid" },
            ],
          },
          parent: { $ref: "#/components/schemas/Note" },
        },
      },
    },
  },
} as unknown as OpenApiDocument;

type Row = { pointer: string; keyword: string; positive: number; negative: number };

/** The table after `sent` requests, as `pointer keyword` → [positive, negative]. */
function tableAfter(
  sent: readonly (readonly [GenerationMode, Drawn])[],
): Record<string, [number, number]> {
  const counter = new CoverageCounter();
  counter.declare(OPERATION.key, DOCUMENT, OPERATION);
  for (const [mode, drawn] of sent) counter.record(OPERATION.key, drawn, mode);
  return Object.fromEntries(
    counter.table().map((r: Row) => [`${r.pointer} ${r.keyword}`, [r.positive, r.negative]]),
  );
}

const request = (body?: unknown, query: Record<string, unknown> = {}) => ({
  path: {},
  query,
  header: {},
  ...(body === undefined ? {} : { body }),
});

describe("CoverageCounter: request body keywords", () => {
  it("declares every keyword at its JSON Pointer in the body schema, recursion ended", () => {
    expect(Object.keys(tableAfter([]))).toEqual([
      "/query/dry type",
      "/body type",
      "/body required",
      "/body additionalProperties",
      "/body/title type",
      "/body/title maxLength",
      "/body/tags type",
      "/body/tags maxItems",
      "/body/tags/* type",
      "/body/tags/* enum",
      "/body/pair type",
      "/body/pair/0 type",
      "/body/pair/0 minimum",
      "/body/size type",
      "/body/size maximum",
      "/body/size format",
    ]);
  });

  it.each([
    ["nothing sent: every row at zero", { given: [] as [GenerationMode, Drawn][], want: {} }],
    [
      "a valid body counts the places it carries a value",
      {
        given: [["positive", { request: request({ title: "x", tags: ["a"] }) }]] as [
          GenerationMode,
          Drawn,
        ][],
        want: {
          "/body type": [1, 0],
          "/body required": [1, 0],
          "/body additionalProperties": [1, 0],
          "/body/title type": [1, 0],
          "/body/title maxLength": [1, 0],
          "/body/tags type": [1, 0],
          "/body/tags maxItems": [1, 0],
          "/body/tags/* type": [1, 0],
          "/body/tags/* enum": [1, 0],
        },
      },
    ],
    [
      "an empty array carries no item",
      {
        given: [["positive", { request: request({ title: "x", tags: [] }, { dry: true }) }]] as [
          GenerationMode,
          Drawn,
        ][],
        want: {
          "/query/dry type": [1, 0],
          "/body type": [1, 0],
          "/body required": [1, 0],
          "/body additionalProperties": [1, 0],
          "/body/title type": [1, 0],
          "/body/title maxLength": [1, 0],
          "/body/tags type": [1, 0],
          "/body/tags maxItems": [1, 0],
        },
      },
    ],
    [
      "mutants count the keyword they break, an item's under `*`",
      {
        given: [
          [
            "negative",
            {
              request: request({ title: "x".repeat(201) }),
              breaks: { keyword: "maxLength", pointer: "/body/title" },
            },
          ],
          [
            "negative",
            {
              request: request({ title: "x", tags: ["a", "z"] }),
              breaks: { keyword: "enum", pointer: "/body/tags/1" },
            },
          ],
          [
            "negative",
            {
              request: request({ title: "x", pair: [-1] }),
              breaks: { keyword: "minimum", pointer: "/body/pair/0" },
            },
          ],
          ["negative", { request: request({}), breaks: { keyword: "required", pointer: "/body" } }],
        ] as [GenerationMode, Drawn][],
        want: {
          "/body/title maxLength": [0, 1],
          "/body/tags/* enum": [0, 1],
          "/body/pair/0 minimum": [0, 1],
          "/body required": [0, 1],
        },
      },
    ],
  ])("%s", (_, { given, want }) => {
    const table = tableAfter(given);
    const touched = Object.fromEntries(Object.entries(table).filter(([, [p, n]]) => p + n > 0));
    expect(touched).toEqual(want);
  });
});
