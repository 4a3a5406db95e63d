/**
 * `content_type_conformance`: a response with a body has a content type the spec documents for
 * its status, and a status that documents a body gets one. A body where the spec documents none
 * (Gcore's 401/404 say nothing about their `{"detail": ...}`) is a warning: OpenAPI leaves it
 * undescribed rather than forbidden.
 * @see https://spec.openapis.org/oas/v3.1.0#response-object
 */
import { findContent, findResponse } from "../../runtime/validate/match-response.js";
import { type Check, exchangesOf, failure } from "./check.js";
import { isPrismRejection } from "./prism-request-conformance.js";

const NAME = "content_type_conformance";

/** The check. */
export const contentTypeConformance: Check = {
  name: NAME,
  description: "the content type is documented for the status",
  semantic: false,
  appliesTo: (ctx) => ctx.run.exchanges.length > 0,
  run(ctx) {
    return exchangesOf(ctx).flatMap(([exchange, i]) => {
      if (ctx.prism && isPrismRejection(exchange)) return [];
      const response = findResponse(ctx.operation, exchange.status);
      if (!response) return [];
      const hasBody = exchange.body.kind !== "none";
      const types = response.content.map((c) => c.type).join(", ");
      if (response.content.length === 0) {
        if (!hasBody) return [];
        return [
          failure(
            ctx,
            NAME,
            "",
            `status ${response.status} documents no body, but the response has one (${exchange.contentType ?? "no content type"})`,
            { exchange: i, severity: "warning" },
          ),
        ];
      }
      if (!hasBody) {
        return [
          failure(
            ctx,
            NAME,
            "",
            `status ${response.status} documents a body (${types}), but the response has none`,
            {
              exchange: i,
            },
          ),
        ];
      }
      if (exchange.contentType === undefined || !findContent(response, exchange.contentType)) {
        return [
          failure(
            ctx,
            NAME,
            "",
            `content type '${exchange.contentType ?? "(none)"}' is not documented for status ${response.status} (documented: ${types})`,
            { exchange: i },
          ),
        ];
      }
      return [];
    });
  },
};
