import { createSeededRandom, type SeededRandom } from "./seeded-random.js";

/** `status` values. @see softwareone-marketplace components.schemas.InvoiceStatus */
export const SOFTWAREONE_INVOICE_STATUSES = ["Issued", "Paid", "Overdue"] as const;

/** A reference to a platform object (buyer, seller, licensee…): the keys those `*Ref` schemas share. */
export interface SoftwareonePlatformRef {
  id: string;
  name: string;
  icon: string | null;
  revision: number;
  externalId?: string | null;
}

/** @see softwareone-marketplace components.schemas.AccountRef (requires name, status, type) */
export interface SoftwareoneAccountRef {
  id: string;
  name: string;
  icon: string | null;
  revision: number;
  type?: "Client" | "Vendor" | "Operations";
  status?: "Active" | "Enabled" | "Disabled";
}

/** @see softwareone-marketplace components.schemas.InvoiceLine */
export interface SoftwareoneInvoiceLine {
  id: string;
  description: string | null;
  description2: string | null;
  documentNo: string;
  erpData: Record<string, string | number | null | Record<string, string | null>>;
  itemNo: string | null;
  lineNo: number;
  period: { start: string | null; end: string | null };
  price: Record<string, number | string | null>;
}

/**
 * One Marketplace invoice with only documented keys (every object in the spec is
 * `additionalProperties: false`); the lines' `price.amount` sum to `price.totalSP` within 0.01.
 * Absent values are omitted rather than null where the spec puts `nullable` beside an `allOf` (which
 * OpenAPI 3.0.3's letter does not make nullable); null appears only beside a `type`.
 * @see softwareone-marketplace components.schemas.Invoice
 */
export interface SoftwareoneInvoice {
  audit: Partial<Record<"created" | "updated" | "issued" | "paid" | "overdue", SoftwareoneEvent>>;
  $meta?: { omitted: string[] };
  revision: number;
  id: string;
  countryCode: string;
  documentNo: string;
  externalIds: { statement: string | null; customer: string | null; agreement: string | null };
  buyer: SoftwareonePlatformRef;
  seller: SoftwareonePlatformRef;
  attributes: Record<string, string | null>;
  status: (typeof SOFTWAREONE_INVOICE_STATUSES)[number];
  statement: { revision: number; id: string };
  agreement: SoftwareonePlatformRef & { status: "Active" | "Terminated" };
  billingType: "Automated" | "Manual" | "Consolidated";
  client: SoftwareoneAccountRef;
  clientId: string | null;
  licensee: SoftwareonePlatformRef;
  product: SoftwareonePlatformRef & {
    externalIds: { operations: string | null; defaultErpItem: string | null };
    status: string;
  };
  vendor: SoftwareoneAccountRef;
  erpData: Record<string, unknown>;
  price: Record<string, string | number | null>;
  lines: SoftwareoneInvoiceLine[];
  analytics: { status: "Pending" | "Running" | "Ready" | "Failed" };
}

/** @see softwareone-marketplace components.schemas.PlatformObjectEvent */
export interface SoftwareoneEvent {
  at: string | null;
  by: SoftwareonePlatformRef;
}

const DIGITS = "0123456789";
const DAY_MS = 86_400_000;

function platformId(random: SeededRandom, prefix: string, groups: number): string {
  return [prefix, ...Array.from({ length: groups }, () => random.chars(DIGITS, 4))].join("-");
}

function ref(random: SeededRandom, prefix: string, name: string): SoftwareonePlatformRef {
  return { id: platformId(random, prefix, 3), name, icon: null, revision: random.int(1, 9) };
}

const COUNTRIES = [
  { countryCode: "DE", currency: "EUR", vatPercent: 19, city: "Berlin", postCode: "10115" },
  { countryCode: "NL", currency: "EUR", vatPercent: 21, city: "Amsterdam", postCode: "1011 AB" },
  { countryCode: "GB", currency: "GBP", vatPercent: 20, city: "London", postCode: "EC1A 1BB" },
  { countryCode: "US", currency: "USD", vatPercent: 0, city: "Austin", postCode: "73301" },
] as const;

const PRODUCTS = ["Microsoft 365 E3", "Adobe Acrobat Pro", "Azure Plan", "Google Workspace"];
const CLIENTS = ["Northwind Traders", "Contoso Ltd", "Fabrikam Inc", "Tailspin Toys"];

/** Cents as a JSON number with two decimals; sums stay exact because they are taken in cents. */
const money = (cents: number): number => cents / 100;

function makeLines(
  random: SeededRandom,
  documentNo: string,
  invoiceId: string,
  vatPercent: number,
  period: { start: string; end: string },
  product: string,
): { lines: SoftwareoneInvoiceLine[]; netCents: number; vatCents: number } {
  const lines: SoftwareoneInvoiceLine[] = [];
  let netCents = 0;
  let vatCents = 0;
  const count = random.int(1, 4);
  for (let lineNo = 1; lineNo <= count; lineNo++) {
    const quantity = random.int(1, 40);
    const unitCents = random.int(150, 4_500);
    const discountCents = random.pick([0, 0, Math.floor((quantity * unitCents) / 20)]);
    const lineCents = quantity * unitCents - discountCents;
    const lineVatCents = Math.round((lineCents * vatPercent) / 100);
    netCents += lineCents;
    vatCents += lineVatCents;
    lines.push({
      id: `${invoiceId.replace(/^INV/, "INL")}-${String(lineNo).padStart(4, "0")}`,
      description: `${product} — subscription`,
      description2: null,
      documentNo,
      erpData: {
        contractNo: null,
        countryOfUsage: null,
        dataOrigin: 1,
        externalPositionNo: String(lineNo * 10_000),
        parentItemNo: null,
        primary: { identifier: random.chars(DIGITS, 8), value: null, version: null },
        unitOfMeasure: "PCS",
        msrp: money(unitCents + random.int(0, 500)),
        timestamp: random.int(1_000_000, 9_999_999),
        yourReference: null,
      },
      itemNo: `ITM${random.chars(DIGITS, 6)}`,
      lineNo: lineNo * 10_000,
      period: { start: period.start, end: period.end },
      price: {
        amount: money(lineCents),
        amountIncludingVat: money(lineCents + lineVatCents),
        discountAmount: money(discountCents),
        lineAmount: money(lineCents),
        quantity,
        unitPrice: money(unitCents),
        vatBaseAmount: money(lineCents),
        vatPercent,
      },
    });
  }
  return { lines, netCents, vatCents };
}

/** The parts of one invoice that depend on its status: audit events and the balance still due. */
function statusParts(
  random: SeededRandom,
  issuedAt: number,
  dueAt: number,
  user: SoftwareonePlatformRef,
): { status: SoftwareoneInvoice["status"]; audit: SoftwareoneInvoice["audit"]; paid: boolean } {
  const status = random.weighted([
    ["Paid", 6],
    ["Issued", 3],
    ["Overdue", 1],
  ] as const);
  const event = (at: number): SoftwareoneEvent => ({ at: new Date(at).toISOString(), by: user });
  const paidAt = issuedAt + random.int(1, 20) * DAY_MS;
  return {
    status,
    paid: status === "Paid",
    audit: {
      created: event(issuedAt - 3_600_000),
      updated: event(status === "Paid" ? paidAt : issuedAt),
      issued: event(issuedAt),
      ...(status === "Paid" ? { paid: event(paidAt) } : {}),
      ...(status === "Overdue" ? { overdue: event(dueAt + DAY_MS) } : {}),
    },
  };
}

/**
 * `n` Marketplace invoices, deterministic for a seed, with only the keys the spec documents.
 * @see softwareone-marketplace GET /public/v1/billing/invoices/{id}
 */
export function generateSoftwareoneInvoices(seed: number, n: number): SoftwareoneInvoice[] {
  const random = createSeededRandom(seed, 2);
  const seller = { ...ref(random, "SEL", "SoftwareOne AG"), externalId: "SWO_CH" };
  const user = {
    id: platformId(random, "USR", 2),
    name: "Billing Service",
    icon: null,
    revision: 1,
  };
  return Array.from({ length: n }, (_, index): SoftwareoneInvoice => {
    const country = random.pick(COUNTRIES);
    const clientName = random.pick(CLIENTS);
    const productName = random.pick(PRODUCTS);
    const id = platformId(random, "INV", 3);
    const documentNo = `${country.countryCode}INV${String(100_000 + index * 7 + random.int(0, 6))}`;
    const periodStart = Date.UTC(2025, index % 12, 1);
    const periodEnd = Date.UTC(2025, (index % 12) + 1, 1) - 1_000;
    const issuedAt = periodEnd + random.int(1, 3) * DAY_MS;
    const dueAt = issuedAt + 30 * DAY_MS;
    const period = {
      start: new Date(periodStart).toISOString(),
      end: new Date(periodEnd).toISOString(),
    };
    const { lines, netCents, vatCents } = makeLines(
      random,
      documentNo,
      id,
      country.vatPercent,
      period,
      productName,
    );
    const { status, audit, paid } = statusParts(random, issuedAt, dueAt, user);
    const statementId = platformId(random, "SOM", 4);
    const agreement = {
      ...ref(random, "AGR", `${productName} for ${clientName}`),
      status: "Active" as const,
    };
    const customerNo = `C${random.chars(DIGITS, 7)}`;
    const orderNo = `SO${random.chars(DIGITS, 8)}`;
    const address = {
      name: clientName,
      name2: null,
      email: null,
      customerNo,
      addressLine1: `${random.int(1, 200)} Main Street`,
      addressLine2: null,
      addressLine3: null,
      city: country.city,
      postCode: country.postCode,
      county: null,
      country: country.countryCode,
      contactName: null,
      contactNo: null,
      contactEmail: null,
      contactPhone: null,
      code: null,
    };
    return {
      audit,
      revision: random.int(1, 5),
      id,
      countryCode: country.countryCode,
      documentNo,
      externalIds: { statement: statementId, customer: customerNo, agreement: agreement.id },
      buyer: ref(random, "BUY", clientName),
      seller,
      attributes: {
        postingDate: new Date(issuedAt).toISOString(),
        documentDate: new Date(issuedAt).toISOString(),
        externalDocumentNo: null,
        externalDocumentNo2: null,
        yourReference: statementId,
        dueDate: new Date(dueAt).toISOString(),
        orderNo,
        quoteNo: null,
      },
      status,
      statement: { revision: 1, id: statementId },
      agreement,
      billingType: random.pick(["Automated", "Manual", "Consolidated"] as const),
      client: { ...ref(random, "ACC", clientName), type: "Client", status: "Active" },
      clientId: null,
      licensee: { ...ref(random, "LCE", clientName), externalId: null },
      product: {
        ...ref(random, "PRD", productName),
        externalIds: { operations: null, defaultErpItem: null },
        status: "Published",
      },
      vendor: {
        ...ref(random, "ACC", productName.split(" ")[0] ?? "Vendor"),
        type: "Vendor",
        status: "Active",
      },
      erpData: {
        erpId: null,
        documentNo,
        countryCode: country.countryCode,
        documentDate: new Date(issuedAt).toISOString(),
        dueDate: new Date(dueAt).toISOString(),
        externalDocumentNo: null,
        externalDocumentNo2: null,
        balanceDue: paid ? 0 : money(netCents + vatCents),
        invoiceTotal: money(netCents + vatCents),
        postingDate: new Date(issuedAt).toISOString(),
        revision: 1,
        rowVersion: random.int(10_000, 99_999),
        yourReference: statementId,
        addresses: { billTo: address, sellTo: address },
        referenceNumber: { eInvoiceNo: null, orderNo, ppqNo: null, quoteNo: null },
        payment: { methodCode: "BANK", termsCode: "30D" },
      },
      price: {
        currency: country.currency,
        currencyFactor: 1,
        totalSP: money(netCents),
        totalST: money(vatCents),
        totalGT: money(netCents + vatCents),
      },
      lines,
      analytics: { status: "Ready" },
    };
  });
}
