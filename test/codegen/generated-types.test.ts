/**
 * Type-level pins on the committed generated code (checked by `tsc`, `npm run typecheck`): what the
 * vendored specs say must be what the generated types say.
 */
import { describe, expectTypeOf, it } from "vitest";
import type {
  components as gcore,
  operations as gcoreOperations,
} from "../../generated/gcore-billing/index.js";
import { createGcoreBillingClient } from "../../generated/gcore-billing/index.js";
import type { components as softwareone } from "../../generated/softwareone-marketplace/index.js";

type ErpInvoice = gcore["schemas"]["ErpInvoiceExternal"];
type ListQuery = NonNullable<gcoreOperations["v1_erp_invoices_list"]["parameters"]["query"]>;
type Ordering = NonNullable<ListQuery["ordering"]>;
type OrderingValue = Ordering[number];

/** A client that is never asked to send anything: only its types are under test here. */
const client = createGcoreBillingClient({ apiKey: "test-key", baseUrl: "http://127.0.0.1:9" });

describe("generated Gcore types", () => {
  it("payment_state is exactly the five-literal union", () => {
    expectTypeOf<ErpInvoice["payment_state"]>().toEqualTypeOf<
      "in_payment" | "not_paid" | "paid" | "partial" | "reversed"
    >();
    expectTypeOf<NonNullable<ListQuery["payment_state"]>>().toEqualTypeOf<
      ErpInvoice["payment_state"]
    >();
  });

  it("invoice_date is string | null", () => {
    expectTypeOf<ErpInvoice["invoice_date"]>().toEqualTypeOf<string | null>();
  });

  it("the list's ordering accepts only its ten values", () => {
    expectTypeOf<OrderingValue>().toEqualTypeOf<
      | "-amount_total"
      | "-created_at"
      | "-id"
      | "-invoice_date"
      | "-name"
      | "amount_total"
      | "created_at"
      | "id"
      | "invoice_date"
      | "name"
    >();
    expectTypeOf<["-invoice_date", "id"]>().toExtend<Ordering>();
    // @ts-expect-error "amount" is not one of the ten ordering values
    expectTypeOf<["amount"]>().toExtend<Ordering>();
  });

  it("a misspelt query parameter fails to compile", () => {
    const listPaid = () =>
      client.GET("/billing/org/v1/erp-invoices", {
        params: { query: { payment_state: "paid", ordering: ["-invoice_date", "id"] } },
      });
    const listMisspelt = () =>
      client.GET("/billing/org/v1/erp-invoices", {
        params: {
          query: {
            // @ts-expect-error `payment_stat` is not a query parameter of the list
            payment_stat: "paid",
          },
        },
      });
    expectTypeOf(listPaid).returns.resolves.toHaveProperty("data");
    expectTypeOf(listMisspelt).returns.resolves.toHaveProperty("data");
  });
});

describe("generated SoftwareOne types", () => {
  it("$meta is PlatformMetadata | null", () => {
    expectTypeOf<Required<softwareone["schemas"]["Invoice"]>["$meta"]>().toEqualTypeOf<
      softwareone["schemas"]["PlatformMetadata"] | null
    >();
  });
});
