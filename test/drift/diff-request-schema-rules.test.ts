import { describe, expect, it } from "vitest";
import { diffDocuments } from "../../src/drift/diff-documents.js";
import {
  type DiffCase,
  documentsFor,
  draft,
  GCORE_LIST,
  idsAndLevels,
  type Json,
  locationResolves,
  MPT_GET,
  mptInvoice,
  param,
  target,
  withCreateOperation,
} from "./edit-specs.js";

const status = (d: Json): Json => target(d, mptInvoice(d).properties.status);

const cases: [string, DiffCase][] = [
  // Constraints on requests: looser → info, tighter → warning
  [
    "request parameter maximum set",
    {
      api: "gcore",
      edit: (d) => (param(d, GCORE_LIST, "limit").schema.maximum = 100),
      want: [["request-parameter-max-set", "breaking"]],
    },
  ],
  [
    "request parameter maxLength set",
    {
      api: "gcore",
      edit: (d) => (param(d, GCORE_LIST, "currency").schema.maxLength = 3),
      want: [["request-parameter-max-length-set", "breaking"]],
    },
  ],
  [
    "request parameter format removed",
    {
      api: "gcore",
      edit: (d) => delete param(d, GCORE_LIST, "invoice_date__from").schema.format,
      want: [["request-parameter-type-generalized", "info"]],
    },
  ],
  [
    "request parameter format changed",
    {
      api: "gcore",
      edit: (d) => (param(d, GCORE_LIST, "invoice_date__from").schema.format = "date-time"),
      want: [["request-parameter-type-changed", "breaking"]],
    },
  ],
  [
    "request parameter pattern added",
    {
      api: "mpt",
      edit: (d) => (param(d, MPT_GET, "id").schema.pattern = "^INV-\\d+$"),
      want: [["request-parameter-pattern-added", "breaking"]],
    },
  ],
  [
    "request property maxLength increased",
    {
      api: "mpt",
      prepare: withCreateOperation,
      edit: (d) => (draft(d).properties.documentNo.maxLength = 80),
      want: [["request-property-max-length-increased", "info"]],
    },
  ],
  [
    "request property maxLength decreased",
    {
      api: "mpt",
      prepare: withCreateOperation,
      edit: (d) => (draft(d).properties.documentNo.maxLength = 20),
      want: [["request-property-max-length-decreased", "breaking"]],
    },
  ],
  [
    "request property pattern removed",
    {
      api: "mpt",
      prepare: withCreateOperation,
      edit: (d) => delete draft(d).properties.countryCode.pattern,
      want: [["request-property-pattern-removed", "info"]],
    },
  ],
  [
    "request property minimum lowered",
    {
      api: "mpt",
      prepare: withCreateOperation,
      edit: (d) => (draft(d).properties.amount.minimum = -100),
      want: [["request-property-min-decreased", "info"]],
    },
  ],
  // Request properties
  [
    "required request property added",
    {
      api: "mpt",
      prepare: withCreateOperation,
      edit: (d) => {
        draft(d).properties.buyerId = { type: "string" };
        draft(d).required.push("buyerId");
      },
      want: [["new-required-request-property", "breaking"]],
    },
  ],
  [
    "optional request property added",
    {
      api: "mpt",
      prepare: withCreateOperation,
      edit: (d) => (draft(d).properties.memo = { type: "string" }),
      want: [["new-optional-request-property", "info"]],
    },
  ],
  [
    "request property removed",
    {
      api: "mpt",
      prepare: withCreateOperation,
      edit: (d) => delete draft(d).properties.amount,
      want: [["request-property-removed", "warning"]],
    },
  ],
  [
    "request property became required",
    {
      api: "mpt",
      prepare: withCreateOperation,
      edit: (d) => draft(d).required.push("amount"),
      want: [["request-property-became-required", "breaking"]],
    },
  ],
  [
    "request property enum value removed (shared enum: also a response change)",
    {
      api: "mpt",
      prepare: withCreateOperation,
      edit: (d) => (status(d).enum = ["Issued", "Paid"]),
      want: [
        ["request-property-enum-value-removed", "breaking"],
        ["response-property-enum-value-removed", "info"],
      ],
    },
  ],
  [
    "request property became nullable",
    {
      api: "mpt",
      prepare: withCreateOperation,
      edit: (d) => (draft(d).properties.amount.nullable = true),
      want: [["request-property-became-nullable", "info"]],
    },
  ],
  [
    "request body type changed",
    {
      api: "mpt",
      prepare: withCreateOperation,
      edit: (d) =>
        (d.components.schemas.InvoiceDraft = { type: "array", items: { type: "string" } }),
      want: [["request-body-type-changed", "breaking"]],
    },
  ],
];

describe("diffDocuments: request schema rules", () => {
  it.each(cases)("%s", (_name, given) => {
    const docs = documentsFor(given);
    const changes = diffDocuments(docs.old, docs.new);
    expect(idsAndLevels(changes)).toEqual(given.want.map(([id, level]) => `${id} ${level}`).sort());
    for (const change of changes)
      expect(locationResolves(change.location, docs.old, docs.new)).toBe(true);
  });

  it("asks nothing of a client for a readOnly request property; a writeOnly response property is info (oasdiff)", () => {
    const docs = documentsFor({
      api: "mpt",
      prepare: withCreateOperation,
      edit: (d) => {
        draft(d).properties.id = { type: "string", readOnly: true };
        draft(d).required.push("id");
        mptInvoice(d).properties.secret = { type: "string", writeOnly: true };
      },
      want: [],
    });
    expect(idsAndLevels(diffDocuments(docs.old, docs.new))).toEqual([
      "response-optional-write-only-property-added info",
    ]);
  });
});
