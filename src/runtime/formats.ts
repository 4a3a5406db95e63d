/**
 * Format checkers the precompiled validators call (`formats.date.validate(s)`), and the build-time ajv
 * instance registers, so both agree by construction.
 *
 * Dates and times are full RFC 3339 checks at the speed of ajv-formats' "fast" mode: ajv-formats'
 * "full" date and date-time functions (regex captures, split, Number parsing) are most of a naive
 * set-up's validation time, and its "fast" mode accepts 2026-02-30. Here char-code scans check a
 * date and a date-time (calendar, ranges, zone, leap second); a time is a shape regex plus the same
 * range checks. The other string formats are ajv-formats' full-mode checks (library-formats.ts:
 * the same expressions in ESM, so that no CommonJS module is loaded at run time).
 * @see https://www.rfc-editor.org/rfc/rfc3339#section-5.6
 * @see https://spec.openapis.org/oas/v3.1.0#data-types
 */
import { isRegex, isUri, libraryPatterns } from "./library-formats.js";

/** One format: which JSON type it constrains (others pass) and its check. */
export interface FormatCheck {
  readonly type: "string" | "number";
  readonly validate: (value: never) => boolean;
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at `i` as a number, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * RFC 3339 full-date (`2026-02-28`) in the first 10 characters of `s` (the caller checked the
 * length), with a real calendar day. Each character is read once; the calendar is consulted only
 * for days 29 to 31 (the year only for 29 February). Digits are tested as `(code - 48) >>> 0 <= 9`.
 */
function isFullDate(s: string): boolean {
  const y0 = s.charCodeAt(0) - 48;
  const y1 = s.charCodeAt(1) - 48;
  const y2 = s.charCodeAt(2) - 48;
  const y3 = s.charCodeAt(3) - 48;
  const m0 = s.charCodeAt(5) - 48;
  const m1 = s.charCodeAt(6) - 48;
  const d0 = s.charCodeAt(8) - 48;
  const d1 = s.charCodeAt(9) - 48;
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 1 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 3 ||
    d1 >>> 0 > 9 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45
  ) {
    return false;
  }
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1) return false;
  if (day <= 28) return true;
  if (month !== 2) return day <= (DAYS_IN_MONTH[month] as number);
  if (day > 29) return false;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

// The shape of a full-time by character class only (alternations make V8's regex ~1.5x slower);
// the numeric ranges are checked with char codes afterwards.
const TIME = /^[0-2]\d:[0-5]\d:[0-6]\d(?:\.\d+)?(?:[Zz]|[+-][0-2]\d:[0-5]\d)$/;
// Digits on either side of the point may be omitted (".50", "5.", "-.5"), as the patterns vendors
// put beside `format: decimal` allow; at least one digit, no exponent.
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)$/;

/**
 * The ranges a full-time shape leaves open, for a time starting at `start`: hour ≤ 23, second ≤ 60,
 * zone hour ≤ 23, and a leap second (`:60`) only at 23:59 UTC, as RFC 3339 section 5.7 says.
 */
function timeRangesOk(s: string, start: number): boolean {
  const hour = twoDigits(s, start);
  if (hour > 23) return false;
  const zone = s.charCodeAt(s.length - 6);
  const signed = zone === 43 || zone === 45;
  if (signed && twoDigits(s, s.length - 5) > 23) return false;
  if (s.charCodeAt(start + 6) !== 54) return true;
  if (s.charCodeAt(start + 7) !== 48) return false;
  const minutes = hour * 60 + twoDigits(s, start + 3);
  const offset = signed
    ? (zone === 43 ? 1 : -1) * (twoDigits(s, s.length - 5) * 60 + twoDigits(s, s.length - 2))
    : 0;
  return (((minutes - offset) % 1440) + 1440) % 1440 === 23 * 60 + 59;
}

/** RFC 3339 full-date. */
export function isDate(s: string): boolean {
  return s.length === 10 && isFullDate(s);
}

/**
 * RFC 3339 date-time: full-date, `T` (or `t`), full-time with a required zone, scanned by char code
 * (measured faster than a shape regex inside the generated validators), each character read once.
 * A leap second goes to {@link timeRangesOk}.
 */
export function isDateTime(s: string): boolean {
  const n = s.length;
  if (n < 20) return false;
  const t = s.charCodeAt(10);
  if (
    (t !== 84 && t !== 116) ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58 ||
    !isFullDate(s)
  ) {
    return false;
  }
  const h0 = s.charCodeAt(11) - 48;
  const h1 = s.charCodeAt(12) - 48;
  const i0 = s.charCodeAt(14) - 48;
  const i1 = s.charCodeAt(15) - 48;
  const s0 = s.charCodeAt(17) - 48;
  const s1 = s.charCodeAt(18) - 48;
  // hour 00-23, minute 00-59, second 00-60
  if (
    h0 >>> 0 > 2 ||
    h1 >>> 0 > (h0 === 2 ? 3 : 9) ||
    i0 >>> 0 > 5 ||
    i1 >>> 0 > 9 ||
    s0 >>> 0 > 6 ||
    s1 >>> 0 > (s0 === 6 ? 0 : 9)
  ) {
    return false;
  }
  let i = 19;
  let c = s.charCodeAt(i);
  if (c === 46) {
    const digits = ++i;
    while (i < n && (s.charCodeAt(i) - 48) >>> 0 <= 9) i++;
    if (i === digits) return false;
    c = s.charCodeAt(i);
  }
  if (c === 90 || c === 122) {
    if (i + 1 !== n) return false;
  } else if (c === 43 || c === 45) {
    if (i + 6 !== n || s.charCodeAt(i + 3) !== 58) return false;
    const z0 = s.charCodeAt(i + 1) - 48;
    const z1 = s.charCodeAt(i + 2) - 48;
    const zm0 = s.charCodeAt(i + 4) - 48;
    const zm1 = s.charCodeAt(i + 5) - 48;
    // zone hour 00-23, zone minute 00-59
    if (z0 >>> 0 > 2 || z1 >>> 0 > (z0 === 2 ? 3 : 9) || zm0 >>> 0 > 5 || zm1 >>> 0 > 9) {
      return false;
    }
  } else {
    return false;
  }
  return s0 !== 6 || timeRangesOk(s, 11);
}

/** RFC 3339 full-time with a required zone. */
export function isTime(s: string): boolean {
  return TIME.test(s) && timeRangesOk(s, 0);
}

/** A decimal number written as a string: optional sign, digits with an optional point anywhere (`"12.500"`, `".5"`, `"5."`), no exponent. */
export function isDecimal(s: string): boolean {
  return DECIMAL.test(s);
}

/** Standard base64 (RFC 4648 section 4) with padding, as OpenAPI's `byte` format means. */
export function isByte(s: string): boolean {
  if (s.length % 4 !== 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const base64Char =
      (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (base64Char) continue;
    // `=` only as one or two trailing padding characters.
    if (c === 61 && (i === s.length - 1 || (i === s.length - 2 && s.charCodeAt(i + 1) === 61))) {
      continue;
    }
    return false;
  }
  return true;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
// JSON numbers are doubles: 2^63 - 1 parses as 2^63, so the bound is inclusive of 2^63.
const INT64_LIMIT = 2 ** 63;
const FLOAT_MAX = 3.4028234663852886e38;

function fromAjvFormats(name: string): (s: string) => boolean {
  const pattern = libraryPatterns[name];
  if (!pattern) throw new Error(`no ajv-formats expression for format '${name}'`);
  return (s) => pattern.test(s);
}

const string = (validate: (s: string) => boolean): FormatCheck => ({ type: "string", validate });
const number = (validate: (n: number) => boolean): FormatCheck => ({ type: "number", validate });

/**
 * Every format the validators check, by name. A format not listed here is unknown: codegen reports
 * it once as a spec warning and ignores it. `password` and `binary` are annotations, not checks.
 */
export const formats: Readonly<Record<string, FormatCheck>> = {
  date: string(isDate),
  "date-time": string(isDateTime),
  time: string(isTime),
  decimal: string(isDecimal),
  byte: string(isByte),
  int32: number((n) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX),
  int64: number((n) => Number.isInteger(n) && n >= -INT64_LIMIT && n <= INT64_LIMIT),
  float: number((n) => Number.isFinite(n) && Math.abs(n) <= FLOAT_MAX),
  double: number((n) => Number.isFinite(n)),
  uri: string(isUri),
  "uri-reference": string(fromAjvFormats("uri-reference")),
  "uri-template": string(fromAjvFormats("uri-template")),
  url: string(fromAjvFormats("url")),
  email: string(fromAjvFormats("email")),
  hostname: string(fromAjvFormats("hostname")),
  ipv4: string(fromAjvFormats("ipv4")),
  ipv6: string(fromAjvFormats("ipv6")),
  uuid: string(fromAjvFormats("uuid")),
  duration: string(fromAjvFormats("duration")),
  "json-pointer": string(fromAjvFormats("json-pointer")),
  "relative-json-pointer": string(fromAjvFormats("relative-json-pointer")),
  regex: string(isRegex),
};

/** Formats OpenAPI defines as hints without a check (`binary`, `password`): never a warning. */
export const annotationFormats: ReadonlySet<string> = new Set(["binary", "password"]);
