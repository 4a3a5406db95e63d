/**
 * `response_schema_conformance`: the body matches its documented schema, through the validation
 * engine (precompiled validators); every violation is one failure at its JSON Pointer.
 */
import { findContent, findResponse } from "../../runtime/validate/match-response.js";
import { validateResponseWith } from "../../runtime/validate/validate-with-module.js";
import { type Check, exchangesOf, failure, show } from "./check.js";

const NAME = "response_schema_conformance";

/** The check. */
export const responseSchemaConformance: Check = {
  name: NAME,
  description: "the body is valid against the documented schema",
  semantic: false,
  appliesTo: (ctx) =>
    ctx.run.exchanges.some((exchange) => {
      const response = findResponse(ctx.operation, exchange.status);
      return response !== undefined && response.content.length > 0 && exchange.body.kind !== "none";
    }),
  run(ctx) {
    return exchangesOf(ctx).flatMap(([exchange, i]) => {
      const response = findResponse(ctx.operation, exchange.status);
      if (!response || response.content.length === 0 || exchange.body.kind === "none") return [];
      const content = findContent(response, exchange.contentType);
      // Undocumented content types are content_type_conformance's to report; binaries have no schema.
      if (!content || content.validator === null) return [];
      if (exchange.body.kind !== "json") {
        const why =
          exchange.body.kind === "text" ? (exchange.body.parseError ?? "not JSON") : "binary";
        return [
          failure(ctx, NAME, "", `the body of a ${content.type} response is not JSON: ${why}`, {
            exchange: i,
          }),
        ];
      }
      const result = validateResponseWith(ctx.index, ctx.validators, {
        operation: ctx.operation.key,
        status: exchange.status,
        contentType: exchange.contentType,
        body: exchange.body.value,
      });
      const failures = result.errors.map((violation) =>
        failure(
          ctx,
          NAME,
          violation.pointer,
          `${violation.keyword}: ${violation.message}${"value" in violation ? ` (got ${show(violation.value)})` : ""}`,
          { exchange: i },
        ),
      );
      if (result.omitted > 0) {
        failures.push(
          failure(ctx, NAME, "", `${result.omitted} more violations not listed`, { exchange: i }),
        );
      }
      return failures;
    });
  },
};
