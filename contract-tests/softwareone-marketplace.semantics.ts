/**
 * Semantic checks of SoftwareOne Marketplace invoices. The vendored spec has only get-by-id, so
 * there are no filters, ordering or pages to check; the amounts and dates of each invoice are.
 * Amounts are JSON numbers (`format: double`); they are compared as decimals, within a cent.
 * @see specs/softwareone-marketplace/openapi.json (Invoice, InvoicePrice, InvoiceLinePrice)
 */
import { defineSemantics } from "../src/contract/semantics/define-semantics.js";

export default defineSemantics({
  api: "softwareone-marketplace",
  money: [
    {
      name: "sum of lines[].price.amount = price.totalSP",
      parts: ["/lines/*/price/amount"],
      total: "/price/totalSP",
      tolerance: "0.01",
    },
    {
      name: "price.totalSP + price.totalST = price.totalGT",
      parts: ["/price/totalSP", "/price/totalST"],
      total: "/price/totalGT",
      tolerance: "0.01",
    },
  ],
  dates: [
    { from: "/lines/*/period/start", to: "/lines/*/period/end" },
    { from: "/attributes/documentDate", to: "/attributes/dueDate" },
    { from: "/audit/created/at", to: "/audit/updated/at" },
  ],
});
