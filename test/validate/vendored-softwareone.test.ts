/**
 * Table-driven checks per operation of the vendored SoftwareOne Marketplace API: valid bodies and one invalid body
 * per rule, with every expected violation as [pointer, keyword].
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ResponseInput } from "../../src/runtime/validate/types.js";
import { validateResponseWith } from "../../src/runtime/validate/validate-with-module.js";
import { type CompiledApi, compileSpecFile, VENDORED } from "./compile-validators.js";
import { sampleBody } from "./schema-walk.js";

type Want = [pointer: string, keyword: string][];
type Body = Record<string, unknown>;

let api: CompiledApi;
beforeAll(async () => {
  api = await compileSpecFile(VENDORED["softwareone-marketplace"], "softwareone-marketplace");
});

function check(input: ResponseInput): Want {
  const result = validateResponseWith(api.index, api.module, input);
  expect(result.valid).toBe(result.errors.length === 0);
  return result.errors.map((v) => [v.pointer, v.keyword]);
}

describe("softwareone-marketplace", () => {
  const OP = "GET /public/v1/billing/invoices/{id}";
  let full: Body;
  beforeAll(() => {
    full = sampleBody(
      api.document,
      { $ref: "#/components/schemas/Invoice" },
      "/components/schemas/Invoice",
    ) as Body;
  });
  const with_ = (change: (b: Body) => void) => () => {
    const copy = structuredClone(full);
    change(copy);
    return copy;
  };
  const at = (body: Body, path: string[]): Body =>
    path.reduce((node, key) => node[key] as Body, body);

  it.each<[string, { body: () => unknown; status?: number; want: Want }]>([
    ["a full invoice (every property)", { body: () => full, want: [] }],
    ["an empty invoice (nothing is required)", { body: () => ({}), want: [] }],
    [
      "an unexpected top-level key",
      {
        body: with_((b) => Object.assign(b, { foo: 1 })),
        want: [["/foo", "additionalProperties"]],
      },
    ],
    [
      "an unexpected nested key",
      {
        body: with_((b) => Object.assign(at(b, ["buyer"]), { foo: 1 })),
        want: [["/buyer/foo", "additionalProperties"]],
      },
    ],
    [
      "$meta is nullable (nullable beside allOf)",
      { body: with_((b) => Object.assign(b, { $meta: null })), want: [] },
    ],
    [
      "audit is not nullable",
      { body: with_((b) => Object.assign(b, { audit: null })), want: [["/audit", "type"]] },
    ],
    [
      "a nullable event inside audit",
      { body: with_((b) => Object.assign(at(b, ["audit"]), { paid: null })), want: [] },
    ],
    [
      "an account name below minLength",
      {
        body: with_((b) => Object.assign(at(b, ["client"]), { name: "" })),
        want: [["/client/name", "minLength"]],
      },
    ],
    [
      "an account without its required status",
      {
        body: with_((b) => delete at(b, ["vendor"]).status),
        want: [["/vendor/status", "required"]],
      },
    ],
    [
      "an unknown invoice status",
      { body: with_((b) => Object.assign(b, { status: "Draft" })), want: [["/status", "enum"]] },
    ],
    [
      "revision above int32",
      {
        body: with_((b) => Object.assign(b, { revision: 2 ** 31 })),
        want: [["/revision", "format"]],
      },
    ],
    [
      "a fractional int64",
      {
        body: with_((b) => Object.assign(at(b, ["erpData"]), { rowVersion: 1.5 })),
        want: [
          ["/erpData/rowVersion", "type"],
          ["/erpData/rowVersion", "format"],
        ],
      },
    ],
    [
      "an impossible posting date",
      {
        body: with_((b) =>
          Object.assign(at(b, ["erpData"]), { postingDate: "2026-02-30T00:00:00Z" }),
        ),
        want: [["/erpData/postingDate", "format"]],
      },
    ],
    [
      "a line price as a string",
      {
        body: with_((b) => Object.assign(at(b, ["lines", "0", "price"]), { amount: "1.5" })),
        want: [["/lines/0/price/amount", "type"]],
      },
    ],
    [
      "a line without erpData (null is allowed)",
      { body: with_((b) => Object.assign(at(b, ["lines", "0"]), { erpData: null })), want: [] },
    ],
    [
      "404 problem details",
      {
        status: 404,
        body: () => ({
          type: "about:blank",
          title: "Not Found",
          status: 404,
          detail: null,
          traceId: "x",
        }),
        want: [],
      },
    ],
    [
      "404 with a wrong status type",
      { status: 404, body: () => ({ status: "404" }), want: [["/status", "type"]] },
    ],
  ])("%s", (_name, { body, status, want }) => {
    expect(check({ operation: OP, status: status ?? 200, body: body() })).toEqual(want);
  });
});
