/**
 * `dates_in_order`: date pairs that must not cross (`billing_period_from ≤ billing_period_to`,
 * `invoice_date ≤ invoice_date_due`); a null on either side is not compared.
 */
import { type Check, failure, show } from "./check.js";
import { compareDates } from "./compare-values.js";
import { bindIndices, reach, valueAt } from "./field-paths.js";
import { semanticTarget, successfulRecords } from "./semantic-scope.js";

const NAME = "dates_in_order";

/** The check. */
export const datesInOrder: Check = {
  name: NAME,
  description: "dates that bound a period are in order",
  semantic: true,
  appliesTo: (ctx) =>
    semanticTarget(ctx) &&
    (ctx.semantics?.dates?.length ?? 0) > 0 &&
    successfulRecords(ctx).length > 0,
  run(ctx) {
    const rules = ctx.semantics?.dates ?? [];
    return successfulRecords(ctx).flatMap(({ index, records }) =>
      records.flatMap((record) =>
        rules.flatMap((rule) =>
          (reach(record.value, rule.from, record.pointer) ?? []).flatMap((from) => {
            const toPath = bindIndices(rule.to, from.indices);
            const to = valueAt(record.value, toPath);
            if (compareDates(from.value, to) !== 1) return [];
            return [
              failure(
                ctx,
                NAME,
                `${record.pointer}${toPath}`,
                `${rule.to} ${show(to)} is before ${rule.from} ${show(from.value)}`,
                { exchange: index },
              ),
            ];
          }),
        ),
      ),
    );
  },
};
