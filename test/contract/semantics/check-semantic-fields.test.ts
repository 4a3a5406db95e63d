import { describe, expect, it } from "vitest";
import type { SemanticsConfig } from "../../../src/contract/semantics/api-config.js";
import { checkSemanticFields } from "../../../src/contract/semantics/check-semantic-fields.js";
import { ApiConfigError } from "../../../src/contract/semantics/config-shape.js";

const FILE = "specs/ledgerline/contract.json";

/** The smallest document with a list page, a query filter, an enum ordering and nested lines. */
const document = {
  openapi: "3.1.0",
  info: { title: "Ledgerline", version: "1" },
  paths: {
    "/invoices": {
      get: {
        parameters: [
          { name: "currency", in: "query", schema: { type: "string" } },
          { $ref: "#/components/parameters/Ordering" },
          { name: "limit", in: "query", schema: { type: "integer" } },
          { name: "offset", in: "query", schema: { type: "integer" } },
        ],
        responses: {
          "200": {
            content: { "application/json": { schema: { $ref: "#/components/schemas/Page" } } },
          },
        },
      },
    },
  },
  components: {
    parameters: {
      Ordering: {
        name: "ordering",
        in: "query",
        schema: { type: "array", items: { type: "string", enum: ["id", "-id", "amount_total"] } },
      },
    },
    schemas: {
      Page: {
        type: "object",
        properties: {
          count: { type: "integer" },
          next: { type: ["string", "null"] },
          previous: { type: ["string", "null"] },
          results: { type: "array", items: { $ref: "#/components/schemas/Invoice" } },
        },
      },
      Invoice: {
        type: "object",
        properties: {
          id: { type: "integer" },
          amount_total: { type: "string" },
          amount_tax: { type: "string" },
          lines: {
            type: "array",
            items: {
              allOf: [
                { type: "object", properties: { price: { $ref: "#/components/schemas/Price" } } },
              ],
            },
          },
          meta: { type: "object" },
        },
      },
      Price: { type: "object", properties: { amount: { type: "string" } } },
    },
  },
};

const valid: SemanticsConfig = {
  filters: [{ param: "currency", field: "/amount_total", match: "equal" }],
  ordering: {
    param: "ordering",
    keys: { amount_total: { field: "/amount_total", compare: "decimal" } },
  },
  pagination: { itemKey: "/id" },
  money: [
    { name: "lines", parts: ["/lines/*/price/amount", "/amount_tax"], total: "/amount_total" },
  ],
  dates: [{ from: "/meta/issued", to: "/meta/due" }],
};

describe("checkSemanticFields", () => {
  it.each([
    ["every name in the document (refs, allOf, '*', free-form objects)", { given: valid }],
    ["no declarations at all", { given: {} }],
  ])("accepts %s", (_, { given }) => {
    expect(() => checkSemanticFields(given, document, FILE)).not.toThrow();
  });

  it.each([
    [
      "a misspelt money total",
      {
        given: { money: [{ name: "t", parts: ["/amount_tax"], total: "/amount_totl" }] },
        want: {
          pointer: "/semantics/money/0/total",
          message: "field '/amount_totl' is not in the document (did you mean /amount_total?)",
        },
      },
    ],
    [
      "a misspelt field under an array",
      {
        given: { money: [{ name: "t", parts: ["/lines/*/price/amout"], total: "/amount_total" }] },
        want: {
          pointer: "/semantics/money/0/parts/0",
          message: "did you mean /lines/*/price/amount?",
        },
      },
    ],
    [
      "a misspelt filter parameter",
      {
        given: { filters: [{ param: "curency", field: "/id", match: "equal" as const }] },
        want: {
          pointer: "/semantics/filters/0/param",
          message: "query parameter 'curency' is not in the document (did you mean currency?)",
        },
      },
    ],
    [
      "an ordering key the parameter's enum lacks",
      {
        given: {
          ordering: {
            param: "ordering",
            keys: { amount: { field: "/amount_total", compare: "decimal" as const } },
          },
        },
        want: { pointer: "/semantics/ordering/keys/amount", message: "ordering key 'amount'" },
      },
    ],
    [
      "a results key under which no list response has items",
      {
        given: { pagination: { itemKey: "/id", results: "items" } },
        want: { pointer: "/semantics/pagination/results", message: "list results key 'items'" },
      },
    ],
    [
      "a misspelt item key",
      {
        given: { pagination: { itemKey: "/idd" } },
        want: { pointer: "/semantics/pagination/itemKey", message: "(did you mean /id?)" },
      },
    ],
    [
      "a date field that is nowhere",
      {
        given: { dates: [{ from: "/issued_at", to: "/amount_total" }] },
        want: { pointer: "/semantics/dates/0/from", message: "field '/issued_at'" },
      },
    ],
  ])("refuses %s, naming the pointer and the close match", (_, { given, want }) => {
    let error: unknown;
    try {
      checkSemanticFields(given, document, FILE);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ApiConfigError);
    expect(error).toMatchObject({ exitCode: 2, file: FILE, pointer: want.pointer });
    expect((error as Error).message).toContain(`${FILE}: ${want.pointer}: `);
    expect((error as Error).message).toContain(want.message);
  });
});
