/**
 * `money_exact`: amounts add up as decimals (big.js via src/runtime/money.ts, never floats):
 * Gcore's `amount_untaxed + amount_tax = amount_total` exactly, SoftwareOne's line amounts to
 * `price.totalSP` within 0.01. A record whose parts are absent (a `select` left them out) is skipped.
 */
import { type Money, parseMoney } from "../../runtime/money.js";
import type { MoneyRule } from "../semantics/define-semantics.js";
import { type Check, type CheckContext, failure, show } from "./check.js";
import { toDecimal } from "./compare-values.js";
import { reach } from "./field-paths.js";
import { semanticTarget, successfulRecords } from "./semantic-scope.js";

const NAME = "money_exact";

/** The failure message for one rule on one record, or undefined when it holds or cannot apply. */
function verdict(
  record: unknown,
  base: string,
  rule: MoneyRule,
): { pointer: string; message: string } | undefined {
  const total = reach(record, rule.total, base)?.[0];
  if (!total || total.value === null || total.value === undefined) return undefined;
  const totalValue = toDecimal(total.value);
  if (!totalValue)
    return {
      pointer: total.pointer,
      message: `${rule.name}: total ${show(total.value)} is not a decimal amount`,
    };
  let sum: Money = parseMoney("0");
  const shown: string[] = [];
  for (const part of rule.parts) {
    const reached = reach(record, part, base);
    if (reached === undefined) return undefined;
    for (const at of reached) {
      if (at.value === undefined || at.value === null) return undefined;
      const value = toDecimal(at.value);
      if (!value)
        return {
          pointer: at.pointer,
          message: `${rule.name}: part ${show(at.value)} is not a decimal amount`,
        };
      sum = sum.plus(value);
      shown.push(value.toFixed());
    }
  }
  const tolerance = parseMoney(rule.tolerance ?? "0");
  const difference = totalValue.minus(sum).abs();
  if (difference.cmp(tolerance) <= 0) return undefined;
  const within = rule.tolerance === undefined ? "exactly" : `within ${rule.tolerance}`;
  return {
    pointer: total.pointer,
    message: `${rule.name}: ${shown.join(" + ") || "0"} = ${sum.toFixed()}, but the total is ${totalValue.toFixed()} (off by ${difference.toFixed()}; must match ${within})`,
  };
}

function rules(ctx: CheckContext): readonly MoneyRule[] {
  return ctx.semantics?.money ?? [];
}

/** The check. */
export const moneyExact: Check = {
  name: NAME,
  description: "amounts add up exactly as decimals",
  semantic: true,
  appliesTo: (ctx) =>
    semanticTarget(ctx) && rules(ctx).length > 0 && successfulRecords(ctx).length > 0,
  run(ctx) {
    return successfulRecords(ctx).flatMap(({ index, records }) =>
      records.flatMap((record) =>
        rules(ctx).flatMap((rule) => {
          const found = verdict(record.value, record.pointer, rule);
          return found
            ? [failure(ctx, NAME, found.pointer, found.message, { exchange: index })]
            : [];
        }),
      ),
    );
  },
};
