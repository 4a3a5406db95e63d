import { describe, expect, it } from "vitest";
import { diffDocuments } from "../../src/drift/diff-documents.js";
import {
  type DiffCase,
  documentsFor,
  GCORE_GET,
  GCORE_LIST,
  gcoreInvoice,
  idsAndLevels,
  type Json,
  locationResolves,
  mptInvoice,
  target,
} from "./edit-specs.js";

const invoiceProperty = (d: Json, name: string): Json => gcoreInvoice(d).properties[name];
const status = (d: Json): Json => target(d, mptInvoice(d).properties.status);
const accountName = (d: Json): Json => target(d, mptInvoice(d).properties.client).properties.name;

const cases: [string, DiffCase][] = [
  // Response properties
  [
    "required response property removed",
    {
      api: "gcore",
      edit: (d) => {
        delete gcoreInvoice(d).properties.currency;
        gcoreInvoice(d).required = gcoreInvoice(d).required.filter((n: string) => n !== "currency");
      },
      want: [["response-required-property-removed", "breaking"]],
    },
  ],
  [
    "optional response property removed",
    {
      api: "mpt",
      edit: (d) => delete mptInvoice(d).properties.documentNo,
      want: [["response-optional-property-removed", "info"]],
    },
  ],
  [
    "response property no longer required",
    {
      api: "gcore",
      edit: (d) =>
        (gcoreInvoice(d).required = gcoreInvoice(d).required.filter(
          (n: string) => n !== "payer_id",
        )),
      want: [["response-property-became-optional", "breaking"]],
    },
  ],
  [
    "response property became nullable (nullable: true)",
    {
      api: "gcore",
      edit: (d) => (invoiceProperty(d, "amount_total").nullable = true),
      want: [["response-property-became-nullable", "breaking"]],
    },
  ],
  [
    "response property became nullable (type array)",
    {
      api: "gcore",
      edit: (d) => (invoiceProperty(d, "currency").type = ["string", "null"]),
      want: [["response-property-became-nullable", "breaking"]],
    },
  ],
  [
    "response property became nullable (oneOf null branch)",
    {
      api: "mpt",
      edit: (d) => {
        const { description } = mptInvoice(d).properties.countryCode;
        mptInvoice(d).properties.countryCode = {
          description,
          oneOf: [{ type: "string" }, { type: "null" }],
        };
      },
      want: [["response-property-became-nullable", "breaking"]],
    },
  ],
  [
    "nested response property became nullable through allOf and $ref",
    {
      api: "mpt",
      edit: (d) => (target(d, mptInvoice(d).properties.price).properties.currency.nullable = true),
      want: [["response-property-became-nullable", "breaking"]],
    },
  ],
  [
    "response body became nullable",
    {
      api: "mpt",
      edit: (d) =>
        (d.paths["/public/v1/billing/invoices/{id}"].get.responses["200"].content[
          "application/json"
        ].schema = {
          oneOf: [{ $ref: "#/components/schemas/Invoice" }, { type: "null" }],
        }),
      want: [["response-body-became-nullable", "breaking"]],
    },
  ],
  [
    "response property type changed",
    {
      api: "gcore",
      edit: (d) => (invoiceProperty(d, "client_id").type = "string"),
      want: [["response-property-type-changed", "breaking"]],
    },
  ],
  [
    "response property type narrowed (number → integer)",
    {
      api: "mpt",
      edit: (d) => (target(d, mptInvoice(d).properties.price).properties.totalSP.type = "integer"),
      want: [["response-property-type-specialized", "info"]],
    },
  ],
  [
    "response enum value added",
    {
      api: "gcore",
      edit: (d) => invoiceProperty(d, "payment_state").enum.push("refunded"),
      want: [["response-property-enum-value-added", "warning"]],
    },
  ],
  [
    "response enum value added in a referenced enum component",
    {
      api: "mpt",
      edit: (d) => status(d).enum.push("Cancelled"),
      want: [["response-property-enum-value-added", "warning"]],
    },
  ],
  [
    "response enum dropped",
    {
      api: "gcore",
      edit: (d) => delete invoiceProperty(d, "move_type").enum,
      want: [["response-property-enum-removed", "warning"]],
    },
  ],
  [
    "response enum value removed",
    {
      api: "gcore",
      edit: (d) =>
        (invoiceProperty(d, "payment_state").enum = invoiceProperty(d, "payment_state").enum.filter(
          (v: string) => v !== "reversed",
        )),
      want: [["response-property-enum-value-removed", "info"]],
    },
  ],
  [
    "response property added",
    {
      api: "mpt",
      edit: (d) => (mptInvoice(d).properties.notes = { type: "string" }),
      want: [["response-optional-property-added", "info"]],
    },
  ],
  [
    "required response property added",
    {
      api: "gcore",
      edit: (d) => {
        gcoreInvoice(d).properties.notes = { type: "string" };
        gcoreInvoice(d).required.push("notes");
      },
      want: [["response-required-property-added", "info"]],
    },
  ],
  // Constraints on responses: tighter → info, looser → warning
  [
    "response pattern changed",
    {
      api: "gcore",
      edit: (d) => (invoiceProperty(d, "amount_total").pattern = "^\\d{1,3}\\.\\d{2}$"),
      want: [["response-property-pattern-changed", "warning"]],
    },
  ],
  [
    "response pattern removed",
    {
      api: "gcore",
      edit: (d) => delete invoiceProperty(d, "amount_tax").pattern,
      want: [["response-property-pattern-removed", "breaking"]],
    },
  ],
  [
    "response pattern added",
    {
      api: "gcore",
      edit: (d) => (invoiceProperty(d, "currency").pattern = "^[A-Z]{3}$"),
      want: [["response-property-pattern-added", "info"]],
    },
  ],
  [
    "response format added",
    {
      api: "mpt",
      edit: (d) => (mptInvoice(d).properties.id.format = "uuid"),
      want: [["response-property-type-specialized", "info"]],
    },
  ],
  [
    "response format changed",
    {
      api: "gcore",
      edit: (d) => (invoiceProperty(d, "created_at").format = "date"),
      want: [["response-property-type-changed", "breaking"]],
    },
  ],
  [
    "response maxLength decreased",
    {
      api: "mpt",
      edit: (d) => (accountName(d).maxLength = 100),
      want: [["response-property-max-length-decreased", "info"]],
    },
  ],
  [
    "response maxLength increased",
    {
      api: "mpt",
      edit: (d) => (accountName(d).maxLength = 1000),
      want: [["response-property-max-length-increased", "breaking"]],
    },
  ],
  [
    "response maxLength removed",
    {
      api: "mpt",
      edit: (d) => delete accountName(d).maxLength,
      want: [["response-property-max-length-unset", "breaking"]],
    },
  ],
  [
    "response minLength increased",
    {
      api: "mpt",
      edit: (d) => (accountName(d).minLength = 3),
      want: [["response-property-min-length-increased", "info"]],
    },
  ],
  [
    "response maximum increased",
    {
      api: "gcore",
      edit: (d) => (invoiceProperty(d, "client_id").maximum = 9007199254740991),
      want: [["response-property-max-increased", "breaking"]],
    },
  ],
  [
    "response minimum raised",
    {
      api: "gcore",
      edit: (d) => (invoiceProperty(d, "client_id").minimum = 0),
      want: [["response-property-min-increased", "info"]],
    },
  ],
  [
    "response exclusive minimum (3.1 form) at the same value",
    {
      api: "gcore",
      edit: (d) => (invoiceProperty(d, "client_id").exclusiveMinimum = -2147483648),
      want: [["response-property-min-increased", "info"]],
    },
  ],
];

describe("diffDocuments: response schema rules", () => {
  it.each(cases)("%s", (_name, given) => {
    const docs = documentsFor(given);
    const changes = diffDocuments(docs.old, docs.new);
    expect(idsAndLevels(changes)).toEqual(given.want.map(([id, level]) => `${id} ${level}`).sort());
    for (const change of changes)
      expect(locationResolves(change.location, docs.old, docs.new)).toBe(true);
  });

  it("reports a change to a shared component under every operation that returns it", () => {
    const docs = documentsFor({
      api: "gcore",
      edit: (d) => (invoiceProperty(d, "amount_total").nullable = true),
      want: [],
    });
    const changes = diffDocuments(docs.old, docs.new);
    expect(changes.map((c) => [c.operation, c.message])).toEqual([
      [
        GCORE_LIST,
        "response property 'results/items/amount_total' (200 application/json) became nullable",
      ],
      [GCORE_GET, "response property 'amount_total' (200 application/json) became nullable"],
    ]);
    expect(new Set(changes.map((c) => c.location))).toEqual(
      new Set(["/components/schemas/ErpInvoiceExternal/properties/amount_total/nullable"]),
    );
  });

  it("points an enum value added into NEW and a removed property into OLD", () => {
    const added = documentsFor({
      api: "mpt",
      edit: (d) => status(d).enum.push("Cancelled"),
      want: [],
    });
    expect(diffDocuments(added.old, added.new)[0]?.location).toBe(
      "/components/schemas/InvoiceStatus/enum",
    );
    const removed = documentsFor({
      api: "mpt",
      edit: (d) => delete mptInvoice(d).properties.documentNo,
      want: [],
    });
    const [change] = diffDocuments(removed.old, removed.new);
    expect(change?.location).toBe("/components/schemas/Invoice/properties/documentNo");
    expect(mptInvoice(removed.new).properties.documentNo).toBeUndefined();
  });
});
