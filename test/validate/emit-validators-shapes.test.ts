/**
 * Schema shapes that crashed codegen or gave wrong verdicts (issue 11), each the smallest schema
 * that showed it, compiled through the validator emitter as codegen does (compile-validators.ts)
 * and checked on bodies that must pass and bodies that must fail. Split cases force the chunked
 * `validators.ts` (a tiny split threshold).
 */
import { describe, expect, it } from "vitest";
import { validateResponseWith } from "../../src/runtime/validate/validate-with-module.js";
import { compileApi } from "./compile-validators.js";

interface Shape {
  /** The 200 response schema. */
  readonly schema: unknown;
  readonly components?: Record<string, unknown>;
  readonly openapi?: string;
  /** Split the validators into chunks. */
  readonly split?: boolean;
  readonly valid: readonly unknown[];
  readonly invalid: readonly unknown[];
}

const cases: [string, Shape][] = [
  [
    "not with an inline subschema",
    { schema: { not: { type: "integer", minimum: 3 } }, valid: [1, "x", 2.5], invalid: [5] },
  ],
  [
    "if/then/else with inline assertions",
    {
      // biome-ignore lint/suspicious/noThenProperty: `then` is a JSON Schema keyword here.
      schema: { if: { minimum: 3 }, then: { multipleOf: 2 }, else: { maximum: 0 } },
      valid: [4, -1, "x"],
      invalid: [5, 1],
    },
  ],
  [
    "a non-empty dependentRequired",
    {
      schema: { dependentRequired: { foo: ["bar"] } },
      valid: [{ foo: 1, bar: 2 }, {}],
      invalid: [{ foo: 1 }],
    },
  ],
  [
    "an unconstrained {} in a split API",
    { schema: {}, split: true, valid: [1, null, { a: 1 }], invalid: [] },
  ],
  ["true in a split API", { schema: true, split: true, valid: [1, "x"], invalid: [] }],
  ["false in a split API", { schema: false, split: true, valid: [], invalid: [1, null] }],
  [
    "unevaluatedProperties beside a $ref whose evaluated set depends on the data (anyOf)",
    {
      schema: { $ref: "#/components/schemas/AorB", unevaluatedProperties: false },
      components: {
        AorB: {
          anyOf: [
            { properties: { a: { type: "string" } }, required: ["a"] },
            { properties: { b: true }, required: ["b"] },
          ],
        },
      },
      valid: [{ a: "x" }, { b: 1 }, { a: "x", b: 1 }],
      invalid: [{ a: "x", c: 1 }, { c: 1 }],
    },
  ],
  [
    "unevaluatedProperties beside if without then",
    {
      schema: {
        if: { properties: { foo: { const: "then" } }, required: ["foo"] },
        else: { properties: { baz: { type: "string" } }, required: ["baz"] },
        unevaluatedProperties: false,
      },
      valid: [{ foo: "then" }, { baz: "x" }],
      invalid: [
        { foo: "then", bar: 1 },
        { baz: "x", foo: "else" },
      ],
    },
  ],
  [
    "minContains/maxContains",
    {
      schema: { contains: { type: "integer" }, minContains: 2, maxContains: 3 },
      valid: [[1, 2], [1, 2, "x", 3], "not an array"],
      invalid: [[1], [1, 2, 3, 4]],
    },
  ],
  [
    "minContains above maxContains: no array passes",
    {
      schema: { contains: { type: "integer" }, minContains: 3, maxContains: 2 },
      valid: ["x", 1],
      invalid: [[], [1, 2, 3]],
    },
  ],
  [
    "$anchor",
    {
      schema: { $ref: "#/components/schemas/Anchored" },
      components: {
        Anchored: {
          $id: "https://example.test/anchored",
          $defs: { n: { $anchor: "number", type: "integer" } },
          $ref: "#number",
        },
      },
      valid: [1],
      invalid: ["x"],
    },
  ],
  [
    "$id-relative $ref",
    {
      schema: { $ref: "#/components/schemas/Root" },
      components: {
        Int: { $id: "https://example.test/base/int.json", type: "integer" },
        Root: {
          $id: "https://example.test/base/root.json",
          properties: { n: { $ref: "int.json" } },
        },
      },
      valid: [{ n: 1 }],
      invalid: [{ n: "x" }],
    },
  ],
  [
    "URN $ref",
    {
      schema: { $ref: "urn:uuid:0f1e2d3c-0000-4000-8000-000000000001" },
      components: { Urn: { $id: "urn:uuid:0f1e2d3c-0000-4000-8000-000000000001", type: "string" } },
      valid: ["x"],
      invalid: [1],
    },
  ],
  [
    "$dynamicRef",
    {
      schema: { $ref: "#/components/schemas/Tree" },
      components: {
        Tree: {
          $id: "https://example.test/tree",
          $dynamicAnchor: "node",
          type: "object",
          properties: { child: { $dynamicRef: "#node" } },
        },
      },
      valid: [{ child: { child: {} } }],
      invalid: [{ child: 1 }, { child: { child: 1 } }],
    },
  ],
  [
    "$recursiveRef",
    {
      schema: {
        $recursiveAnchor: true,
        type: "object",
        properties: { child: { $recursiveRef: "#" } },
      },
      valid: [{ child: {} }],
      invalid: [{ child: 1 }],
    },
  ],
  ["if without then/else", { schema: { if: { type: "integer" } }, valid: [1, "x"], invalid: [] }],
  [
    "a property also matched by patternProperties",
    {
      schema: {
        properties: { foo: { type: "string" } },
        patternProperties: { "^f": { minLength: 2 } },
      },
      valid: [{ foo: "ab" }],
      invalid: [{ foo: "a" }, { foo: 1 }],
    },
  ],
  [
    "a tuple items array in 3.0",
    {
      openapi: "3.0.3",
      schema: {
        type: "array",
        items: [{ type: "integer" }, { type: "string" }],
        additionalItems: false,
      },
      valid: [[1, "a"], [1]],
      invalid: [
        [1, 2],
        [1, "a", 3],
      ],
    },
  ],
  [
    "draft 4 dependencies in 3.0",
    {
      openapi: "3.0.3",
      schema: { dependencies: { foo: ["bar"], baz: { required: ["qux"] } } },
      valid: [{ foo: 1, bar: 1 }, { baz: 1, qux: 1 }, {}],
      invalid: [{ foo: 1 }, { baz: 1 }],
    },
  ],
  ["an empty enum accepts nothing", { schema: { enum: [] }, valid: [], invalid: [1, null, "x"] }],
  [
    "format decimal beside a pattern that allows a missing integer or fraction part",
    {
      schema: { type: "string", format: "decimal", pattern: "^-?\\d*\\.?\\d*$" },
      valid: [".50", "5.", "-.5", "12.5"],
      invalid: ["1e5", "abc"],
    },
  ],
];

describe("emitValidators: shapes that crashed or misjudged", () => {
  it.each(cases)("%s", async (name, shape) => {
    const document = {
      openapi: shape.openapi ?? "3.1.0",
      info: { title: "shapes", version: "1" },
      paths: {
        "/x": {
          get: {
            operationId: "x",
            responses: {
              200: { description: "ok", content: { "application/json": { schema: shape.schema } } },
            },
          },
        },
      },
      components: { schemas: shape.components ?? {} },
    };
    const api = `shape-${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`.slice(0, 60);
    const compiled = await compileApi(document, api, shape.split ? { splitAbove: 1 } : {});
    await compiled.module.loadAll?.();
    if (shape.split) expect(Object.keys(compiled.files).length).toBeGreaterThan(1);
    // Nothing given up: no schema replaced by "accept anything", no function left unrewritten.
    expect(compiled.warnings).toEqual([]);
    const verdict = (body: unknown) =>
      validateResponseWith(compiled.index, compiled.module, { operation: "x", status: 200, body })
        .valid;
    expect({
      valid: shape.valid.map(verdict),
      invalid: shape.invalid.map(verdict),
    }).toEqual({ valid: shape.valid.map(() => true), invalid: shape.invalid.map(() => false) });
  });
});
