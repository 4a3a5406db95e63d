/**
 * A deterministic Gcore ERP-invoice list page (`GET /billing/org/v1/erp-invoices`), valid against
 * the vendored spec: the benchmark workload and a fixture for the validation tests.
 */

const STATES = ["not_paid", "paid", "partial", "reversed", "in_payment"] as const;
const CURRENCIES = ["USD", "EUR", "GBP"] as const;

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** A 12-decimal amount string (money is never a float): `cents` hundredths of the currency unit. */
function amount(cents: number): string {
  return `${Math.floor(cents / 100)}.${pad(cents % 100, 2)}0000000000`;
}

/** Invoice number `i` (0-based) of the page. */
export function gcoreInvoice(i: number): Record<string, unknown> {
  const month = (i % 12) + 1;
  const year = 2024 + Math.floor(i / 12);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const untaxed = 1000 + ((i * 7919) % 79000);
  const tax = Math.floor(untaxed / 5);
  const total = untaxed + tax;
  return {
    id: 100000 + i,
    name: `INV/${year}/${pad(i + 1, 5)}`,
    move_type: i % 10 === 9 ? "out_refund" : "out_invoice",
    currency: CURRENCIES[i % CURRENCIES.length],
    invoice_date: `${year}-${pad(month, 2)}-${pad(lastDay, 2)}`,
    invoice_date_due:
      i % 7 === 3 ? null : `${year}-${pad(month, 2)}-${pad(Math.min(lastDay, 28), 2)}`,
    billing_period_from: `${year}-${pad(month, 2)}-01`,
    billing_period_to: `${year}-${pad(month, 2)}-${pad(lastDay, 2)}`,
    amount_untaxed: amount(untaxed),
    amount_tax: amount(tax),
    amount_total: amount(total),
    payment_state: STATES[i % STATES.length],
    client_id: 200000 + (i % 37),
    payer_id: 300000 + (i % 11),
    invoice_id: i % 5 === 4 ? null : 900000 + i,
    created_at: `${year}-${pad(month, 2)}-${pad(lastDay, 2)}T23:${pad(i % 60, 2)}:07.${pad((i * 4099) % 1000000, 6)}Z`,
    updated_at: `${year}-${pad(month, 2)}-${pad(lastDay, 2)}T23:59:${pad((i * 13) % 60, 2)}+00:00`,
  };
}

/** A list page of `count` invoices (default 100: about 47 KB of JSON). */
export function gcoreInvoicePage(count = 100): Record<string, unknown> {
  return {
    count: 4321,
    next: `https://api.gcore.com/billing/org/v1/erp-invoices?limit=${count}&offset=${count}`,
    previous: null,
    results: Array.from({ length: count }, (_, i) => gcoreInvoice(i)),
  };
}
