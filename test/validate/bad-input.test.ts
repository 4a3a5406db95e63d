/** Hostile bodies: very large, very deep, backtracking patterns, and invalid everywhere. */
import { beforeAll, describe, expect, it } from "vitest";
import { gcoreInvoice } from "../../bench/gcore-invoice-page.js";
import { MAX_VIOLATIONS } from "../../src/runtime/validate/types.js";
import { validateResponseWith } from "../../src/runtime/validate/validate-with-module.js";
import { type CompiledApi, compileSpecFile, fixture, VENDORED } from "./compile-validators.js";

let guards: CompiledApi;
let gcore: CompiledApi;
beforeAll(async () => {
  guards = await compileSpecFile(fixture("guards.yaml"), "guards");
  gcore = await compileSpecFile(VENDORED["gcore-billing"], "gcore-billing");
});

const list = (body: unknown) =>
  validateResponseWith(gcore.index, gcore.module, {
    operation: "v1_erp_invoices_list",
    status: 200,
    body,
  });

/** A body nested `depth` levels through `child`, the innermost node missing its `name`. */
function deepTree(depth: number): unknown {
  let node: Record<string, unknown> = {};
  for (let i = 0; i < depth; i++) node = { name: `n${i}`, child: node };
  return node;
}

describe("bad input", () => {
  it("validates a 50 MB list page without crashing", () => {
    const invoice = gcoreInvoice(7);
    const results = Array.from({ length: 110_000 }, () => invoice);
    const text = JSON.stringify({ count: results.length, next: null, previous: null, results });
    expect(text.length).toBeGreaterThan(50_000_000);
    const result = list(JSON.parse(text));
    expect(result).toEqual({ valid: true, errors: [], omitted: 0 });
  });

  it("caps a 50 MB page invalid in every item (two violations each) at 1,000 and counts the rest", () => {
    const { payer_id: _payer, currency: _currency, ...broken } = gcoreInvoice(7);
    const results = Array.from({ length: 110_000 }, () => broken);
    const result = list({ count: 1, next: null, previous: null, results });
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(MAX_VIOLATIONS);
    expect(result.omitted).toBe(2 * 110_000 - MAX_VIOLATIONS);
    expect(result.errors[0]).toEqual({
      pointer: "/results/0/currency",
      keyword: "required",
      message: "missing required property 'currency'",
    });
    expect(result.errors.at(-1)?.pointer).toBe("/results/499/payer_id");
  });

  it("caps a 100,000-item array invalid everywhere, keeping at most 1,000 error objects", () => {
    const body = Array.from({ length: 100_000 }, (_, i) => `not a number ${i}`);
    const result = validateResponseWith(guards.index, guards.module, {
      operation: "getNumbers",
      status: 200,
      body,
    });
    expect(result.errors).toHaveLength(MAX_VIOLATIONS);
    expect(result.omitted).toBe(99_000);
    expect(result.errors[999]).toMatchObject({
      pointer: "/999",
      keyword: "type",
      value: "not a number 999",
    });
    // Bounded memory: the validator itself never held more than the cap.
    const validate = guards.module.validators.v_getNumbers_200_0;
    expect(validate?.errors?.length).toBe(MAX_VIOLATIONS);
    expect(validate?.errorCount).toBe(100_000);
  });

  it("answers for a body nested 10,000 levels deep through a recursive schema", () => {
    const result = validateResponseWith(guards.index, guards.module, {
      operation: "getTree",
      status: 200,
      body: deepTree(10_000),
    });
    expect(result.valid).toBe(false);
    const [first] = result.errors;
    // Either the whole depth was followed (the innermost node lacks `name`), or the engine stopped
    // with a clear "too deep" violation instead of crashing.
    if (first?.keyword === "depth") {
      expect(first.message).toMatch(
        /^the body nests too deeply to validate \(.+\); it is treated as invalid$/,
      );
    } else {
      expect(first?.pointer).toBe(`${"/child".repeat(10_000)}/name`);
      expect(first?.keyword).toBe("required");
    }
  });

  it("stops at the schema's depth for a deep body under a non-recursive schema", () => {
    const deep = `${"[".repeat(10_000)}"leaf"${"]".repeat(10_000)}`;
    const invoice = JSON.stringify(gcoreInvoice(0)).replace(/"name":"[^"]*"/, `"name":${deep}`);
    const parsed = JSON.parse(`{"count":1,"next":null,"previous":null,"results":[${invoice}]}`);
    expect(list(parsed).errors.map((v) => [v.pointer, v.keyword])).toEqual([
      ["/results/0/name", "type"],
    ]);
  });

  it("does not hang on ^(a+)+$ against 40 a's and a b", () => {
    const started = performance.now();
    const result = validateResponseWith(guards.index, guards.module, {
      operation: "getRedos",
      status: 200,
      body: { word: `${"a".repeat(40)}b` },
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.errors.map((v) => [v.pointer, v.keyword])).toEqual([["/word", "pattern"]]);
    expect(
      validateResponseWith(guards.index, guards.module, {
        operation: "getRedos",
        status: 200,
        body: { word: "aaaa" },
      }).valid,
    ).toBe(true);
  });

  it("runs flagged patterns on RE2 and keeps safe ones (the Gcore amount) on native RegExp", () => {
    expect(guards.source).toContain('linearRegExp("^(a+)+$", "u")');
    // Native, and without the u flag, which cannot change what this ASCII pattern matches.
    expect(gcore.source).toContain('new RegExp("^\\\\d{1,3}\\\\.\\\\d{12}$")');
    expect(gcore.source).not.toContain("linearRegExp");
  });
});
