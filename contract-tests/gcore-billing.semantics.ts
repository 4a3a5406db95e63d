/**
 * Semantic checks of Gcore's ERP invoices, bound to the spec's parameters and fields: what each
 * filter means, how ordering keys compare, the DRF limit/offset page, the amounts that must add up
 * and the dates that must be in order.
 * @see specs/gcore-billing/openapi.yaml (v1_erp_invoices_list, ErpInvoiceExternal)
 */
import { defineSemantics } from "../src/contract/semantics/define-semantics.js";

export default defineSemantics({
  api: "gcore-billing",
  filters: [
    { param: "payment_state", field: "/payment_state", match: "equal" },
    { param: "move_type", field: "/move_type", match: "equal" },
    { param: "currency", field: "/currency", match: "equal" },
    { param: "client_id", field: "/client_id", match: "equal" },
    { param: "payer_id", field: "/payer_id", match: "equal" },
    // "Invoice date from (inclusive)" / "to (inclusive)".
    { param: "invoice_date__from", field: "/invoice_date", match: "at-least" },
    { param: "invoice_date__to", field: "/invoice_date", match: "at-most" },
    { param: "billing_period_from__from", field: "/billing_period_from", match: "at-least" },
    { param: "billing_period_to__to", field: "/billing_period_to", match: "at-most" },
  ],
  ordering: {
    param: "ordering",
    keys: {
      id: { field: "/id", compare: "number" },
      invoice_date: { field: "/invoice_date", compare: "date" },
      // Amounts are decimal strings: "99.…" sorts before "100.…" only as numbers.
      amount_total: { field: "/amount_total", compare: "decimal" },
      created_at: { field: "/created_at", compare: "date-time" },
      name: { field: "/name", compare: "string" },
    },
  },
  pagination: {
    limit: "limit",
    offset: "offset",
    results: "results",
    count: "count",
    next: "next",
    previous: "previous",
    itemKey: "/id",
  },
  money: [
    {
      name: "amount_untaxed + amount_tax = amount_total",
      parts: ["/amount_untaxed", "/amount_tax"],
      total: "/amount_total",
    },
  ],
  dates: [
    { from: "/billing_period_from", to: "/billing_period_to" },
    { from: "/invoice_date", to: "/invoice_date_due" },
  ],
  retrieveMatchesList: true,
});
