import { describe, expect, it } from "vitest";
import { pageLinks, parseGcoreListQuery } from "../../src/sandbox/gcore-list-query.js";

const parse = (search: string) => parseGcoreListQuery(new URLSearchParams(search));

describe("parseGcoreListQuery", () => {
  it.each([
    ["no parameters", { search: "", want: { ordering: [], limit: 10, offset: 0 } }],
    ["limit above the maximum is cut to 100", { search: "limit=500", want: { limit: 100 } }],
    ["limit=0 falls back to the default", { search: "limit=0", want: { limit: 10 } }],
    ["a non-numeric offset falls back to 0", { search: "offset=x", want: { offset: 0 } }],
    [
      "empty filters are ignored",
      { search: "payment_state=&currency=", want: { paymentState: undefined } },
    ],
    [
      "the last of repeated values wins",
      { search: "currency=USD&currency=EUR", want: { currency: "EUR" } },
    ],
    [
      "multi-key ordering",
      {
        search: "ordering=-invoice_date,id",
        want: {
          ordering: [
            { field: "invoice_date", descending: true },
            { field: "id", descending: false },
          ],
        },
      },
    ],
    [
      "numbers as numbers",
      { search: "client_id=500123&payer_id=2.0", want: { clientId: 500123, payerId: 2 } },
    ],
  ])("parses %s", (_name, { search, want }) => {
    const result = parse(search);
    expect(result).toMatchObject({ ok: true, query: want });
  });

  it.each([
    [
      "payment_state=overdue",
      { payment_state: ["Select a valid choice. overdue is not one of the available choices."] },
    ],
    [
      "move_type=in_invoice",
      { move_type: ["Select a valid choice. in_invoice is not one of the available choices."] },
    ],
    [
      "ordering=-payer_id",
      { ordering: ["Select a valid choice. -payer_id is not one of the available choices."] },
    ],
    ["client_id=abc", { client_id: ["Enter a number."] }],
    ["invoice_date__from=2024-02-30", { invoice_date__from: ["Enter a valid date."] }],
    ["billing_period_to__to=2024-1-1", { billing_period_to__to: ["Enter a valid date."] }],
  ])("reports %s as a field error", (search, errors) => {
    expect(parse(search)).toEqual({ ok: false, errors });
  });
});

describe("pageLinks", () => {
  const url = new URL(
    "http://sandbox.test:8080/billing/org/v1/erp-invoices?ordering=-id&limit=10&offset=20&currency=USD",
  );
  it.each([
    [
      "a middle page",
      {
        given: { count: 95, limit: 10, offset: 20 },
        next: "http://sandbox.test:8080/billing/org/v1/erp-invoices?currency=USD&limit=10&offset=30&ordering=-id",
        previous:
          "http://sandbox.test:8080/billing/org/v1/erp-invoices?currency=USD&limit=10&offset=10&ordering=-id",
      },
    ],
    [
      "the second page, whose previous link drops offset",
      {
        given: { count: 95, limit: 10, offset: 10 },
        next: "http://sandbox.test:8080/billing/org/v1/erp-invoices?currency=USD&limit=10&offset=20&ordering=-id",
        previous:
          "http://sandbox.test:8080/billing/org/v1/erp-invoices?currency=USD&limit=10&ordering=-id",
      },
    ],
    [
      "the last page",
      {
        given: { count: 95, limit: 10, offset: 90 },
        next: null,
        previous:
          "http://sandbox.test:8080/billing/org/v1/erp-invoices?currency=USD&limit=10&offset=80&ordering=-id",
      },
    ],
    ["the only page", { given: { count: 5, limit: 10, offset: 0 }, next: null, previous: null }],
  ])("links %s", (_name, { given, next, previous }) => {
    expect(pageLinks(url, given.count, given.limit, given.offset)).toEqual({ next, previous });
  });
});
