/**
 * `status_code_conformance`: every status is documented for the operation (exactly, by a `2XX`
 * range, or by `default`), and a case that provokes an error gets that error.
 * @see https://spec.openapis.org/oas/v3.1.0#responses-object
 */
import { findResponse } from "../../runtime/validate/match-response.js";
import { type Check, exchangesOf, failure, isSuccess, jsonBody } from "./check.js";
import { isPrismOwnError, isPrismRejection } from "./prism-request-conformance.js";

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
    const documentsSuccess = Object.keys(ctx.operation.responses).some(
      (status) => /^2/.test(status) || status === "default",
    );
    return exchangesOf(ctx).flatMap(([exchange, i]) => {
      // Prism refusing our request is reported once, by case_generation.
      if (ctx.prism && isPrismRejection(exchange, ctx.run.case.credentials)) return [];
      if (ctx.prism && exchange.status >= 500 && isPrismOwnError(jsonBody(exchange))) {
        // Prism's own 500 (NO_RESPONSE_DEFINED: `responses` is empty): no vendor answered.
        return [
          failure(
            ctx,
            NAME,
            "",
            `Prism answered its own ${exchange.status} (${String((jsonBody(exchange) as { type?: unknown }).type).split("#")[1]}): the document defines no response Prism can serve for ${ctx.operation.key} (documented: ${documented})`,
            { exchange: i, severity: "warning" },
          ),
        ];
      }
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
      if (expected === undefined && !isSuccess(exchange) && !documentsSuccess) {
        // Nothing but errors documented (petstore's updatePet: 400, 404, 405): any of them is what
        // the document allows; that it promises no success is worth saying, not failing.
        return [
          failure(
            ctx,
            NAME,
            "",
            `${ctx.operation.key} documents no success response (documented: ${documented}); got ${exchange.status}`,
            { exchange: i, severity: "warning" },
          ),
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
