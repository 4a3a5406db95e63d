/**
 * `negative_data_rejection`: a generated request that breaks its schema (one keyword, confirmed
 * invalid by our validator) is refused with a 4xx. A 5xx is not_a_server_error's to report.
 */
import { isGeneratedCase } from "../generation/generated-case.js";
import { type Check, exchangesOf, failure } from "./check.js";

const NAME = "negative_data_rejection";

/** The check. */
export const negativeDataRejection: Check = {
  name: NAME,
  description: "a request that breaks its schema gets a 4xx",
  semantic: false,
  appliesTo: (ctx) =>
    isGeneratedCase(ctx.run.case) &&
    ctx.run.case.generated.mode === "negative" &&
    ctx.run.exchanges.length > 0,
  run(ctx) {
    const contractCase = ctx.run.case;
    if (!isGeneratedCase(contractCase)) return [];
    const { breaks, seed } = contractCase.generated;
    const what = breaks ? `${breaks.keyword} at ${breaks.pointer || "/"}` : "its schema";
    return exchangesOf(ctx).flatMap(([exchange, i]) =>
      exchange.status < 400
        ? [
            failure(
              ctx,
              NAME,
              breaks?.pointer ?? "",
              `a request breaking ${what} was accepted with ${exchange.status} (expected a 4xx); seed ${seed}`,
              { exchange: i },
            ),
          ]
        : [],
    );
  },
};
