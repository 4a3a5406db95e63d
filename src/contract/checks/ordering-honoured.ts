/**
 * `ordering_honoured`: a list ordered by one or more keys (`ordering=-invoice_date,id`) comes back
 * in that order: each record compared with the one before it, key by key, `-` descending.
 */
import { type Check, type CheckContext, failure, show } from "./check.js";
import { compareAs } from "./compare-values.js";
import { valueAt } from "./field-paths.js";
import { semanticTarget, successfulRecords } from "./semantic-scope.js";

const NAME = "ordering_honoured";

/** The ordering keys sent, as `{ key, descending }`. */
function sentKeys(ctx: CheckContext): { key: string; descending: boolean }[] {
  const binding = ctx.semantics?.ordering;
  const sent = binding ? ctx.run.params.query?.[binding.param] : undefined;
  if (sent === undefined) return [];
  const terms = Array.isArray(sent) ? sent.map(String) : String(sent).split(",");
  return terms
    .filter((term) => term !== "")
    .map((term) => ({ key: term.replace(/^-/, ""), descending: term.startsWith("-") }));
}

/** The check. */
export const orderingHonoured: Check = {
  name: NAME,
  description: "records come back in the order asked for (ascending, descending, multi-key)",
  semantic: true,
  appliesTo: (ctx) => semanticTarget(ctx) && sentKeys(ctx).length > 0,
  run(ctx) {
    const binding = ctx.semantics?.ordering;
    if (!binding) return [];
    const keys = sentKeys(ctx);
    const unknown = keys.find(({ key }) => !binding.keys[key]);
    if (unknown) {
      return [
        failure(
          ctx,
          NAME,
          "",
          `ordering key '${unknown.key}' has no field in the semantics declaration`,
        ),
      ];
    }
    return successfulRecords(ctx).flatMap(({ index, records }) => {
      for (let i = 1; i < records.length; i++) {
        const before = records[i - 1];
        const after = records[i];
        if (!before || !after) continue;
        for (const { key, descending } of keys) {
          const { field, compare } = binding.keys[key] as { field: string; compare: never };
          const a = valueAt(before.value, field);
          const b = valueAt(after.value, field);
          const order = compareAs(compare, a, b) * (descending ? -1 : 1);
          if (order < 0) break;
          if (order > 0) {
            const term = `${descending ? "-" : ""}${key}`;
            return [
              failure(
                ctx,
                NAME,
                `${after.pointer}${field}`,
                `ordering=${keys.map((k) => `${k.descending ? "-" : ""}${k.key}`).join(",")}: ${show(b)} comes after ${show(a)} (${before.pointer}${field}), against '${term}'`,
                { exchange: index },
              ),
            ];
          }
        }
      }
      return [];
    });
  },
};
