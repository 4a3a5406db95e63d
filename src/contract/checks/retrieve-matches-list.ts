/**
 * `retrieve_matches_list`: retrieving an item by the id the list gave returns the same item the
 * list showed; the first differing field is reported.
 */
import { type Check, failure, isSuccess, jsonBody, show } from "./check.js";
import { firstDifference, valueAt } from "./field-paths.js";
import { semanticTarget } from "./semantic-scope.js";

const NAME = "retrieve_matches_list";

/** The check. */
export const retrieveMatchesList: Check = {
  name: NAME,
  description: "retrieve-by-id returns the same record as the list",
  semantic: true,
  appliesTo: (ctx) => {
    const exchange = ctx.run.exchanges[0];
    return (
      semanticTarget(ctx) &&
      ctx.semantics?.retrieveMatchesList === true &&
      ctx.run.origin !== undefined &&
      exchange !== undefined &&
      isSuccess(exchange) &&
      exchange.body.kind === "json"
    );
  },
  run(ctx) {
    const exchange = ctx.run.exchanges[0];
    const origin = ctx.run.origin;
    if (!exchange || !origin || exchange.body.kind !== "json") return [];
    const body = jsonBody(exchange);
    const pointer = firstDifference(origin.item, body);
    if (pointer === undefined) return [];
    return [
      failure(
        ctx,
        NAME,
        pointer,
        `differs from ${origin.operation} item ${origin.pointer}: the list has ${show(valueAt(origin.item, pointer))}, retrieve has ${show(valueAt(body, pointer))}`,
      ),
    ];
  },
};
