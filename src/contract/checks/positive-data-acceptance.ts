/**
 * `positive_data_acceptance`: a generated schema-valid request is not refused with a 4xx other
 * than those expected for the API (by default 401, 403, 429, and 404 when a path parameter names
 * a resource; see generated-case.ts).
 */
import { isGeneratedCase } from "../generation/generated-case.js";
import { type Check, exchangesOf, failure } from "./check.js";

const NAME = "positive_data_acceptance";

/** The check. */
export const positiveDataAcceptance: Check = {
  name: NAME,
  description: "a schema-valid request is not refused with an unexpected 4xx",
  semantic: false,
  appliesTo: (ctx) =>
    isGeneratedCase(ctx.run.case) &&
    ctx.run.case.generated.mode === "positive" &&
    ctx.run.exchanges.length > 0,
  run(ctx) {
    const contractCase = ctx.run.case;
    if (!isGeneratedCase(contractCase)) return [];
    const expected = contractCase.generated.expectedStatuses;
    return exchangesOf(ctx).flatMap(([exchange, i]) =>
      exchange.status >= 400 && exchange.status < 500 && !expected.includes(exchange.status)
        ? [
            failure(
              ctx,
              NAME,
              "",
              `a schema-valid request was refused with ${exchange.status} (expected 2xx, or one of ${expected.join(", ")}); seed ${contractCase.generated.seed}`,
              { exchange: i },
            ),
          ]
        : [],
    );
  },
};
