import { formatAmount } from "./decimal-amount.js";
import { createSeededRandom, type SeededRandom } from "./seeded-random.js";

/** `move_type` values. @see gcore-billing ErpInvoiceExternal.move_type */
export const GCORE_MOVE_TYPES = ["out_invoice", "out_refund"] as const;

/** `payment_state` values. @see gcore-billing ErpInvoiceExternal.payment_state */
export const GCORE_PAYMENT_STATES = [
  "not_paid",
  "paid",
  "partial",
  "reversed",
  "in_payment",
] as const;

/**
 * One ERP invoice as the sandbox serves it, keys in the schema's order. Nullable fields are never null
 * here: JSON Schema 2020-12 ignores the spec's `nullable: true`, so a null would not be valid data.
 * @see gcore-billing components.schemas.ErpInvoiceExternal
 */
export interface GcoreErpInvoice {
  id: number;
  name: string;
  move_type: (typeof GCORE_MOVE_TYPES)[number];
  currency: string;
  invoice_date: string;
  invoice_date_due: string;
  billing_period_from: string;
  billing_period_to: string;
  amount_untaxed: string;
  amount_tax: string;
  amount_total: string;
  payment_state: (typeof GCORE_PAYMENT_STATES)[number];
  client_id: number;
  payer_id: number;
  invoice_id: number;
  created_at: string;
  updated_at: string;
}

const DAY_MS = 86_400_000;
/** The first billing month (UTC); invoices run monthly from here, so data never depends on "today". */
const FIRST_PERIOD = Date.UTC(2024, 0, 1);
const MONTHS = 28;

/** `YYYY-MM-DD` of a UTC timestamp. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `YYYY-MM-DDTHH:MM:SSZ` of a UTC timestamp, the form Django REST framework renders. */
export function isoDateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

interface GcoreClient {
  clientId: number;
  payerId: number;
  currency: string;
  /** Tax rate in basis points (2000 = 20 %). */
  taxBasisPoints: bigint;
}

function makeClients(random: SeededRandom): GcoreClient[] {
  const payers = [
    random.int(200_000, 299_999),
    random.int(300_000, 399_999),
    random.int(400_000, 499_999),
  ];
  return Array.from({ length: 6 }, (_, index) => ({
    clientId: 500_000 + index * 1_000 + random.int(1, 999),
    payerId: random.pick(payers),
    currency: random.weighted([
      ["USD", 5],
      ["EUR", 4],
      ["GBP", 1],
    ]),
    taxBasisPoints: random.pick([0n, 2000n, 2100n]),
  }));
}

/** An untaxed amount in units of 10⁻¹², below 800 so that total = untaxed + 25 % tax stays below 1000. */
function untaxedUnits(random: SeededRandom): bigint {
  const whole = BigInt(random.int(1, 799));
  const fraction = BigInt(random.int(0, 999_999)) * 1_000_000n + BigInt(random.int(0, 999_999));
  return whole * 10n ** 12n + fraction;
}

function paymentState(
  random: SeededRandom,
  moveType: GcoreErpInvoice["move_type"],
): GcoreErpInvoice["payment_state"] {
  if (moveType === "out_refund")
    return random.weighted([
      ["reversed", 3],
      ["paid", 1],
    ] as const);
  return random.weighted([
    ["paid", 10],
    ["not_paid", 4],
    ["partial", 2],
    ["in_payment", 2],
    ["reversed", 1],
  ] as const);
}

/**
 * `n` ERP invoices in id order, deterministic for a seed and valid against ErpInvoiceExternal:
 * amounts match the pattern and `amount_untaxed + amount_tax = amount_total` exactly,
 * `billing_period_from ≤ billing_period_to` and `invoice_date ≤ invoice_date_due`.
 * @see gcore-billing components.schemas.ErpInvoiceExternal
 */
export function generateGcoreInvoices(seed: number, n: number): GcoreErpInvoice[] {
  const random = createSeededRandom(seed, 1);
  const clients = makeClients(random);
  const sequence = new Map<string, number>();
  const invoices: GcoreErpInvoice[] = [];
  let id = 1_000 + random.int(0, 500);
  for (let index = 0; index < n; index++) {
    const client = random.pick(clients);
    // Spread invoices evenly over the months so that ids grow with invoice dates, as in a real ledger.
    const month = Math.floor((index * MONTHS) / Math.max(n, 1));
    const periodStart = new Date(FIRST_PERIOD);
    periodStart.setUTCMonth(periodStart.getUTCMonth() + month);
    const periodEnd = new Date(periodStart);
    periodEnd.setUTCMonth(periodEnd.getUTCMonth() + 1);
    const invoiceDay = periodEnd.getTime() + random.int(0, 4) * DAY_MS;
    const createdAt = invoiceDay + random.int(6 * 3600, 20 * 3600) * 1000;
    const moveType = random.weighted([
      ["out_invoice", 6],
      ["out_refund", 1],
    ] as const);
    const year = new Date(invoiceDay).getUTCFullYear();
    const prefix = moveType === "out_invoice" ? "INV" : "RINV";
    const number = (sequence.get(`${prefix}/${year}`) ?? 0) + 1;
    sequence.set(`${prefix}/${year}`, number);
    const untaxed = untaxedUnits(random);
    const tax = (untaxed * client.taxBasisPoints) / 10_000n;
    id += random.int(1, 9);
    invoices.push({
      id,
      name: `${prefix}/${year}/${String(number).padStart(5, "0")}`,
      move_type: moveType,
      currency: client.currency,
      invoice_date: isoDate(invoiceDay),
      invoice_date_due: isoDate(invoiceDay + random.pick([14, 30]) * DAY_MS),
      billing_period_from: isoDate(periodStart.getTime()),
      billing_period_to: isoDate(periodEnd.getTime() - DAY_MS),
      amount_untaxed: formatAmount(untaxed),
      amount_tax: formatAmount(tax),
      amount_total: formatAmount(untaxed + tax),
      payment_state: paymentState(random, moveType),
      client_id: client.clientId,
      payer_id: client.payerId,
      invoice_id: 700_000 + index * 3 + random.int(0, 2),
      created_at: isoDateTime(createdAt),
      updated_at: isoDateTime(createdAt + random.int(0, 20 * 86_400) * 1000),
    });
  }
  return invoices;
}
