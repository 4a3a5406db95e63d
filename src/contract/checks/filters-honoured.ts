/**
 * `filters_honoured`: every record of a filtered list matches the filter: equal to it
 * (`payment_state`, `currency`, `client_id`, ...) or within a date bound (`invoice_date__from`).
 */
import type { FilterBinding } from "../semantics/define-semantics.js";
import { type Check, type CheckContext, failure, show } from "./check.js";
import { compareDates } from "./compare-values.js";
import { reach } from "./field-paths.js";
import { semanticTarget, successfulRecords } from "./semantic-scope.js";

const NAME = "filters_honoured";

function activeFilters(ctx: CheckContext): [FilterBinding, unknown][] {
  const query = ctx.run.params.query ?? {};
  return (ctx.semantics?.filters ?? [])
    .filter((binding) => query[binding.param] !== undefined)
    .map((binding) => [binding, query[binding.param]]);
}

function matches(binding: FilterBinding, actual: unknown, wanted: unknown): boolean {
  if (binding.match === "equal") {
    return typeof actual === "number"
      ? actual === Number(wanted)
      : String(actual) === String(wanted);
  }
  const order = compareDates(actual, wanted);
  if (order === undefined) return false;
  return binding.match === "at-least" ? order >= 0 : order <= 0;
}

/** The check. */
export const filtersHonoured: Check = {
  name: NAME,
  description: "every listed record matches the filters sent",
  semantic: true,
  appliesTo: (ctx) => semanticTarget(ctx) && activeFilters(ctx).length > 0,
  run(ctx) {
    const filters = activeFilters(ctx);
    return successfulRecords(ctx).flatMap(({ index, records }) =>
      records.flatMap((record) =>
        filters.flatMap(([binding, wanted]) =>
          (reach(record.value, binding.field, record.pointer) ?? [])
            .filter((at) => !matches(binding, at.value, wanted))
            .map((at) =>
              failure(
                ctx,
                NAME,
                at.pointer,
                `${binding.param}=${show(wanted)} sent, but this record has ${show(at.value)}`,
                { exchange: index },
              ),
            ),
        ),
      ),
    );
  },
};
