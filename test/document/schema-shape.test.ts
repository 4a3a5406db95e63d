import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../src/document/load-document.js";
import {
  responseSchema,
  schemaProperties,
  schemaType,
  successStatus,
} from "../../src/document/schema-shape.js";
import type { ResponseSpec } from "../../src/runtime/operation-index.js";

/** A page schema: allOf branches, one behind a $ref, and an own property overriding a branch's. */
const PAGE = {
  allOf: [
    { properties: { count: { type: "integer" }, note: { type: "string" } } },
    { $ref: "#/components/schemas/Items" },
  ],
  properties: { note: { type: "number" } },
};

const document: OpenApiDocument = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/a": {
      get: {
        responses: {
          "200": {
            content: {
              "text/plain": { schema: { type: "string" } },
              "Application/JSON; charset=utf-8": { schema: { $ref: "#/components/schemas/Page" } },
            },
          },
          "201": { $ref: "#/components/responses/Problem" },
          "204": { description: "no body" },
        },
      },
    },
  },
  components: {
    schemas: {
      Page: PAGE,
      Items: {
        properties: { results: { type: "array", items: { $ref: "#/components/schemas/Item" } } },
      },
      Item: { type: "object", properties: { id: { type: ["integer", "null"] } } },
      Client: { properties: { id: { type: "string" } } },
    },
    responses: {
      Problem: {
        content: { "application/problem+json": { schema: { type: "object", title: "problem" } } },
      },
    },
  },
};

describe("schema-shape", () => {
  it.each<[string, { given: string; want: unknown }]>([
    [
      "the JSON entry, whatever its case and parameters, $ref followed",
      {
        given: "200",
        want: PAGE,
      },
    ],
    [
      "a +json body behind a response $ref",
      { given: "201", want: { type: "object", title: "problem" } },
    ],
    ["no body", { given: "204", want: undefined }],
    ["an undocumented status", { given: "500", want: undefined }],
  ])("responseSchema: %s", (_name, { given, want }) => {
    expect(responseSchema(document, { path: "/a", method: "get" }, given)).toEqual(want);
  });

  it("schemaProperties merges allOf branches (own properties last) and resolves each", () => {
    const page = responseSchema(document, { path: "/a", method: "get" }, "200") ?? {};
    expect(schemaProperties(document, page)).toEqual({
      count: { type: "integer" },
      note: { type: "number" },
      results: { type: "array", items: { $ref: "#/components/schemas/Item" } },
    });
  });

  it("a property written allOf: [{$ref}] takes its shape from the branch", () => {
    const schema = {
      properties: {
        client: { allOf: [{ $ref: "#/components/schemas/Client" }], description: "who" },
      },
    };
    expect(schemaProperties(document, schema)).toEqual({
      client: { properties: { id: { type: "string" } }, description: "who" },
    });
  });

  it.each<[string, { given: Record<string, unknown>; want: string | undefined }]>([
    ["a type", { given: { type: "array" }, want: "array" }],
    ["a nullable type list", { given: { type: ["null", "integer"] }, want: "integer" }],
    ["properties alone", { given: { properties: {} }, want: "object" }],
    ["items alone", { given: { items: {} }, want: "array" }],
    ["nothing to go by", { given: {}, want: undefined }],
  ])("schemaType: %s", (_name, { given, want }) => {
    expect(schemaType(given)).toBe(want);
  });

  it.each<[string, { given: string[]; want: string | undefined }]>([
    ["200 first", { given: ["201", "200"], want: "200" }],
    ["else the first 2XX", { given: ["404", "201", "202"], want: "201" }],
    ["none", { given: ["404"], want: undefined }],
  ])("successStatus: %s", (_name, { given, want }) => {
    const responses = Object.fromEntries(
      given.map((status): [string, ResponseSpec] => [status, { status, content: [] }]),
    );
    expect(successStatus({ responses })).toBe(want);
  });
});
