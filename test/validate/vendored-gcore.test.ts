/**
 * Table-driven checks per operation of the vendored Gcore Billing API: valid bodies and one invalid body
 * per rule, with every expected violation as [pointer, keyword].
 */
import { beforeAll, describe, expect, it } from "vitest";
import { gcoreInvoice, gcoreInvoicePage } from "../../bench/gcore-invoice-page.js";
import type { ResponseInput } from "../../src/runtime/validate/types.js";
import { validateResponseWith } from "../../src/runtime/validate/validate-with-module.js";
import { type CompiledApi, compileSpecFile, VENDORED } from "./compile-validators.js";

type Want = [pointer: string, keyword: string][];
type Body = Record<string, unknown>;

let api: CompiledApi;
beforeAll(async () => {
  api = await compileSpecFile(VENDORED["gcore-billing"], "gcore-billing");
});

function check(input: ResponseInput): Want {
  const result = validateResponseWith(api.index, api.module, input);
  expect(result.valid).toBe(result.errors.length === 0);
  return result.errors.map((v) => [v.pointer, v.keyword]);
}

/** The Gcore page with `change` applied to a copy. */
function page(change: (p: Body & { results: Body[] }) => void = () => {}): Body {
  const copy = structuredClone(gcoreInvoicePage(5)) as Body & { results: Body[] };
  change(copy);
  return copy;
}

function invoice(change: (i: Body) => void = () => {}): Body {
  const copy = structuredClone(gcoreInvoice(0));
  change(copy);
  return copy;
}

const LIST = "v1_erp_invoices_list";
const RETRIEVE = "v1_erp_invoices_retrieve";
const DOWNLOAD = "v1_erp_invoices_download_retrieve";

describe("gcore-billing", () => {
  it.each<[string, { input: ResponseInput; want: Want }]>([
    [
      "list: a 100-invoice page",
      { input: { operation: LIST, status: 200, body: gcoreInvoicePage(100) }, want: [] },
    ],
    [
      "list: an empty page with null links",
      {
        input: {
          operation: LIST,
          status: 200,
          body: { count: 0, next: null, previous: null, results: [] },
        },
        want: [],
      },
    ],
    [
      "list: a missing property is reported where it should be",
      {
        input: { operation: LIST, status: 200, body: page((p) => delete p.results[2]?.payer_id) },
        want: [["/results/2/payer_id", "required"]],
      },
    ],
    [
      "list: a nullable property must still be present",
      {
        input: {
          operation: LIST,
          status: 200,
          body: page((p) => delete p.results[1]?.invoice_date_due),
        },
        want: [["/results/1/invoice_date_due", "required"]],
      },
    ],
    [
      "list: null where nullable",
      {
        input: {
          operation: LIST,
          status: 200,
          body: page((p) =>
            Object.assign(p.results[0] as Body, { invoice_date: null, invoice_id: null }),
          ),
        },
        want: [],
      },
    ],
    [
      "list: null where not nullable",
      {
        input: {
          operation: LIST,
          status: 200,
          body: page((p) => Object.assign(p.results[0] as Body, { payer_id: null })),
        },
        want: [["/results/0/payer_id", "type"]],
      },
    ],
    [
      "list: an amount with 4 integer digits",
      {
        input: {
          operation: LIST,
          status: 200,
          body: page((p) =>
            Object.assign(p.results[3] as Body, { amount_total: "1000.000000000000" }),
          ),
        },
        want: [["/results/3/amount_total", "pattern"]],
      },
    ],
    [
      "list: an amount with 2 decimals",
      {
        input: {
          operation: LIST,
          status: 200,
          body: page((p) => Object.assign(p.results[0] as Body, { amount_tax: "1.50" })),
        },
        want: [["/results/0/amount_tax", "pattern"]],
      },
    ],
    [
      "list: an amount as a number",
      {
        input: {
          operation: LIST,
          status: 200,
          body: page((p) => Object.assign(p.results[0] as Body, { amount_untaxed: 1.5 })),
        },
        want: [["/results/0/amount_untaxed", "type"]],
      },
    ],
    [
      "list: the docs page's example amount",
      {
        input: {
          operation: LIST,
          status: 200,
          body: page((p) => Object.assign(p.results[0] as Body, { amount_total: "<string>" })),
        },
        want: [["/results/0/amount_total", "pattern"]],
      },
    ],
    [
      "list: an impossible date",
      {
        input: {
          operation: LIST,
          status: 200,
          body: page((p) => Object.assign(p.results[0] as Body, { invoice_date: "2026-02-30" })),
        },
        want: [["/results/0/invoice_date", "format"]],
      },
    ],
    [
      "list: a date-time without zone",
      {
        input: {
          operation: LIST,
          status: 200,
          body: page((p) =>
            Object.assign(p.results[4] as Body, { created_at: "2026-02-01T10:00:00" }),
          ),
        },
        want: [["/results/4/created_at", "format"]],
      },
    ],
    [
      "list: an unknown move type",
      {
        input: {
          operation: LIST,
          status: 200,
          body: page((p) => Object.assign(p.results[0] as Body, { move_type: "in_refund" })),
        },
        want: [["/results/0/move_type", "enum"]],
      },
    ],
    [
      "list: client_id above int32 (the schema's maximum)",
      {
        input: {
          operation: LIST,
          status: 200,
          body: page((p) => Object.assign(p.results[0] as Body, { client_id: 2147483648 })),
        },
        want: [["/results/0/client_id", "maximum"]],
      },
    ],
    [
      "list: the docs page's example client_id -1 is allowed",
      {
        input: {
          operation: LIST,
          status: 200,
          body: page((p) => Object.assign(p.results[0] as Body, { client_id: -1 })),
        },
        want: [],
      },
    ],
    [
      "list: next is not a URI",
      {
        input: {
          operation: LIST,
          status: 200,
          body: page((p) => Object.assign(p, { next: "offset=5" })),
        },
        want: [["/next", "format"]],
      },
    ],
    [
      "list: count as a string",
      {
        input: {
          operation: LIST,
          status: 200,
          body: page((p) => Object.assign(p, { count: "5" })),
        },
        want: [["/count", "type"]],
      },
    ],
    [
      "list: results missing",
      {
        input: { operation: LIST, status: 200, body: page((p) => delete (p as Body).results) },
        want: [["/results", "required"]],
      },
    ],
    [
      "list: extra keys are allowed (no additionalProperties:false)",
      {
        input: { operation: LIST, status: 200, body: page((p) => Object.assign(p, { extra: 1 })) },
        want: [],
      },
    ],
    [
      "list: several violations, all listed",
      {
        input: {
          operation: LIST,
          status: 200,
          body: page((p) => {
            delete p.results[0]?.id;
            Object.assign(p.results[1] as Body, { currency: 1 });
          }),
        },
        want: [
          ["/results/0/id", "required"],
          ["/results/1/currency", "type"],
        ],
      },
    ],
    [
      "list: 401 documents no body",
      { input: { operation: LIST, status: 401, body: undefined }, want: [] },
    ],
    [
      "list: a body on 401",
      { input: { operation: LIST, status: 401, body: { detail: "no" } }, want: [["", "body"]] },
    ],
    [
      "list: 500 is not documented",
      { input: { operation: LIST, status: 500, body: {} }, want: [["", "status"]] },
    ],
    [
      "list: an HTML 200",
      {
        input: { operation: LIST, status: 200, contentType: "text/html", body: "<html>" },
        want: [["", "contentType"]],
      },
    ],
    [
      "retrieve: one invoice",
      { input: { operation: RETRIEVE, status: 200, body: invoice() }, want: [] },
    ],
    [
      "retrieve: readOnly properties are required",
      {
        input: { operation: RETRIEVE, status: 200, body: invoice((i) => delete i.id) },
        want: [["/id", "required"]],
      },
    ],
    [
      "retrieve: a wrong payment state",
      {
        input: {
          operation: RETRIEVE,
          status: 200,
          body: invoice((i) => Object.assign(i, { payment_state: "unknown" })),
        },
        want: [["/payment_state", "enum"]],
      },
    ],
    [
      "retrieve: 404 without body",
      { input: { operation: RETRIEVE, status: 404, body: undefined }, want: [] },
    ],
    [
      "retrieve: by METHOD /path",
      {
        input: { operation: "GET /billing/org/v1/erp-invoices/{id}", status: 200, body: invoice() },
        want: [],
      },
    ],
    [
      "download: a PDF is checked by content type only",
      {
        input: {
          operation: DOWNLOAD,
          status: 200,
          contentType: "application/pdf",
          body: "%PDF-1.7",
        },
        want: [],
      },
    ],
    [
      "download: JSON instead of the PDF",
      {
        input: { operation: DOWNLOAD, status: 200, contentType: "application/json", body: {} },
        want: [["", "contentType"]],
      },
    ],
    [
      "download: 502 while the PDF is unavailable",
      { input: { operation: DOWNLOAD, status: 502, body: undefined }, want: [] },
    ],
  ])("%s", (_name, { input, want }) => {
    expect(check(input)).toEqual(want);
  });
});
