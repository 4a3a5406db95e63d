/**
 * The OpenAPI → JSON Schema dialect, end to end: fixture specs are compiled by the real emitter and
 * each rule is probed with one body. `want` lists every violation as [pointer, keyword].
 */
import { beforeAll, describe, expect, it } from "vitest";
import { validateResponseWith } from "../../src/runtime/validate/validate-with-module.js";
import { type CompiledApi, compileSpecFile, fixture } from "./compile-validators.js";

type Want = [pointer: string, keyword: string][];

function violations(api: CompiledApi, operation: string, body: unknown): Want {
  const result = validateResponseWith(api.index, api.module, { operation, status: 200, body });
  expect(result.valid).toBe(result.errors.length === 0);
  return result.errors.map((v) => [v.pointer, v.keyword]);
}

describe("OpenAPI 3.0 dialect", () => {
  let api: CompiledApi;
  beforeAll(async () => {
    api = await compileSpecFile(fixture("dialect-30.yaml"), "dialect-30");
  });
  const base = { requiredNullable: null, readOnlyId: 1 };

  it("ignores annotations (x-*, example, externalDocs, xml, deprecated, discriminator, readOnly) without warnings", () => {
    expect(api.warnings).toEqual([]);
    expect(api.source).not.toMatch(/x-internal-id|externalDocs|discriminator|"example"/);
  });

  it.each<[string, { patch: Record<string, unknown>; want: Want }]>([
    ["the minimal body", { patch: {}, want: [] }],
    ["nullable string accepts null", { patch: { nullableString: null }, want: [] }],
    [
      "nullable string keeps its maxLength",
      { patch: { nullableString: "abcd" }, want: [["/nullableString", "maxLength"]] },
    ],
    ["nullable enum accepts null", { patch: { nullableEnum: null }, want: [] }],
    [
      "nullable enum rejects other values",
      { patch: { nullableEnum: "c" }, want: [["/nullableEnum", "enum"]] },
    ],
    ["nullable beside allOf accepts null", { patch: { nullableAllOf: null }, want: [] }],
    [
      "nullable beside allOf checks the referenced schema",
      { patch: { nullableAllOf: {} }, want: [["/nullableAllOf/id", "required"]] },
    ],
    [
      "nullable beside allOf keeps additionalProperties:false",
      {
        patch: { nullableAllOf: { id: 1, x: 1 } },
        want: [["/nullableAllOf/x", "additionalProperties"]],
      },
    ],
    [
      "nullable beside $ref accepts null (3.0 sibling honoured)",
      { patch: { nullableRef: null }, want: [] },
    ],
    [
      "nullable beside $ref checks the target",
      { patch: { nullableRef: { id: "1" } }, want: [["/nullableRef/id", "type"]] },
    ],
    ["nullable beside oneOf accepts null", { patch: { nullableOneOf: null }, want: [] }],
    [
      "nullable beside oneOf checks the branches",
      {
        patch: { nullableOneOf: true },
        want: [
          ["/nullableOneOf", "type"],
          ["/nullableOneOf", "type"],
          ["/nullableOneOf", "oneOf"],
        ],
      },
    ],
    [
      "a non-nullable $ref rejects null",
      { patch: { plainRef: null }, want: [["/plainRef", "type"]] },
    ],
    [
      "a $ref inside allOf at the same place reports the full pointer",
      { patch: { extended: { size: 1 } }, want: [["/extended/name", "required"]] },
    ],
    [
      "errors of a shared component in array items carry the item pointer",
      {
        patch: { extendedList: [{ name: "a" }, { name: 1, size: "x" }] },
        want: [
          ["/extendedList/1/name", "type"],
          ["/extendedList/1/size", "type"],
        ],
      },
    ],
    [
      "required stays required when nullable",
      { patch: { requiredNullable: undefined }, want: [["/requiredNullable", "required"]] },
    ],
    [
      "readOnly properties are required in responses as listed",
      { patch: { readOnlyId: undefined }, want: [["/readOnlyId", "required"]] },
    ],
    [
      "additionalProperties:false names the unexpected key",
      { patch: { closed: { a: "x", b: 1 } }, want: [["/closed/b", "additionalProperties"]] },
    ],
    [
      "boolean exclusiveMinimum (3.0) is exclusive",
      { patch: { bounded: 0 }, want: [["/bounded", "exclusiveMinimum"]] },
    ],
    ["exclusiveMaximum: false keeps maximum inclusive", { patch: { bounded: 10 }, want: [] }],
    ["maximum", { patch: { bounded: 10.5 }, want: [["/bounded", "maximum"]] }],
    ["minimum", { patch: { count: 0 }, want: [["/count", "minimum"]] }],
    ["int32 range", { patch: { count: 2147483648 }, want: [["/count", "format"]] }],
    ["int64 range", { patch: { big: 1e20 }, want: [["/big", "format"]] }],
    ["float range", { patch: { ratio: 1e39 }, want: [["/ratio", "format"]] }],
    [
      "double: an overflowing number (JSON 1e400) is not a number",
      { patch: { price: Number.POSITIVE_INFINITY }, want: [["/price", "type"]] },
    ],
    [
      "integer type",
      {
        patch: { count: 1.5 },
        want: [
          ["/count", "type"],
          ["/count", "format"],
        ],
      },
    ],
    [
      "pattern (format decimal left to the stricter pattern)",
      { patch: { amount: "1.5" }, want: [["/amount", "pattern"]] },
    ],
    ["decimal format", { patch: { decimal: "1e5" }, want: [["/decimal", "format"]] }],
    ["date: 2026-02-30", { patch: { day: "2026-02-30" }, want: [["/day", "format"]] }],
    [
      "date-time: hour 25",
      { patch: { moment: "2026-02-28T25:00:00Z" }, want: [["/moment", "format"]] },
    ],
    [
      "date-time: zone required",
      { patch: { moment: "2026-02-28T10:00:00" }, want: [["/moment", "format"]] },
    ],
    ["time", { patch: { clock: "10:00:00" }, want: [["/clock", "format"]] }],
    ["uri", { patch: { link: "/relative" }, want: [["/link", "format"]] }],
    ["uri-reference accepts a relative reference", { patch: { ref: "/relative?x=1" }, want: [] }],
    ["email", { patch: { mail: "nobody" }, want: [["/mail", "format"]] }],
    ["uuid", { patch: { uuid: "not-a-uuid" }, want: [["/uuid", "format"]] }],
    ["byte", { patch: { bytes: "***" }, want: [["/bytes", "format"]] }],
    ["password is an annotation", { patch: { password: "anything at all" }, want: [] }],
    [
      "$ does not match before a trailing newline",
      { patch: { exact: "a\n" }, want: [["/exact", "pattern"]] },
    ],
    ["minItems", { patch: { tags: [] }, want: [["/tags", "minItems"]] }],
    ["maxItems", { patch: { tags: ["a", "b", "c"] }, want: [["/tags", "maxItems"]] }],
    ["uniqueItems", { patch: { tags: ["a", "a"] }, want: [["/tags", "uniqueItems"]] }],
    [
      "discriminator is an annotation; oneOf is still checked",
      { patch: { shape: { kind: "circle", r: 1 } }, want: [] },
    ],
    [
      "oneOf reports each branch and the oneOf",
      {
        patch: { shape: { kind: "circle" } },
        want: [
          ["/shape/r", "required"],
          ["/shape/w", "required"],
          ["/shape/kind", "enum"],
          ["/shape", "oneOf"],
        ],
      },
    ],
  ])("%s", (_name, { patch, want }) => {
    expect(violations(api, "getEverything", { ...base, ...patch })).toEqual(want);
  });
});

describe("OpenAPI 3.1 dialect", () => {
  let api: CompiledApi;
  beforeAll(async () => {
    api = await compileSpecFile(fixture("dialect-31.yaml"), "dialect-31");
  });
  const base = { requiredNullable: null };

  it("compiles without warnings (examples arrays are annotations)", () => {
    expect(api.warnings).toEqual([]);
  });

  it.each<[string, { patch: Record<string, unknown>; want: Want }]>([
    ["the minimal body", { patch: {}, want: [] }],
    ["type list with null accepts null", { patch: { typeArray: null }, want: [] }],
    [
      "type list with null checks the other types",
      { patch: { typeArray: 1 }, want: [["/typeArray", "type"]] },
    ],
    [
      "a nullable enum (type list with null) accepts null",
      { patch: { typeArrayEnum: null }, want: [] },
    ],
    [
      "a nullable enum rejects other values",
      { patch: { typeArrayEnum: "c" }, want: [["/typeArrayEnum", "enum"]] },
    ],
    [
      "3.0-style nullable in a 3.1 document accepts null",
      { patch: { nullable30Style: null }, want: [] },
    ],
    [
      "3.0-style nullable keeps the format",
      { patch: { nullable30Style: "2026-02-30" }, want: [["/nullable30Style", "format"]] },
    ],
    ["nullable beside allOf accepts null", { patch: { nullableAllOf: null }, want: [] }],
    [
      "nullable beside allOf checks the target",
      { patch: { nullableAllOf: {} }, want: [["/nullableAllOf/id", "required"]] },
    ],
    [
      "$ref with a sibling keyword",
      { patch: { refWithSibling: {} }, want: [["/refWithSibling/id", "required"]] },
    ],
    ["anyOf [X, null] accepts null", { patch: { anyOfNull: null }, want: [] }],
    [
      "anyOf [X, null] reports X's errors only",
      { patch: { anyOfNull: {} }, want: [["/anyOfNull/id", "required"]] },
    ],
    [
      "required stays required when nullable",
      { patch: { requiredNullable: undefined }, want: [["/requiredNullable", "required"]] },
    ],
    [
      "numeric exclusiveMinimum",
      { patch: { exclusive: 0 }, want: [["/exclusive", "exclusiveMinimum"]] },
    ],
    [
      "numeric exclusiveMaximum",
      { patch: { exclusive: 1 }, want: [["/exclusive", "exclusiveMaximum"]] },
    ],
    ["const", { patch: { constant: "other" }, want: [["/constant", "const"]] }],
    ["prefixItems", { patch: { pair: ["a", "b"] }, want: [["/pair/1", "type"]] }],
    [
      "items: false after prefixItems",
      { patch: { pair: ["a", 1, 2] }, want: [["/pair", "additionalItems"]] },
    ],
  ])("%s", (_name, { patch, want }) => {
    expect(violations(api, "getEverything31", { ...base, ...patch })).toEqual(want);
  });
});

describe("schemas the validators cannot fully use", () => {
  let api: CompiledApi;
  beforeAll(async () => {
    api = await compileSpecFile(fixture("bad-schemas.yaml"), "bad-schemas");
  });
  const at = "/components/schemas/Bad/properties";

  it.each([
    [
      "a pattern invalid under the u flag",
      { pointer: `${at}/slug/pattern`, says: "invalid under the RegExp 'u' flag" },
    ],
    [
      "an unknown format, once for both uses",
      { pointer: `${at}/id/format`, says: "unknown format 'uuid4'" },
    ],
    ["an unknown keyword", { pointer: `${at}/odd/foo`, says: "unknown keyword 'foo'" }],
    [
      "a malformed keyword value",
      { pointer: `${at}/negative/minLength`, says: "must be a non-negative integer" },
    ],
    [
      "a backreference pattern no linear engine runs (budgeted, never dropped)",
      { pointer: `${at}/backref/pattern`, says: "runs on a step-budgeted matcher" },
    ],
  ])("warns about %s with its JSON Pointer", (_name, { pointer, says }) => {
    const matching = api.warnings.filter((w) => w.pointer === pointer);
    expect(matching).toHaveLength(1);
    expect(matching[0]?.message).toContain(says);
  });

  it("reports exactly those five problems", () => {
    expect(api.warnings).toHaveLength(5);
  });

  it.each<[string, { patch: Record<string, unknown>; want: Want }]>([
    [
      "the rest of the damaged schema is still checked",
      { patch: { slug: "toolong" }, want: [["/slug", "maxLength"]] },
    ],
    [
      "its required list still holds",
      { patch: { name: undefined }, want: [["/name", "required"]] },
    ],
    ["an unknown keyword does not hide the type", { patch: { odd: 1 }, want: [["/odd", "type"]] }],
    ["an unknown format does not fail the body", { patch: { id: "not a uuid at all" }, want: [] }],
    [
      "a pattern invalid under u is not checked; a budgeted one still is",
      { patch: { slug: "a b", backref: "zz" }, want: [["/backref", "pattern"]] },
    ],
    ["a body matching the budgeted pattern passes", { patch: { backref: "aaaa" }, want: [] }],
  ])("%s", (_name, { patch, want }) => {
    expect(violations(api, "getBad", { name: "ab", ...patch })).toEqual(want);
  });

  it("validates the operations next door", () => {
    expect(violations(api, "getFine", { ok: true })).toEqual([]);
    expect(violations(api, "getFine", { ok: "yes" })).toEqual([["/ok", "type"]]);
  });
});
