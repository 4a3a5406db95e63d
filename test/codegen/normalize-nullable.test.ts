import { describe, expect, it } from "vitest";
import {
  normalizeNullable,
  normalizeNullableSchema,
} from "../../src/codegen/normalize-nullable.js";

describe("normalizeNullableSchema", () => {
  it.each([
    [
      "type string",
      { given: { type: "string", nullable: true }, want: { type: ["string", "null"] } },
    ],
    [
      "enum gains null",
      {
        given: { type: "string", enum: ["a", "b"], nullable: true },
        want: { type: ["string", "null"], enum: ["a", "b", null] },
      },
    ],
    [
      "enum already holding null",
      {
        given: { type: "string", enum: ["a", null], nullable: true },
        want: { type: ["string", "null"], enum: ["a", null] },
      },
    ],
    [
      "type list",
      {
        given: { type: ["integer", "string"], nullable: true },
        want: { type: ["integer", "string", "null"] },
      },
    ],
    [
      "type list with null",
      { given: { type: ["integer", "null"], nullable: true }, want: { type: ["integer", "null"] } },
    ],
    [
      "enum without type",
      { given: { enum: [1, 2], nullable: true }, want: { enum: [1, 2, null] } },
    ],
    [
      "no type: accepts null already",
      { given: { format: "date", nullable: true }, want: { format: "date" } },
    ],
    [
      "nullable false dropped",
      { given: { type: "string", nullable: false }, want: { type: "string" } },
    ],
    [
      "allOf wrapped, annotations outside",
      {
        given: {
          allOf: [{ $ref: "#/components/schemas/M" }],
          nullable: true,
          description: "d",
          readOnly: true,
        },
        want: {
          description: "d",
          readOnly: true,
          anyOf: [{ allOf: [{ $ref: "#/components/schemas/M" }] }, { type: "null" }],
        },
      },
    ],
    [
      "$ref sibling honoured",
      {
        given: { $ref: "#/components/schemas/M", nullable: true },
        want: { anyOf: [{ $ref: "#/components/schemas/M" }, { type: "null" }] },
      },
    ],
    [
      "type beside oneOf is wrapped with it",
      {
        given: { type: "object", oneOf: [{ required: ["a"] }], nullable: true, "x-k": 1 },
        want: {
          "x-k": 1,
          anyOf: [{ type: "object", oneOf: [{ required: ["a"] }] }, { type: "null" }],
        },
      },
    ],
    ["no nullable: same object", { given: { type: "string" }, want: { type: "string" } }],
  ])("%s", (_name, { given, want }) => {
    expect(normalizeNullableSchema(given)).toEqual(want);
  });
});

describe("normalizeNullable", () => {
  const document = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/a": {
        parameters: [{ name: "p", in: "query", schema: { type: "integer", nullable: true } }],
        get: {
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: { type: "object", properties: { nullable: { type: "boolean" } } },
                  example: { nullable: true },
                },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        A: {
          type: "object",
          properties: { d: { type: "string", nullable: true } },
          additionalProperties: { type: "string", nullable: true },
          items: [{ type: "string", nullable: true }],
        },
      },
    },
  };

  it.each([
    [
      "path-level parameter schema",
      { pointer: ["paths", "/a", "parameters", 0, "schema"], want: { type: ["integer", "null"] } },
    ],
    [
      "component property",
      {
        pointer: ["components", "schemas", "A", "properties", "d"],
        want: { type: ["string", "null"] },
      },
    ],
    [
      "additionalProperties",
      {
        pointer: ["components", "schemas", "A", "additionalProperties"],
        want: { type: ["string", "null"] },
      },
    ],
    [
      "tuple items",
      { pointer: ["components", "schemas", "A", "items", 0], want: { type: ["string", "null"] } },
    ],
    [
      "a property named nullable is not a keyword",
      {
        pointer: [
          "paths",
          "/a",
          "get",
          "responses",
          "200",
          "content",
          "application/json",
          "schema",
          "properties",
        ],
        want: { nullable: { type: "boolean" } },
      },
    ],
    [
      "an example value is data, not a schema",
      {
        pointer: [
          "paths",
          "/a",
          "get",
          "responses",
          "200",
          "content",
          "application/json",
          "example",
        ],
        want: { nullable: true },
      },
    ],
  ])("%s", (_name, { pointer, want }) => {
    const before = JSON.stringify(document);
    const out = normalizeNullable(document);
    let node: unknown = out;
    for (const token of pointer) node = (node as Record<string | number, unknown>)[token];
    expect(node).toEqual(want);
    expect(JSON.stringify(document)).toBe(before);
  });

  it("shares untouched subtrees with the input", () => {
    const out = normalizeNullable(document) as typeof document;
    expect(out.info).toBe(document.info);
    expect(out.paths["/a"].get).toBe(document.paths["/a"].get);
  });
});
