import { describe, expect, it } from "vitest";
import { checkSelection } from "../../src/document/check-selection.js";
import { UsageError } from "../../src/errors.js";

const document = {
  paths: {
    "/invoices": {
      get: { operationId: "listInvoices", tags: ["erp-invoices"] },
      post: { operationId: "createInvoice", tags: ["erp-invoices"] },
    },
    "/clients": { get: { operationId: "listClients", tags: ["clients"] } },
  },
};

describe("checkSelection", () => {
  it.each([
    ["a known tag", { tags: ["clients"] }],
    ["known operationIds", { operationIds: ["listInvoices", "createInvoice"] }],
    ["both", { tags: ["erp-invoices"], operationIds: ["listClients"] }],
  ])("accepts %s", (_, selection) => {
    expect(() => checkSelection(document, selection, "doc.yaml")).not.toThrow();
  });

  it.each([
    [
      "a misspelt tag",
      {
        given: { tags: ["erp-invoice"] },
        want: "doc.yaml has no --tag 'erp-invoice' (did you mean erp-invoices?)",
      },
    ],
    [
      "a misspelt operationId",
      {
        given: { operationIds: ["listInvoice"] },
        want: "no --operation 'listInvoice' (did you mean listInvoices?)",
      },
    ],
    [
      "a tag with nothing close",
      { given: { tags: ["zzz"] }, want: "no --tag 'zzz'; its tags: clients, erp-invoices" },
    ],
    [
      "two unknown names at once",
      {
        given: { tags: ["client"], operationIds: ["nope"] },
        want: "no --tag 'client' (did you mean clients?); no --operation 'nope'",
      },
    ],
  ])("refuses %s, naming it and the close matches", (_, { given, want }) => {
    let error: unknown;
    try {
      checkSelection(document, given, "doc.yaml");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as Error).message).toContain(want);
  });
});
