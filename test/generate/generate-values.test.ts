/**
 * generateValues: for one small schema per keyword of both dialects, seeded values are all
 * accepted by ours and by plain ajv; the same seed gives the same values; what cannot be generated
 * is a named result; a value the validator rejects is returned as a generator bug, never as valid.
 */
import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../src/document/load-document.js";
import { generateValues } from "../../src/generate/generate-values.js";
import { SchemaArbitraries } from "../../src/generate/schema-arbitrary.js";
import { SchemaSource } from "../../src/generate/schema-source.js";
import { compileOurs, compileReference } from "./validators-for.js";

type Json = Record<string, unknown>;
const document = (openapi: string, schemas: Json): OpenApiDocument =>
  ({
    openapi,
    info: { title: "t", version: "1" },
    paths: {},
    components: { schemas },
  }) as OpenApiDocument;
const TOKENS = ["components", "schemas", "S"];

const VALID: [string, { openapi: string; given: Json; extra?: Json }][] = [
  ["type list with null (3.1)", { openapi: "3.1.0", given: { type: ["integer", "null"] } }],
  ["nullable (3.0)", { openapi: "3.0.3", given: { type: "string", nullable: true, maxLength: 3 } }],
  ["enum", { openapi: "3.1.0", given: { enum: ["a", "b", 3] } }],
  ["const", { openapi: "3.1.0", given: { const: { k: [1] } } }],
  [
    "formats",
    {
      openapi: "3.1.0",
      given: {
        type: "object",
        required: ["a", "b", "c", "d", "e", "f", "g", "h", "i"],
        properties: {
          a: { type: "string", format: "date" },
          b: { type: "string", format: "date-time" },
          c: { type: "string", format: "time" },
          d: { type: "string", format: "uuid" },
          e: { type: "string", format: "email" },
          f: { type: "string", format: "uri" },
          g: { type: "integer", format: "int32" },
          h: { type: "string", format: "decimal" },
          i: { type: "string", format: "byte" },
        },
      },
    },
  ],
  ["pattern", { openapi: "3.1.0", given: { type: "string", pattern: "^[A-Z]{3}-\\d{2,4}$" } }],
  [
    "pattern with lookahead",
    { openapi: "3.1.0", given: { type: "string", pattern: "^(?=.*\\d)[a-z0-9]{4,8}$" } },
  ],
  [
    "exclusive bounds (3.1)",
    { openapi: "3.1.0", given: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 } },
  ],
  [
    "exclusive bounds (3.0)",
    {
      openapi: "3.0.3",
      given: { type: "integer", minimum: 5, exclusiveMinimum: true, maximum: 7 },
    },
  ],
  [
    "multipleOf",
    { openapi: "3.1.0", given: { type: "number", multipleOf: 0.25, minimum: -3, maximum: 3 } },
  ],
  [
    "string and array lengths, uniqueItems",
    {
      openapi: "3.1.0",
      given: {
        type: "array",
        minItems: 2,
        maxItems: 4,
        uniqueItems: true,
        items: { type: "string", minLength: 2, maxLength: 3 },
      },
    },
  ],
  [
    "allOf merged",
    {
      openapi: "3.1.0",
      given: {
        allOf: [
          { type: "object", required: ["a"], properties: { a: { type: "integer", minimum: 3 } } },
          { properties: { a: { maximum: 4 } } },
        ],
      },
    },
  ],
  [
    "oneOf with discriminator",
    {
      openapi: "3.0.3",
      given: {
        oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
        discriminator: { propertyName: "kind" },
      },
      extra: {
        Cat: {
          type: "object",
          required: ["kind"],
          properties: { kind: { type: "string", enum: ["Cat"] }, purrs: { type: "boolean" } },
        },
        Dog: {
          type: "object",
          required: ["kind"],
          properties: { kind: { type: "string", enum: ["Dog"] } },
        },
      },
    },
  ],
  [
    "additionalProperties false and a schema",
    {
      openapi: "3.1.0",
      given: {
        type: "object",
        properties: { a: { type: "boolean" } },
        additionalProperties: false,
      },
    },
  ],
  [
    "additionalProperties schema",
    {
      openapi: "3.1.0",
      given: { type: "object", additionalProperties: { type: "integer" }, minProperties: 1 },
    },
  ],
  [
    "patternProperties",
    {
      openapi: "3.1.0",
      given: {
        type: "object",
        patternProperties: { "^x-[a-z]+$": { type: "string" } },
        additionalProperties: false,
      },
    },
  ],
  [
    "prefixItems and items false",
    {
      openapi: "3.1.0",
      given: {
        type: "array",
        prefixItems: [{ type: "integer" }, { type: "string" }],
        items: false,
      },
    },
  ],
  [
    "tuple items (3.0)",
    { openapi: "3.0.3", given: { type: "array", items: { type: "integer" }, minItems: 1 } },
  ],
  [
    "dependentRequired",
    {
      openapi: "3.1.0",
      given: {
        type: "object",
        properties: { a: { type: "integer" }, b: { type: "integer" } },
        dependentRequired: { a: ["b"] },
      },
    },
  ],
  [
    "if/then",
    {
      openapi: "3.1.0",
      given: {
        type: "object",
        if: { properties: { t: { const: 1 } }, required: ["t"] },
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
        then: { required: ["u"], properties: { u: { type: "string" } } },
      },
    },
  ],
  [
    "unevaluatedProperties false",
    {
      openapi: "3.1.0",
      given: {
        allOf: [{ properties: { a: { type: "string" } } }],
        unevaluatedProperties: false,
        type: "object",
      },
    },
  ],
  [
    "recursive $ref",
    {
      openapi: "3.1.0",
      given: { $ref: "#/components/schemas/Node" },
      extra: {
        Node: {
          type: "object",
          required: ["children"],
          properties: { children: { type: "array", items: { $ref: "#/components/schemas/Node" } } },
        },
      },
    },
  ],
  [
    "contains",
    {
      openapi: "3.1.0",
      given: {
        type: "array",
        items: { type: "integer" },
        contains: { minimum: 10 },
        minContains: 2,
      },
    },
  ],
  ["not type", { openapi: "3.1.0", given: { not: { type: ["string", "object", "array"] } } }],
  [
    "oneOf exclusivity: overlapping ranges",
    {
      openapi: "3.1.0",
      given: {
        oneOf: [
          { type: "integer", minimum: 0 },
          { type: "integer", maximum: 10 },
        ],
      },
    },
  ],
  [
    "oneOf exclusivity: overlapping objects",
    {
      openapi: "3.1.0",
      given: {
        oneOf: [
          { type: "object", properties: { a: { type: "string" } } },
          { type: "object", required: ["b"], properties: { b: { type: "boolean" } } },
        ],
      },
    },
  ],
  [
    "if/then/else on a member",
    {
      openapi: "3.1.0",
      given: {
        type: "object",
        required: ["t"],
        properties: { t: { type: "integer", minimum: 0, maximum: 2 } },
        if: { properties: { t: { const: 1 } } },
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
        then: { required: ["u"], properties: { u: { type: "string" } } },
        else: { required: ["v"], properties: { v: { type: "integer", multipleOf: 3 } } },
      },
    },
  ],
  [
    "if/then/else on the type",
    {
      openapi: "3.1.0",
      given: {
        if: { type: "string" },
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
        then: { minLength: 3 },
        else: { type: "integer", minimum: 5 },
      },
    },
  ],
  [
    "maxContains",
    {
      openapi: "3.1.0",
      given: {
        type: "array",
        minItems: 3,
        items: { type: "integer", minimum: 0, maximum: 20 },
        contains: { minimum: 10 },
        minContains: 1,
        maxContains: 2,
      },
    },
  ],
  [
    "a general not: required members",
    {
      openapi: "3.1.0",
      given: {
        type: "object",
        properties: { a: { type: "integer" }, b: { type: "integer" } },
        not: { required: ["a", "b"] },
      },
    },
  ],
  [
    "a general not: a pattern",
    { openapi: "3.1.0", given: { type: "string", minLength: 1, not: { pattern: "^a" } } },
  ],
];

describe("generateValues", () => {
  it.each(VALID)(
    "%s: every value accepted by ours and plain ajv",
    (_name, { openapi, given, extra }) => {
      const doc = document(openapi, { ...extra, S: given });
      const ours = compileOurs(doc, ["/components/schemas/S"]).get("/components/schemas/S");
      const reference = compileReference(doc, ["/components/schemas/S"]).get(
        "/components/schemas/S",
      );
      if (typeof ours !== "function" || typeof reference !== "function")
        throw new Error("no validator");
      const arbitraries = new SchemaArbitraries(new SchemaSource(doc));
      const result = generateValues(arbitraries, TOKENS, ours, { seed: 7, count: 40 });
      if (result.kind !== "values") throw new Error(`cannot generate: ${result.reason}`);
      expect(result.generatorBugs).toEqual([]);
      expect(result.values.length).toBe(40);
      expect(result.values.filter((value) => !reference(value))).toEqual([]);
      // Deterministic: the same seed, the same values in the same order.
      const again = generateValues(new SchemaArbitraries(new SchemaSource(doc)), TOKENS, ours, {
        seed: 7,
        count: 40,
      });
      expect(again).toEqual(result);
    },
  );

  const CANNOT: [string, { given: unknown; want: { keyword: string; reason: RegExp } }][] = [
    ["the false schema", { given: false, want: { keyword: "false", reason: /false schema/ } }],
    [
      "a backreference",
      {
        given: { type: "string", pattern: "^(a)\\1$" },
        want: { keyword: "pattern", reason: /backreference/ },
      },
    ],
    [
      "disjoint allOf types",
      {
        given: { allOf: [{ type: "string" }, { type: "integer" }] },
        want: { keyword: "allOf", reason: /no common type/ },
      },
    ],
    [
      "a not of the empty schema",
      { given: { not: {} }, want: { keyword: "not", reason: /accepts no value/ } },
    ],

    [
      "an unbounded required recursion",
      {
        given: { $ref: "#/components/schemas/S" },
        want: { keyword: "$ref", reason: /recursion limit/ },
      },
    ],
    [
      "minimum above maximum",
      {
        given: { type: "integer", minimum: 5, maximum: 4 },
        want: { keyword: "maximum", reason: /no integer/ },
      },
    ],
  ];
  it.each(CANNOT)("%s: a named cannot-generate result", (_name, { given, want }) => {
    const doc = document("3.1.0", { S: given as Json });
    const result = generateValues(
      new SchemaArbitraries(new SchemaSource(doc)),
      TOKENS,
      () => true,
      { seed: 1, count: 5 },
    );
    expect(result.kind).toBe("cannot-generate");
    if (result.kind !== "cannot-generate") return;
    expect(result.keyword).toBe(want.keyword);
    expect(result.reason).toMatch(want.reason);
  });

  it("a oneOf whose branches always overlap ends in bounded retries with a named result", () => {
    const doc = document("3.1.0", { S: { oneOf: [{ type: "boolean" }, { enum: [true, false] }] } });
    const ours = compileOurs(doc, ["/components/schemas/S"]).get("/components/schemas/S");
    if (typeof ours !== "function") throw new Error("no validator");
    const result = generateValues(new SchemaArbitraries(new SchemaSource(doc)), TOKENS, ours, {
      seed: 5,
      count: 10,
    });
    expect(result).toMatchObject({ kind: "cannot-generate", keyword: "retries" });
    if (result.kind === "cannot-generate")
      expect(result.reason).toMatch(/oneOf is settled by filtering/);
  });

  it("reports a value the validator rejects as a generator bug, never as valid", () => {
    const doc = document("3.1.0", { S: { type: "integer", minimum: 0, maximum: 9 } });
    const rejectOdd = (value: unknown): boolean => (value as number) % 2 === 0;
    const result = generateValues(new SchemaArbitraries(new SchemaSource(doc)), TOKENS, rejectOdd, {
      seed: 3,
      count: 30,
    });
    if (result.kind !== "values") throw new Error("expected values");
    expect(result.values.every(rejectOdd)).toBe(true);
    expect(result.generatorBugs.length).toBeGreaterThan(0);
    expect(result.generatorBugs.every((value) => !rejectOdd(value))).toBe(true);
  });

  it("different seeds give different values", () => {
    const doc = document("3.1.0", { S: { type: "string", minLength: 5 } });
    const arbitraries = new SchemaArbitraries(new SchemaSource(doc));
    const a = generateValues(arbitraries, TOKENS, () => true, { seed: 1, count: 10 });
    const b = generateValues(arbitraries, TOKENS, () => true, { seed: 2, count: 10 });
    expect(a).not.toEqual(b);
  });
});
