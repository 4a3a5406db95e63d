/**
 * When a semantic check may speak: on live targets only (Prism's data is random), for a successful
 * JSON response, with the API's records (list items, or the single item) at hand.
 */
import type { Exchange } from "../types.js";
import { type CheckContext, exchangesOf, isSuccess, jsonBody } from "./check.js";
import { type BodyRecord, bodyRecords } from "./field-paths.js";

/** The default key of a list page's items when the semantics declare no pagination. */
const DEFAULT_RESULTS_KEY = "results";

/** True when semantic checks run for this context at all. */
export function semanticTarget(ctx: CheckContext): boolean {
  return ctx.target === "live" && ctx.semantics !== undefined;
}

/** Each successful JSON exchange of the run, with its records and its index. */
export function successfulRecords(
  ctx: CheckContext,
): { readonly exchange: Exchange; readonly index: number; readonly records: BodyRecord[] }[] {
  const resultsKey = ctx.semantics?.pagination?.results ?? DEFAULT_RESULTS_KEY;
  return exchangesOf(ctx)
    .filter(([exchange]) => isSuccess(exchange) && exchange.body.kind === "json")
    .map(([exchange, index]) => ({
      exchange,
      index,
      records: bodyRecords(jsonBody(exchange), resultsKey),
    }));
}

/** The query parameters of an exchange's URL (what was actually sent). */
export function sentQuery(exchange: Exchange): URLSearchParams {
  try {
    return new URL(exchange.url).searchParams;
  } catch {
    return new URLSearchParams();
  }
}
