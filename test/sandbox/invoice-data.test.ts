import { describe, expect, it } from "vitest";
import { parseAmount } from "../../src/sandbox/decimal-amount.js";
import {
  GCORE_MOVE_TYPES,
  GCORE_PAYMENT_STATES,
  generateGcoreInvoices,
} from "../../src/sandbox/gcore-invoices.js";
import { generateSoftwareoneInvoices } from "../../src/sandbox/softwareone-invoices.js";
import { gcoreSchemaValidator, softwareoneSchemaValidator } from "./spec-schemas.js";

const gcore = generateGcoreInvoices(1, 137);
const softwareone = generateSoftwareoneInvoices(1, 40);

describe("generateGcoreInvoices", () => {
  it("is deterministic for a seed and changes with it", () => {
    expect(generateGcoreInvoices(1, 137)).toEqual(gcore);
    expect(generateGcoreInvoices(2, 137)).not.toEqual(gcore);
  });

  it("conforms to ErpInvoiceExternal in the vendored spec", () => {
    const validate = gcoreSchemaValidator("ErpInvoiceExternal");
    const invalid = gcore.filter((invoice) => !validate(invoice));
    expect(invalid, JSON.stringify(validate.errors)).toEqual([]);
  });

  it("has exact money: amount_untaxed + amount_tax = amount_total, all below 1000", () => {
    for (const invoice of gcore) {
      const total = parseAmount(invoice.amount_total);
      expect(parseAmount(invoice.amount_untaxed) + parseAmount(invoice.amount_tax)).toBe(total);
      expect(total < 1000n * 10n ** 12n).toBe(true);
    }
  });

  it("keeps billing_period_from ≤ billing_period_to and invoice_date ≤ invoice_date_due", () => {
    for (const invoice of gcore) {
      expect(invoice.billing_period_from <= invoice.billing_period_to).toBe(true);
      expect(invoice.invoice_date <= invoice.invoice_date_due).toBe(true);
      expect(invoice.created_at <= invoice.updated_at).toBe(true);
    }
  });

  it("has unique ids and names, in ascending id order", () => {
    const ids = gcore.map((invoice) => invoice.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(gcore.length);
    expect(new Set(gcore.map((invoice) => invoice.name)).size).toBe(gcore.length);
  });

  it.each([
    ["payment_state", { values: GCORE_PAYMENT_STATES }],
    ["move_type", { values: GCORE_MOVE_TYPES }],
  ] as const)(
    "uses every %s value, so each filter value selects something",
    (field, { values }) => {
      expect(new Set(gcore.map((invoice) => invoice[field]))).toEqual(new Set(values));
    },
  );

  it("uses several clients, payers and currencies", () => {
    expect(new Set(gcore.map((invoice) => invoice.client_id)).size).toBeGreaterThan(2);
    expect(new Set(gcore.map((invoice) => invoice.payer_id)).size).toBeGreaterThan(1);
    expect(new Set(gcore.map((invoice) => invoice.currency)).size).toBeGreaterThan(1);
  });
});

describe("generateSoftwareoneInvoices", () => {
  it("is deterministic for a seed and changes with it", () => {
    expect(generateSoftwareoneInvoices(1, 40)).toEqual(softwareone);
    expect(generateSoftwareoneInvoices(2, 40)).not.toEqual(softwareone);
  });

  it("conforms to Invoice (additionalProperties: false everywhere) in the vendored spec", () => {
    const validate = softwareoneSchemaValidator("Invoice");
    const invalid = softwareone.filter((invoice) => !validate(invoice));
    expect(invalid, JSON.stringify(validate.errors)).toEqual([]);
  });

  it("sums line amounts to price.totalSP and SP + ST to totalGT, within 0.01", () => {
    for (const invoice of softwareone) {
      const lines = invoice.lines.reduce((sum, line) => sum + Number(line.price.amount), 0);
      expect(Math.abs(lines - Number(invoice.price.totalSP))).toBeLessThanOrEqual(0.01);
      const gross = Number(invoice.price.totalSP) + Number(invoice.price.totalST);
      expect(Math.abs(gross - Number(invoice.price.totalGT))).toBeLessThanOrEqual(0.01);
    }
  });

  it("has unique ids and audit events consistent with the status", () => {
    expect(new Set(softwareone.map((invoice) => invoice.id)).size).toBe(softwareone.length);
    for (const invoice of softwareone) {
      expect(invoice.audit.paid !== undefined).toBe(invoice.status === "Paid");
      expect(invoice.audit.overdue !== undefined).toBe(invoice.status === "Overdue");
    }
  });
});
