import { formatAmount, parseAmount, wholeAmount } from "./decimal-amount.js";
import type { GcoreErpInvoice } from "./gcore-invoices.js";
import type { SoftwareoneInvoice } from "./softwareone-invoices.js";

/**
 * Drift scenarios: each makes the sandbox break the vendored spec in one documented way, so that the
 * contract suite can prove it catches that kind of drift. Without a scenario the sandbox is faithful.
 */
export const SANDBOX_SCENARIOS = {
  "amount-overflow": "some Gcore amounts are 1000 or more, breaking ^\\d{1,3}\\.\\d{12}$",
  "undocumented-enum":
    "some Gcore payment_state / SoftwareOne status values are outside their enum",
  "dropped-required-field":
    "some Gcore invoices lack payer_id; some SoftwareOne client refs lack status",
  "ignored-filter": "the Gcore list silently ignores the payment_state filter",
  "repeated-item": "every Gcore page after the first repeats the previous page's last item",
  "undocumented-500": "retrieve-by-id answers an undocumented 500 on both APIs",
} as const;

/** The name of a drift scenario. */
export type SandboxScenario = keyof typeof SANDBOX_SCENARIOS;

/** Type guard for scenario names taken from a CLI flag or an environment variable. */
export function isSandboxScenario(name: string): name is SandboxScenario {
  return Object.hasOwn(SANDBOX_SCENARIOS, name);
}

/** Every 10th record (index 0, 10, 20…) drifts, so the first page of any default listing shows it. */
const drifts = (index: number): boolean => index % 10 === 0;

/** Amount that pushes an invoice to at least 1000 while keeping untaxed + tax = total. */
const OVERFLOW = wholeAmount(1000);

/** The Gcore invoices as a scenario serves them: a modified copy, the input is never mutated. */
export function applyGcoreScenario(
  invoices: readonly GcoreErpInvoice[],
  scenario: SandboxScenario | undefined,
): GcoreErpInvoice[] {
  return invoices.map((invoice, index) => {
    if (!drifts(index)) return { ...invoice };
    switch (scenario) {
      case "amount-overflow": {
        const untaxed = parseAmount(invoice.amount_untaxed) + OVERFLOW;
        const tax = parseAmount(invoice.amount_tax);
        return {
          ...invoice,
          amount_untaxed: formatAmount(untaxed),
          amount_total: formatAmount(untaxed + tax),
        };
      }
      case "undocumented-enum":
        // A plausible value the ERP could add: Odoo has an "invoicing_legacy" payment state.
        return {
          ...invoice,
          payment_state: "invoicing_legacy" as GcoreErpInvoice["payment_state"],
        };
      case "dropped-required-field": {
        const { payer_id: _dropped, ...rest } = invoice;
        return rest as GcoreErpInvoice;
      }
      default:
        return { ...invoice };
    }
  });
}

/** The SoftwareOne invoices as a scenario serves them: a modified deep copy. */
export function applySoftwareoneScenario(
  invoices: readonly SoftwareoneInvoice[],
  scenario: SandboxScenario | undefined,
): SoftwareoneInvoice[] {
  return invoices.map((original, index) => {
    const invoice = structuredClone(original);
    if (!drifts(index)) return invoice;
    if (scenario === "undocumented-enum") {
      invoice.status = "Cancelled" as SoftwareoneInvoice["status"];
    } else if (scenario === "dropped-required-field") {
      // AccountRef requires name, status and type.
      delete invoice.client.status;
    }
    return invoice;
  });
}
