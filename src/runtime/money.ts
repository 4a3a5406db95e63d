/**
 * Exact helpers for money amounts, which the APIs send as decimal strings (Gcore:
 * `"123.450000000000"`, `format: decimal`, `pattern: ^\d{1,3}\.\d{12}$`). Amounts stay strings in
 * the generated types; never turn them into a JavaScript number (`parseFloat`, `Number`, `+x`):
 * `0.1 + 0.2` is `0.30000000000000004` in binary floating point.
 *
 * Built on big.js because it is small (about 6 kB, no dependencies), does exact decimal
 * arithmetic on decimal strings (no binary floating point anywhere), and its strict mode rejects
 * JavaScript numbers as input, so a float cannot sneak in. Addition, subtraction and comparison
 * are exact in big.js; nothing here divides, so no rounding ever happens.
 */
import Big from "big.js";
import { ApiContractsError } from "../errors.js";

/** Decimal places of the canonical money form (Gcore's `\d{12}`). */
export const MONEY_SCALE = 12;

/** Gcore's amount pattern, as the spec writes it. @see specs/gcore-billing (ErpInvoiceExternal.amount_total) */
export const GCORE_AMOUNT_PATTERN = /^\d{1,3}\.\d{12}$/;

/** A decimal string such as `12`, `-0.5`, `999.999999999999`: no exponent, no `+`, no spaces. */
const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** A private big.js constructor, so nobody's global Big settings change our results. */
const Decimal = Big();
// Strict: `new Decimal(0.1)` throws, so only strings (never floats) become amounts.
Decimal.strict = true;

/** An exact decimal value (a big.js instance from `parseMoney`). */
export type Money = Big;

/** Anything the helpers accept: a decimal string or a value from `parseMoney`. */
export type MoneyInput = string | Money;

/**
 * A string is not a decimal amount, or a value does not fit the 12-decimal form. Exit 1: in a run
 * the string is the vendor's, so a malformed amount is a contract violation.
 */
export class MoneyFormatError extends ApiContractsError {
  readonly exitCode = 1 as const;
  override readonly name = "MoneyFormatError";
  constructor(
    message: string,
    readonly value: string,
  ) {
    super(message);
  }
}

/**
 * Parse a decimal string exactly. Accepts the 12-decimal form and any plain decimal
 * (`-?\d+(\.\d+)?`); rejects exponents, `NaN`, empty and padded strings with MoneyFormatError.
 */
export function parseMoney(text: string): Money {
  if (typeof text !== "string" || !DECIMAL_PATTERN.test(text)) {
    const shown = typeof text === "string" ? JSON.stringify(text) : typeof text;
    throw new MoneyFormatError(
      `${shown} is not a decimal amount; expected digits with an optional '-' and '.', e.g. "123.450000000000"`,
      String(text),
    );
  }
  return new Decimal(text);
}

/** True when `text` is exactly in Gcore's amount form `^\d{1,3}\.\d{12}$`. */
export function isGcoreAmount(text: string): boolean {
  return typeof text === "string" && GCORE_AMOUNT_PATTERN.test(text);
}

/** `a + b`, exact, in the 12-decimal form (the integer part grows as needed). */
export function addMoney(a: MoneyInput, b: MoneyInput): string {
  return formatMoney(toMoney(a).plus(toMoney(b)));
}

/** `a - b`, exact, in the 12-decimal form (negative results keep their `-`). */
export function subtractMoney(a: MoneyInput, b: MoneyInput): string {
  return formatMoney(toMoney(a).minus(toMoney(b)));
}

/** The exact sum of all amounts (0 for none), in the 12-decimal form. */
export function sumMoney(amounts: Iterable<MoneyInput>): string {
  let total = new Decimal("0");
  for (const amount of amounts) total = total.plus(toMoney(amount));
  return formatMoney(total);
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`; `"1.5"` equals `"1.500000000000"`. */
export function compareMoney(a: MoneyInput, b: MoneyInput): -1 | 0 | 1 {
  return toMoney(a).cmp(toMoney(b));
}

/** True when both amounts are the same number, whatever their number of decimal places. */
export function moneyEquals(a: MoneyInput, b: MoneyInput): boolean {
  return toMoney(a).eq(toMoney(b));
}

/**
 * The amount with exactly 12 decimal places (`1.5` → `"1.500000000000"`), with as many integer
 * digits as it needs (`"1000.000000000000"`). Throws MoneyFormatError rather than round when the
 * value has more than 12 decimal places.
 */
export function formatMoney(value: MoneyInput): string {
  const money = toMoney(value);
  // big.js keeps every digit it was given, so the scale is exact; zeros at the end do not count.
  const scale = Math.max(0, money.c.length - money.e - 1);
  if (scale > MONEY_SCALE) {
    throw new MoneyFormatError(
      `${money.toFixed()} has ${scale} decimal places; the ${MONEY_SCALE}-decimal form cannot hold it without rounding`,
      money.toFixed(),
    );
  }
  // Normalise -0 so that "0.000000000000" never shows a sign.
  return (money.eq("0") ? new Decimal("0") : money).toFixed(MONEY_SCALE);
}

/**
 * The amount in Gcore's exact form `^\d{1,3}\.\d{12}$`, as a request or fixture needs it.
 * Throws MoneyFormatError for negative amounts and amounts of 1000 or more, which that form
 * cannot express (`formatMoney` has no such limit).
 */
export function formatGcoreAmount(value: MoneyInput): string {
  const text = formatMoney(value);
  if (!GCORE_AMOUNT_PATTERN.test(text)) {
    throw new MoneyFormatError(
      `${text} does not fit Gcore's amount form ^\\d{1,3}\\.\\d{12}$ (0 to 999.999999999999)`,
      text,
    );
  }
  return text;
}

function toMoney(value: MoneyInput): Money {
  if (typeof value === "string") return parseMoney(value);
  // Every big.js constructor shares one prototype, so this accepts values from any Big().
  if (value instanceof Big) return value;
  throw new MoneyFormatError(
    `a ${typeof value} is not an amount; pass the decimal string from the API (never a float)`,
    String(value),
  );
}
