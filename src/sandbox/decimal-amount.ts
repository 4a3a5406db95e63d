/**
 * Gcore money amounts as exact integers of 10⁻¹² units (BigInt), never floats.
 * @see gcore-billing ErpInvoiceExternal.amount_total: `format: decimal`, `pattern: ^\d{1,3}\.\d{12}$`
 */

/** Number of fractional digits Gcore's amount strings carry. */
export const AMOUNT_SCALE = 12;

const UNIT = 10n ** BigInt(AMOUNT_SCALE);
const AMOUNT_TEXT = /^(\d+)\.(\d{12})$/;

/** Formats units of 10⁻¹² as Gcore's amount string, e.g. `123450000000000n` → `"123.450000000000"`. */
export function formatAmount(units: bigint): string {
  if (units < 0n) throw new RangeError(`amounts are never negative; got ${units} units`);
  return `${units / UNIT}.${(units % UNIT).toString().padStart(AMOUNT_SCALE, "0")}`;
}

/** Parses a Gcore amount string (any number of integer digits) into units of 10⁻¹². */
export function parseAmount(text: string): bigint {
  const match = AMOUNT_TEXT.exec(text);
  if (!match) throw new RangeError(`'${text}' is not an amount with ${AMOUNT_SCALE} decimals`);
  return BigInt(match[1] ?? "0") * UNIT + BigInt(match[2] ?? "0");
}

/** Whole currency units as units of 10⁻¹², e.g. `wholeAmount(1000)` for an overflowing amount. */
export function wholeAmount(whole: number): bigint {
  return BigInt(whole) * UNIT;
}
