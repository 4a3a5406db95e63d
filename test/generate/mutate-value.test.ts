/**
 * mutateValue: each single-keyword mutant carries the keyword and the JSON Pointer it breaks, is
 * rejected by ours and by plain ajv, and candidates the validator accepts are discarded and counted.
 */
import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../src/document/load-document.js";
import { generateValues } from "../../src/generate/generate-values.js";
import { mutateValue } from "../../src/generate/mutate-value.js";
import { SchemaArbitraries } from "../../src/generate/schema-arbitrary.js";
import { SchemaSource } from "../../src/generate/schema-source.js";
import { compileOurs, compileReference } from "./validators-for.js";

type Json = Record<string, unknown>;
const document = (schemas: Json): OpenApiDocument =>
  ({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {},
    components: { schemas },
  }) as OpenApiDocument;
const TOKENS = ["components", "schemas", "S"];

const CASES: [
  string,
  { given: Json; value: unknown; want: { keyword: string; pointer: string } },
][] = [
  [
    "wrong type",
    {
      given: { type: "object", properties: { n: { type: "integer" } } },
      value: { n: 1 },
      want: { keyword: "type", pointer: "/n" },
    },
  ],
  [
    "required member dropped",
    {
      given: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
      value: { id: "x" },
      want: { keyword: "required", pointer: "" },
    },
  ],
  [
    "out of range",
    {
      given: { type: "integer", minimum: 0, maximum: 10 },
      value: 5,
      want: { keyword: "maximum", pointer: "" },
    },
  ],
  [
    "exclusive bound",
    {
      given: { type: "number", exclusiveMinimum: 0 },
      value: 5,
      want: { keyword: "exclusiveMinimum", pointer: "" },
    },
  ],
  [
    "pattern broken",
    {
      given: { type: "array", items: { type: "string", pattern: "^[a-z]+$" } },
      value: ["ab"],
      want: { keyword: "pattern", pointer: "/0" },
    },
  ],
  [
    "format broken",
    {
      given: { type: "string", format: "date" },
      value: "2026-01-02",
      want: { keyword: "format", pointer: "" },
    },
  ],
  [
    "enum broken",
    { given: { enum: ["a", "b"] }, value: "a", want: { keyword: "enum", pointer: "" } },
  ],
  [
    "extra member",
    {
      given: {
        type: "object",
        properties: { a: { type: "integer" } },
        additionalProperties: false,
      },
      value: { a: 1 },
      want: { keyword: "additionalProperties", pointer: "" },
    },
  ],
  [
    "maxLength exceeded",
    {
      given: { type: "string", maxLength: 3 },
      value: "abc",
      want: { keyword: "maxLength", pointer: "" },
    },
  ],
  [
    "duplicate item",
    {
      given: { type: "array", uniqueItems: true },
      value: [1, 2],
      want: { keyword: "uniqueItems", pointer: "" },
    },
  ],
  [
    "dependent dropped",
    {
      given: { type: "object", dependentRequired: { a: ["b"] } },
      value: { a: 1, b: 2 },
      want: { keyword: "dependentRequired", pointer: "" },
    },
  ],
  [
    "through a $ref",
    {
      given: { type: "object", properties: { c: { $ref: "#/components/schemas/C" } } },
      value: { c: { n: 2 } },
      want: { keyword: "multipleOf", pointer: "/c/n" },
    },
  ],
];

describe("mutateValue", () => {
  it.each(CASES)(
    "%s: labelled, and rejected by ours and plain ajv",
    (_name, { given, value, want }) => {
      const doc = document({
        S: given,
        C: { type: "object", properties: { n: { type: "integer", multipleOf: 2 } } },
      });
      const ours = compileOurs(doc, ["/components/schemas/S"]).get("/components/schemas/S");
      const reference = compileReference(doc, ["/components/schemas/S"]).get(
        "/components/schemas/S",
      );
      if (typeof ours !== "function" || typeof reference !== "function")
        throw new Error("no validator");
      expect(ours(value)).toBe(true);
      const { mutants } = mutateValue(
        new SchemaArbitraries(new SchemaSource(doc)),
        TOKENS,
        value,
        ours,
      );
      expect(mutants.map((m) => ({ keyword: m.keyword, pointer: m.pointer }))).toContainEqual(want);
      expect(mutants.filter((m) => ours(m.value) || reference(m.value))).toEqual([]);
    },
  );

  it("discards and counts candidates the validator accepts", () => {
    const doc = document({
      S: { type: "object", required: ["a"], properties: { a: { type: "integer", maximum: 3 } } },
    });
    const { mutants, discarded } = mutateValue(
      new SchemaArbitraries(new SchemaSource(doc)),
      TOKENS,
      { a: 1 },
      () => true,
    );
    expect(mutants).toEqual([]);
    expect(discarded).toBeGreaterThan(0);
  });

  it("mutates generated values: the same seed, the same mutants", () => {
    const doc = document({
      S: {
        type: "object",
        required: ["id"],
        properties: { id: { type: "string", format: "uuid" }, n: { type: "integer", minimum: 1 } },
      },
    });
    const ours = compileOurs(doc, ["/components/schemas/S"]).get("/components/schemas/S");
    if (typeof ours !== "function") throw new Error("no validator");
    const run = () => {
      const arbitraries = new SchemaArbitraries(new SchemaSource(doc));
      const generated = generateValues(arbitraries, TOKENS, ours, { seed: 11, count: 3 });
      if (generated.kind !== "values") throw new Error("expected values");
      return generated.values.map((v) => mutateValue(arbitraries, TOKENS, v, ours).mutants);
    };
    const first = run();
    expect(first.flat().length).toBeGreaterThan(0);
    expect(run()).toEqual(first);
  });
});
