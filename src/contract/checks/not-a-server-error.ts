/**
 * `not_a_server_error`: no generated request, valid or not, gets a 5xx. A server error is always a
 * failure: whatever the input, the API should answer it, not crash on it.
 */
import { isGeneratedCase } from "../generation/generated-case.js";
import { type Check, exchangesOf, failure } from "./check.js";

const NAME = "not_a_server_error";

/** The check. */
export const notAServerError: Check = {
  name: NAME,
  description: "no generated request gets a 5xx",
  semantic: false,
  appliesTo: (ctx) => isGeneratedCase(ctx.run.case) && ctx.run.exchanges.length > 0,
  run(ctx) {
    const contractCase = ctx.run.case;
    if (!isGeneratedCase(contractCase)) return [];
    return exchangesOf(ctx).flatMap(([exchange, i]) =>
      exchange.status >= 500
        ? [
            failure(
              ctx,
              NAME,
              "",
              `the server answered ${exchange.status} to a ${contractCase.generated.mode} request; seed ${contractCase.generated.seed}`,
              { exchange: i },
            ),
          ]
        : [],
    );
  },
};
