/**
 * End to end: a document whose patterns need the guard → codegen → the generated validators.
 * A body that breaks a pattern is rejected, a hostile one is rejected as pattern-budget-exceeded
 * within the bound, and codegen warns about the step-budgeted pattern, naming it and why.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../src/document/load-document.js";
import { validateResponseWith } from "../../src/runtime/validate/validate-with-module.js";
import { timed } from "../support/timed.js";
import { type CompiledApi, compileApi } from "../validate/compile-validators.js";

const BOUND_MS = 100;

const PATTERNS = {
  /** Backreference, exponential: step-budgeted. */
  twice: "^(a+)+\\1$",
  /** Leading lookahead, exponential on V8: split into linear parts. */
  split: "^(?=a)(a|aa)+$",
  /** Lookahead in a loop, exponential on V8 (127 s for 14 words): step-budgeted. */
  words: "^(?:(?=\\w)\\w+\\s?)*$",
} as const;

const document = {
  openapi: "3.1.0",
  info: { title: "Patterns", version: "1" },
  paths: {
    "/things": {
      get: {
        operationId: "getThing",
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: Object.fromEntries(
                    Object.entries(PATTERNS).map(([name, pattern]) => [
                      name,
                      { type: "string", pattern },
                    ]),
                  ),
                },
              },
            },
          },
        },
      },
    },
  },
} as unknown as OpenApiDocument;

let api: CompiledApi;
beforeAll(async () => {
  api = await compileApi(document, "patterns");
});

/** Validate through the lazy (split) module: load the validator first, as the library does. */
async function validateResponse(compiled: CompiledApi, body: unknown) {
  await compiled.module.loadAll?.();
  return validateResponseWith(compiled.index, compiled.module, {
    operation: "getThing",
    status: 200,
    body,
  });
}

/** Validate `body` timed, against the bound it must keep (see `timed`). */
function validate(body: unknown, boundMs = BOUND_MS) {
  return timed(
    () => validateResponseWith(api.index, api.module, { operation: "getThing", status: 200, body }),
    boundMs,
  );
}

describe("guarded patterns in generated validators", () => {
  it("warns at codegen about each step-budgeted pattern, naming it and why", () => {
    const budgeted = api.warnings.filter((w) => w.message.includes("pattern-budget-exceeded"));
    expect(budgeted.map((w) => w.pointer).sort()).toEqual([
      expect.stringMatching(/\/properties\/twice\/pattern$/),
      expect.stringMatching(/\/properties\/words\/pattern$/),
    ]);
    expect(budgeted.find((w) => w.pointer.endsWith("twice/pattern"))?.message).toContain(
      `pattern ${JSON.stringify(PATTERNS.twice)} has a backreference that no linear-time engine runs`,
    );
    expect(api.warnings.some((w) => w.message.includes("not checked"))).toBe(false);
  });

  it("builds each pattern from the runtime, as planned", () => {
    expect(api.source).toContain('import { guardedRegExp } from "');
    expect(api.source).toContain(
      `guardedRegExp(${JSON.stringify(PATTERNS.twice)}, {"engine":"bounded"})`,
    );
    expect(api.source).toContain(
      `guardedRegExp(${JSON.stringify(PATTERNS.split)}, {"engine":"all",`,
    );
  });

  it.each([
    [
      "a body that keeps every pattern",
      { body: { twice: "aaaa", split: "aaa", words: "ab cd" }, want: [] },
    ],
    ["a backreference broken", { body: { twice: "aaa!" }, want: [["/twice", "pattern"]] }],
    ["a split pattern broken", { body: { split: "ab" }, want: [["/split", "pattern"]] }],
    [
      "a loop with a lookahead broken",
      { body: { words: "ab  cd" }, want: [["/words", "pattern"]] },
    ],
    [
      "hostile strings: out of budget, or answered at once by the linear parts",
      {
        body: {
          twice: `${"a".repeat(40)}!`,
          split: `${"a".repeat(5000)}!`,
          words: `${"ab ".repeat(40)}!`,
        },
        want: [
          ["/twice", "pattern-budget-exceeded"],
          ["/split", "pattern"],
          ["/words", "pattern-budget-exceeded"],
        ],
      },
    ],
  ])("%s", (_name, { body, want }) => {
    const bound = BOUND_MS * Object.keys(body).length;
    const { result, ms } = validate(body, bound);
    expect(ms).toBeLessThan(bound);
    expect(result.valid).toBe(want.length === 0);
    expect(result.errors.map((v) => [v.pointer, v.keyword])).toEqual(want);
  });

  it("works the same when the validators are split into chunks", async () => {
    const split = await compileApi(document, "patterns-split", { splitAbove: 1, moduleCost: 0 });
    expect(Object.keys(split.files).length).toBeGreaterThan(1);
    const result = await validateResponse(split, { twice: `${"a".repeat(40)}!`, words: "ab" });
    expect(result.errors.map((v) => [v.pointer, v.keyword])).toEqual([
      ["/twice", "pattern-budget-exceeded"],
    ]);
  });

  it("each hostile string costs under the bound, and says why it is rejected", () => {
    for (const [name, hostile] of [
      ["twice", `${"a".repeat(60)}!`],
      ["words", `${"word ".repeat(14)}!`],
    ] as const) {
      const { result, ms } = validate({ [name]: hostile });
      expect(ms, name).toBeLessThan(BOUND_MS);
      expect(result.errors).toEqual([
        {
          pointer: `/${name}`,
          keyword: "pattern-budget-exceeded",
          message: expect.stringContaining(`pattern ${PATTERNS[name]} within its time budget`),
          value: hostile,
        },
      ]);
    }
  });
});
