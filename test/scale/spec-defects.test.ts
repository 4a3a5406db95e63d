/**
 * One bad schema must not sink a spec: a defect that changes what is checked (a pattern invalid
 * under the RegExp `u` flag, an `examples` object where 2020-12 needs an array) is a spec warning
 * with its JSON Pointer, and the rest of the document — the good operation next to it above all —
 * is generated and validates. `nullable: true` without `type`, which makes ajv 8 throw, gets its
 * OpenAPI meaning from normalize-nullable.ts (any value, null included) and no warning.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getAtPointer } from "../../src/runtime/json-pointer.js";
import { validateResponseWith } from "../../src/runtime/validate/validate-with-module.js";
import { REPO_ROOT } from "./bench-specs.js";
import { generateInto, type LoadedGeneratedApi } from "./generate-into.js";

const FIXTURE = join(REPO_ROOT, "test/fixtures/scale/defects.yaml");
let api: LoadedGeneratedApi;

beforeAll(async () => {
  api = await generateInto(FIXTURE, "defects");
}, 60_000);

function check(operation: string, body: unknown) {
  return validateResponseWith(api.index, api.module, {
    operation,
    status: 200,
    contentType: "application/json",
    body,
  });
}

describe("a spec with broken schemas next to a good operation", () => {
  it("reports each defect that changes validation at its JSON Pointer", () => {
    expect(api.generated.warnings).toEqual([
      {
        pointer: "/components/schemas/ExamplesObject/properties/flavour/examples",
        message: expect.stringContaining("`examples` is not an array"),
      },
      {
        pointer: "/components/schemas/BadPattern/properties/slug/pattern",
        message: expect.stringContaining("invalid under the RegExp 'u' flag"),
      },
    ]);
    for (const { pointer } of api.generated.warnings) {
      expect(getAtPointer(api.document, pointer)).toBeDefined();
    }
    expect(api.index.warnings).toEqual(api.generated.warnings);
  });

  it("generates every file and a validator for every operation", () => {
    expect(Object.keys(api.generated.files)).toEqual(
      expect.arrayContaining([
        "client.ts",
        "index.ts",
        "operations.ts",
        "types.ts",
        "validators.ts",
      ]),
    );
    expect(Object.keys(api.index.operations).sort()).toEqual([
      "getExamples",
      "getGood",
      "getNullable",
      "getPattern",
    ]);
    for (const operation of Object.values(api.index.operations)) {
      const validator = operation.responses["200"]?.content[0]?.validator;
      expect(validator && typeof api.module.validators[validator]).toBe("function");
    }
  });

  it.each([
    [
      "the good operation accepts a valid body",
      { op: "getGood", body: { id: 1, name: "a" }, valid: true },
    ],
    [
      "the good operation rejects a missing property",
      { op: "getGood", body: { id: 1 }, valid: false },
    ],
    [
      "the good operation rejects a wrong type",
      { op: "getGood", body: { id: "1", name: "a" }, valid: false },
    ],
    [
      "the bad pattern is not checked, its siblings are",
      { op: "getPattern", body: { slug: "ünïcode and spaces", count: 2 }, valid: true },
    ],
    [
      "…and a sibling's type still is",
      { op: "getPattern", body: { slug: "a", count: "2" }, valid: false },
    ],
    [
      "the `examples` object is ignored, `required` still checked",
      { op: "getExamples", body: {}, valid: false },
    ],
    ["…and a valid body passes", { op: "getExamples", body: { flavour: "mint" }, valid: true }],
    ["`nullable` without `type` accepts null", { op: "getNullable", body: null, valid: true }],
    ["…and any other value", { op: "getNullable", body: { any: ["thing"] }, valid: true }],
  ])("%s", (_name, { op, body, valid }) => {
    expect(check(op, body).valid).toBe(valid);
  });
});
