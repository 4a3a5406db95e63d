import { parseAmount } from "./decimal-amount.js";
import { GCORE_MOVE_TYPES, GCORE_PAYMENT_STATES, type GcoreErpInvoice } from "./gcore-invoices.js";

/** Fields the list can be ordered by; `-field` orders descending. @see gcore-billing v1_erp_invoices_list `ordering` */
export const GCORE_ORDERING_FIELDS = [
  "id",
  "invoice_date",
  "amount_total",
  "created_at",
  "name",
] as const;

/** Page size when `limit` is absent or invalid, and the largest `limit` honoured. */
export const GCORE_DEFAULT_LIMIT = 10;
/** @see gcore-billing v1_erp_invoices_list `limit`: "Maximum is `100`." */
export const GCORE_MAX_LIMIT = 100;

type OrderingField = (typeof GCORE_ORDERING_FIELDS)[number];

/** One ordering key: a field and a direction. */
export interface OrderingKey {
  field: OrderingField;
  descending: boolean;
}

/** A parsed, valid list query. Absent filters are undefined. */
export interface GcoreListQuery {
  paymentState?: string;
  moveType?: string;
  currency?: string;
  clientId?: number;
  payerId?: number;
  invoiceDateFrom?: string;
  invoiceDateTo?: string;
  billingPeriodFromFrom?: string;
  billingPeriodToTo?: string;
  ordering: OrderingKey[];
  limit: number;
  offset: number;
}

/** Field errors the way Django REST framework reports them: `{ "param": ["message"] }`, answered with 400. */
export type FieldErrors = Record<string, string[]>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isValidDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(ms).toISOString().slice(0, 10) === text;
}

/** DRF's `_positive_int`: a non-negative integer (strictly positive for `limit`), else the fallback. */
function positiveInt(
  text: string | null,
  strict: boolean,
  fallback: number,
  cutoff?: number,
): number {
  if (text === null || !/^\s*\d+\s*$/.test(text)) return fallback;
  const value = Number.parseInt(text, 10);
  if (strict && value === 0) return fallback;
  return cutoff === undefined ? value : Math.min(value, cutoff);
}

/**
 * Parses the list's query string as django-filter and DRF's LimitOffsetPagination do: empty values are
 * ignored, invalid filter values are field errors, an invalid `limit`/`offset` falls back to the default.
 * @see gcore-billing GET /billing/org/v1/erp-invoices
 */
export function parseGcoreListQuery(
  params: URLSearchParams,
): { ok: true; query: GcoreListQuery } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  // Django's QueryDict returns the last value of a repeated parameter.
  const value = (name: string): string | undefined => {
    const all = params.getAll(name);
    const last = all[all.length - 1];
    return last === undefined || last === "" ? undefined : last;
  };
  const choice = (name: string, allowed: readonly string[]): string | undefined => {
    const given = value(name);
    if (given !== undefined && !allowed.includes(given)) {
      errors[name] = [`Select a valid choice. ${given} is not one of the available choices.`];
    }
    return given;
  };
  const number = (name: string): number | undefined => {
    const given = value(name);
    if (given === undefined) return undefined;
    const parsed = Number(given);
    if (!/^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/.test(given) || !Number.isFinite(parsed)) {
      errors[name] = ["Enter a number."];
    }
    return parsed;
  };
  const date = (name: string): string | undefined => {
    const given = value(name);
    if (given !== undefined && !isValidDate(given)) errors[name] = ["Enter a valid date."];
    return given;
  };
  const ordering: OrderingKey[] = [];
  for (const term of (value("ordering") ?? "").split(",").filter((t) => t !== "")) {
    const field = term.replace(/^-/, "");
    if (!(GCORE_ORDERING_FIELDS as readonly string[]).includes(field)) {
      errors.ordering = [`Select a valid choice. ${term} is not one of the available choices.`];
      continue;
    }
    ordering.push({ field: field as OrderingField, descending: term.startsWith("-") });
  }
  const query: GcoreListQuery = {
    paymentState: choice("payment_state", GCORE_PAYMENT_STATES),
    moveType: choice("move_type", GCORE_MOVE_TYPES),
    currency: value("currency"),
    clientId: number("client_id"),
    payerId: number("payer_id"),
    invoiceDateFrom: date("invoice_date__from"),
    invoiceDateTo: date("invoice_date__to"),
    billingPeriodFromFrom: date("billing_period_from__from"),
    billingPeriodToTo: date("billing_period_to__to"),
    ordering,
    limit: positiveInt(params.get("limit"), true, GCORE_DEFAULT_LIMIT, GCORE_MAX_LIMIT),
    offset: positiveInt(params.get("offset"), false, 0),
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, query };
}

/** Invoices matching every given filter (dates compare as `YYYY-MM-DD` strings, bounds inclusive). */
export function filterGcoreInvoices(
  invoices: readonly GcoreErpInvoice[],
  query: GcoreListQuery,
): GcoreErpInvoice[] {
  return invoices.filter(
    (invoice) =>
      (query.paymentState === undefined || invoice.payment_state === query.paymentState) &&
      (query.moveType === undefined || invoice.move_type === query.moveType) &&
      (query.currency === undefined || invoice.currency === query.currency) &&
      (query.clientId === undefined || invoice.client_id === query.clientId) &&
      (query.payerId === undefined || invoice.payer_id === query.payerId) &&
      (query.invoiceDateFrom === undefined || invoice.invoice_date >= query.invoiceDateFrom) &&
      (query.invoiceDateTo === undefined || invoice.invoice_date <= query.invoiceDateTo) &&
      (query.billingPeriodFromFrom === undefined ||
        invoice.billing_period_from >= query.billingPeriodFromFrom) &&
      (query.billingPeriodToTo === undefined ||
        invoice.billing_period_to <= query.billingPeriodToTo),
  );
}

function compareField(a: GcoreErpInvoice, b: GcoreErpInvoice, field: OrderingField): number {
  switch (field) {
    case "id":
      return a.id - b.id;
    case "amount_total": {
      // Compare as exact decimals: string order would put "99.…" after "100.…".
      const diff = parseAmount(a.amount_total) - parseAmount(b.amount_total);
      return diff === 0n ? 0 : diff < 0n ? -1 : 1;
    }
    default:
      return a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : 0;
  }
}

/** Invoices sorted by the ordering keys, ties broken by ascending id so pages are stable. */
export function orderGcoreInvoices(
  invoices: readonly GcoreErpInvoice[],
  ordering: readonly OrderingKey[],
): GcoreErpInvoice[] {
  return [...invoices].sort((a, b) => {
    for (const key of ordering) {
      const result = compareField(a, b, key.field);
      if (result !== 0) return key.descending ? -result : result;
    }
    return a.id - b.id;
  });
}

/**
 * DRF LimitOffsetPagination's `next`/`previous` links: the request URL with `limit`/`offset` replaced
 * and the query sorted by name, as Django's `replace_query_param` does; null past either end.
 */
export function pageLinks(
  requestUrl: URL,
  count: number,
  limit: number,
  offset: number,
): { next: string | null; previous: string | null } {
  const withParams = (changes: Record<string, string | null>): string => {
    const params = new URLSearchParams(requestUrl.search);
    for (const [name, change] of Object.entries(changes)) {
      if (change === null) params.delete(name);
      else params.set(name, change);
    }
    params.sort();
    const url = new URL(requestUrl.href);
    url.search = params.toString();
    return url.href;
  };
  const next =
    offset + limit >= count
      ? null
      : withParams({ limit: String(limit), offset: String(offset + limit) });
  const previous =
    offset <= 0
      ? null
      : offset - limit <= 0
        ? withParams({ limit: String(limit), offset: null })
        : withParams({ limit: String(limit), offset: String(offset - limit) });
  return { next, previous };
}
