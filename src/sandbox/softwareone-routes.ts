import type { ServerResponse } from "node:http";
import { replyJson, type SandboxRequest } from "./http-reply.js";
import type { RateLimiter } from "./rate-limiter.js";
import { applyRqlSelect, parseRqlSelect } from "./rql-select.js";
import type { SandboxScenario } from "./sandbox-scenarios.js";
import type { SoftwareoneInvoice } from "./softwareone-invoices.js";

const ROUTE = /^\/public\/v1\/billing\/invoices\/([^/]+)$/;

/** What the SoftwareOne routes serve and how. */
export interface SoftwareoneRouteOptions {
  invoices: readonly SoftwareoneInvoice[];
  token: string;
  scenario: SandboxScenario | undefined;
  rateLimiter: RateLimiter;
}

const TITLES: Record<number, [string, string]> = {
  400: ["Bad Request", "https://tools.ietf.org/html/rfc9110#section-15.5.1"],
  401: ["Unauthorized", "https://tools.ietf.org/html/rfc9110#section-15.5.2"],
  404: ["Not Found", "https://tools.ietf.org/html/rfc9110#section-15.5.5"],
  405: ["Method Not Allowed", "https://tools.ietf.org/html/rfc9110#section-15.5.6"],
  429: ["Too Many Requests", "https://tools.ietf.org/html/rfc6585#section-4"],
  500: ["Internal Server Error", "https://tools.ietf.org/html/rfc9110#section-15.6.1"],
};

/**
 * An RFC 9457 problem. The spec documents its 404 as `application/json` (not `application/problem+json`),
 * so every problem the sandbox sends uses that type. `traceId` is an extension member, which
 * ProblemDetails allows (`additionalProperties: {}`).
 * @see softwareone-marketplace components.schemas.ProblemDetails
 */
function problem(
  response: ServerResponse,
  status: number,
  detail: string,
  instance: string,
  headers: Record<string, string> = {},
): void {
  const [title, type] = TITLES[status] ?? ["Error", "about:blank"];
  const traceId = `00-${Buffer.from(instance).toString("hex").padEnd(32, "0").slice(0, 32)}-${status
    .toString(16)
    .padStart(16, "0")}-00`;
  replyJson(response, status, { type, title, status, detail, instance, traceId }, headers);
}

/** A path segment, percent-decoded; a malformed escape stays as given (and then matches no invoice). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Handles `GET /public/v1/billing/invoices/{id}` (with an optional RQL `select`) and returns true;
 * returns false for any other path.
 * @see softwareone-marketplace GET /public/v1/billing/invoices/{id}
 */
export function createSoftwareoneRoutes(
  options: SoftwareoneRouteOptions,
): (call: SandboxRequest) => boolean {
  const byId = new Map(options.invoices.map((invoice) => [invoice.id, invoice]));
  return ({ request, response, url }) => {
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    const instance = url.pathname;
    if (request.method !== "GET" && request.method !== "HEAD") {
      problem(response, 405, `Method ${request.method} is not allowed here.`, instance, {
        Allow: "GET, HEAD",
      });
      return true;
    }
    const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? "")?.[1];
    if (token !== options.token) {
      problem(response, 401, "A valid bearer token is required.", instance, {
        "WWW-Authenticate": "Bearer",
      });
      return true;
    }
    const retryAfter = options.rateLimiter.check(Date.now());
    if (retryAfter !== undefined) {
      problem(response, 429, "Rate limit exceeded; retry later.", instance, {
        "Retry-After": String(retryAfter),
      });
      return true;
    }
    if (options.scenario === "undocumented-500") {
      problem(response, 500, "An unexpected error occurred.", instance);
      return true;
    }
    const id = safeDecode(match[1] ?? "");
    const invoice = byId.get(id);
    if (invoice === undefined) {
      problem(response, 404, `Invoice '${id}' was not found.`, instance);
      return true;
    }
    const select = parseRqlSelect(url.searchParams.get("select") ?? "");
    if ("error" in select) {
      problem(response, 400, select.error, instance);
      return true;
    }
    replyJson(response, 200, applyRqlSelect(invoice, select));
    return true;
  };
}
