import { describe, expect, it } from "vitest";
import { compileSchemas } from "../../../src/codegen/validators/compile-schemas.js";
import { createValidatorAjv } from "../../../src/codegen/validators/create-validator-ajv.js";
import type { DialectSchema } from "../../../src/codegen/validators/transform-schema.js";

const makeAjv = () =>
  createValidatorAjv({ runtimeImport: "../../src/runtime", unevaluated: false });

describe("compileSchemas", () => {
  it("compiles every root when nothing is wrong", () => {
    const schemas = new Map<string, DialectSchema>([
      ["c:A", { type: "object", properties: { b: { $ref: "c:B" } } }],
      ["c:B", { type: "string" }],
    ]);
    const { ajv, failed } = compileSchemas(schemas, ["c:A"], makeAjv);
    expect(failed.size).toBe(0);
    expect(ajv.getSchema("c:A")?.({ b: 1 })).toBe(false);
  });

  it("gives up only the schema ajv rejects, names why, and keeps everything else", () => {
    const schemas = new Map<string, DialectSchema>([
      ["c:A", { type: "object", required: ["a"], properties: { b: { $ref: "c:Bad" } } }],
      ["c:Bad", { type: "string", bogus: true }],
      ["c:C", { type: "integer" }],
    ]);
    const { ajv, failed } = compileSchemas(schemas, ["c:A", "c:C"], makeAjv);
    expect([...failed.keys()]).toEqual(["c:Bad"]);
    expect(failed.get("c:Bad")).toContain('unknown keyword: "bogus"');
    const a = ajv.getSchema("c:A");
    expect(a?.({ a: 1, b: { anything: true } })).toBe(true);
    expect(a?.({ b: 1 })).toBe(false);
    expect(ajv.getSchema("c:C")?.("x")).toBe(false);
  });
});
