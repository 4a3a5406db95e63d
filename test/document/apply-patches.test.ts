import { describe, expect, it } from "vitest";
import { applyMergePatch, applyPatches } from "../../src/document/apply-patches.js";

describe("applyMergePatch", () => {
  // The examples of RFC 7396 appendix A, plus key order.
  it.each([
    [{ a: "b" }, { a: "c" }, { a: "c" }],
    [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    [{ a: "b" }, { a: null }, {}],
    [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
    [{ a: ["b"] }, { a: "c" }, { a: "c" }],
    [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
    [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    [
      ["a", "b"],
      ["c", "d"],
      ["c", "d"],
    ],
    [{ a: "b" }, ["c"], ["c"]],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: "b", c: null }, { a: "b" }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])("%j + %j = %j", (target, patch, want) => {
    expect(applyMergePatch(target, patch)).toEqual(want);
  });

  it("keeps existing members in place and appends new ones", () => {
    const result = applyMergePatch(
      { openapi: "3.0.1", paths: {}, components: {} },
      { security: [], openapi: "3.0.2" },
    );
    expect(Object.keys(result as object)).toEqual(["openapi", "paths", "components", "security"]);
  });
});

describe("applyPatches", () => {
  it.each([
    [
      "applies in order and reports none ineffective",
      {
        patches: [
          {
            reason: "add",
            mergePatch: { components: { securitySchemes: { k: { type: "http" } } } },
          },
          {
            reason: "extend",
            mergePatch: { components: { securitySchemes: { k: { scheme: "bearer" } } } },
          },
        ],
        want: {
          openapi: "3.0.1",
          components: { securitySchemes: { k: { type: "http", scheme: "bearer" } } },
        },
        ineffective: [],
      },
    ],
    [
      "reports a patch that changes nothing",
      {
        patches: [{ reason: "already upstream", mergePatch: { openapi: "3.0.1" } }],
        want: { openapi: "3.0.1" },
        ineffective: ["already upstream"],
      },
    ],
  ])("%s", (_name, { patches, want, ineffective }) => {
    const given = { openapi: "3.0.1" };
    const result = applyPatches(given, patches, "source.json");
    expect(result.document).toEqual(want);
    expect(result.ineffective).toEqual(ineffective);
    expect(given).toEqual({ openapi: "3.0.1" });
  });
});
