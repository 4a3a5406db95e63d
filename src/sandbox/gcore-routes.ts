import type { ServerResponse } from "node:http";
import type { GcoreErpInvoice } from "./gcore-invoices.js";
import {
  filterGcoreInvoices,
  orderGcoreInvoices,
  pageLinks,
  parseGcoreListQuery,
} from "./gcore-list-query.js";
import { replyBytes, replyJson, type SandboxRequest } from "./http-reply.js";
import { renderInvoicePdf } from "./invoice-pdf.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { SandboxScenario } from "./sandbox-scenarios.js";

/** Where the Gcore ERP invoice operations live. @see gcore-billing paths */
export const GCORE_INVOICES_PATH = "/billing/org/v1/erp-invoices";

const ROUTE = /^\/billing\/org\/v1\/erp-invoices(?:\/([^/]+)(\/download)?)?$/;

/** What the Gcore routes serve and how. */
export interface GcoreRouteOptions {
  invoices: readonly GcoreErpInvoice[];
  apiKey: string;
  scenario: SandboxScenario | undefined;
  rateLimiter: RateLimiter;
}

/** Django REST framework's error body: `{"detail": "..."}`. */
const detail = (response: ServerResponse, status: number, message: string, headers = {}): void =>
  replyJson(response, status, { detail: message }, headers);

/**
 * Handles a request if its path is one of Gcore's ERP invoice operations and returns true; otherwise
 * returns false. Order of checks follows DRF: method, authentication, throttling, then the view.
 * @see gcore-billing v1_erp_invoices_list, v1_erp_invoices_retrieve, v1_erp_invoices_download_retrieve
 */
export function createGcoreRoutes(options: GcoreRouteOptions): (call: SandboxRequest) => boolean {
  const byId = new Map(options.invoices.map((invoice) => [String(invoice.id), invoice]));
  return ({ request, response, url }) => {
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    if (request.method !== "GET" && request.method !== "HEAD") {
      detail(response, 405, `Method "${request.method}" not allowed.`, { Allow: "GET, HEAD" });
      return true;
    }
    const authorization = request.headers.authorization;
    if (authorization === undefined) {
      detail(response, 401, "Authentication credentials were not provided.", {
        "WWW-Authenticate": "apikey",
      });
      return true;
    }
    const key = /^apikey (.+)$/i.exec(authorization)?.[1];
    if (key !== options.apiKey) {
      detail(response, 401, "Invalid API key.", { "WWW-Authenticate": "apikey" });
      return true;
    }
    const retryAfter = options.rateLimiter.check(Date.now());
    if (retryAfter !== undefined) {
      detail(response, 429, `Request was throttled. Expected available in ${retryAfter} seconds.`, {
        "Retry-After": String(retryAfter),
      });
      return true;
    }
    const [, id, download] = match;
    if (id === undefined) {
      list(options, url, response);
      return true;
    }
    const invoice = byId.get(id);
    if (options.scenario === "undocumented-500" && download === undefined) {
      // Django's production 500 page: HTML, undocumented in the spec.
      replyBytes(
        response,
        500,
        Buffer.from("<h1>Server Error (500)</h1>"),
        "text/html; charset=utf-8",
      );
    } else if (invoice === undefined) {
      detail(response, 404, "No ErpInvoice matches the given query.");
    } else if (download === undefined) {
      replyJson(response, 200, invoice);
    } else {
      replyBytes(response, 200, invoicePdf(invoice), "application/pdf", {
        "Content-Disposition": `attachment; filename="${invoice.name.replaceAll("/", "_")}.pdf"`,
      });
    }
    return true;
  };
}

function list(options: GcoreRouteOptions, url: URL, response: ServerResponse): void {
  const parsed = parseGcoreListQuery(url.searchParams);
  if (!parsed.ok) {
    replyJson(response, 400, parsed.errors);
    return;
  }
  const query = { ...parsed.query };
  if (options.scenario === "ignored-filter") query.paymentState = undefined;
  const matching = orderGcoreInvoices(filterGcoreInvoices(options.invoices, query), query.ordering);
  const { limit, offset } = query;
  // repeated-item: each later page starts one item early, so it repeats the previous page's last item.
  const start = options.scenario === "repeated-item" && offset > 0 ? offset - 1 : offset;
  replyJson(response, 200, {
    count: matching.length,
    ...pageLinks(url, matching.length, limit, offset),
    results: matching.slice(start, start + limit),
  });
}

function invoicePdf(invoice: GcoreErpInvoice): Buffer {
  return renderInvoicePdf([
    `Invoice ${invoice.name}`,
    `Invoice date: ${invoice.invoice_date}   Due: ${invoice.invoice_date_due}`,
    `Billing period: ${invoice.billing_period_from} - ${invoice.billing_period_to}`,
    `Client ${invoice.client_id}, payer ${invoice.payer_id}`,
    `Untaxed: ${invoice.amount_untaxed} ${invoice.currency}`,
    `Tax: ${invoice.amount_tax} ${invoice.currency}`,
    `Total: ${invoice.amount_total} ${invoice.currency}`,
  ]);
}
