/**
 * Whether a `pattern` already guarantees the `decimal` format, so that the validators can leave a
 * `format: decimal` beside it to the pattern (one check per amount instead of two).
 */

const DIGIT = String.raw`(?:\\d|\[0-9\])`;
const AT_LEAST_ONE = String.raw`(?:\+|\{[1-9]\d*(?:,\d*)?\})`;
const FRACTION = String.raw`\\\.${DIGIT}${AT_LEAST_ONE}`;
/** Patterns of the form `^-?\d{m,n}(\.\d{p,q})?$` (m, p ≥ 1): every match is a decimal string. */
const IMPLIES_DECIMAL = new RegExp(
  String.raw`^\^(?:-\??)?${DIGIT}${AT_LEAST_ONE}(?:${FRACTION}|\((?:\?:)?${FRACTION}\)\?)?\$$`,
);

/** True when every string matching `pattern` is a `decimal` format string. */
export function patternImpliesDecimal(pattern: string): boolean {
  return IMPLIES_DECIMAL.test(pattern);
}
