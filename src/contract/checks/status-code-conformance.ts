/**
 * `status_code_conformance`: every status is documented for the operation (exactly, by a `2XX`
 * range, or by `default`), and a case that provokes an error gets that error.
 * @see https://spec.openapis.org/oas/v3.1.0#responses-object
 */
import { findResponse } from "../../runtime/validate/match-response.js";
import { type Check, exchangesOf, failure, isSuccess } from "./check.js";
import { isPrismRejection } from "./prism-request-conformance.js";

const NAME = "status_code_conformance";

/** The check. */
export const statusCodeConformance: Check = {
  name: NAME,
  description: "the status is documented, and an error case gets the status it provokes",
  semantic: false,
  appliesTo: (ctx) => ctx.run.exchanges.length > 0,
  run(ctx) {
    const documented = Object.keys(ctx.operation.responses).join(", ") || "none";
    const expected = ctx.run.case.expectStatus;
    return exchangesOf(ctx).flatMap(([exchange, i]) => {
      // Prism's own 422 is reported once, by prism_request_conformance.
      if (ctx.prism && isPrismRejection(exchange)) return [];
      if (!findResponse(ctx.operation, exchange.status)) {
        return [
          failure(
            ctx,
            NAME,
            "",
            `status ${exchange.status} is not documented for ${ctx.operation.key} (documented: ${documented})`,
            { exchange: i },
          ),
        ];
      }
      if (expected !== undefined && exchange.status !== expected) {
        return [
          failure(ctx, NAME, "", `expected ${expected}, got ${exchange.status}`, { exchange: i }),
        ];
      }
      if (expected === undefined && !isSuccess(exchange)) {
        return [
          failure(
            ctx,
            NAME,
            "",
            `expected a 2xx answer to a valid request, got ${exchange.status} (documented, but the case could not be checked)`,
            { exchange: i },
          ),
        ];
      }
      return [];
    });
  },
};
