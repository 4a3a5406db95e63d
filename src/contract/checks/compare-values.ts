/**
 * Comparisons the semantic checks share: decimals exactly (big.js through src/runtime/money.ts,
 * never floats), dates as calendar strings, date-times as instants, null after everything (as
 * PostgreSQL orders NULLs last ascending).
 */
import { type Money, parseMoney } from "../../runtime/money.js";
import type { OrderKind } from "../semantics/define-semantics.js";

const plainDecimal = new Intl.NumberFormat("en-US", {
  useGrouping: false,
  maximumFractionDigits: 20,
});

/**
 * A JSON amount (decimal string, or number as the JSON text wrote it) as an exact decimal;
 * undefined when it is neither. A number's shortest round-trip form is the literal the JSON had.
 */
export function toDecimal(value: unknown): Money | undefined {
  try {
    if (typeof value === "string") return parseMoney(value);
    if (typeof value === "number" && Number.isFinite(value)) {
      const text = String(value);
      return parseMoney(/e/i.test(text) ? plainDecimal.format(value) : text);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** -1, 0, 1 comparing two values of an ordering key; null and undefined sort last. */
export function compareAs(kind: OrderKind, a: unknown, b: unknown): -1 | 0 | 1 {
  const aMissing = a === null || a === undefined;
  const bMissing = b === null || b === undefined;
  if (aMissing || bMissing) return aMissing && bMissing ? 0 : aMissing ? 1 : -1;
  switch (kind) {
    case "number":
      return sign(Number(a) - Number(b));
    case "decimal": {
      const x = toDecimal(a);
      const y = toDecimal(b);
      if (x && y) return x.cmp(y);
      break;
    }
    case "date-time": {
      const x = Date.parse(String(a));
      const y = Date.parse(String(b));
      if (!Number.isNaN(x) && !Number.isNaN(y)) return sign(x - y);
      break;
    }
    default:
      break;
  }
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * -1, 0, 1 comparing two dates or date-times; when one is a date and the other a date-time, only
 * the date part counts. Undefined when either is not a string.
 */
export function compareDates(a: unknown, b: unknown): -1 | 0 | 1 | undefined {
  if (typeof a !== "string" || typeof b !== "string") return undefined;
  if (a.length > 10 && b.length > 10) return compareAs("date-time", a, b);
  const x = a.slice(0, 10);
  const y = b.slice(0, 10);
  return x < y ? -1 : x > y ? 1 : 0;
}
