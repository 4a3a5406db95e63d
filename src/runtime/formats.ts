/**
 * Format checkers the precompiled validators call (`formats.date.validate(s)`), and the build-time ajv
 * instance registers, so both agree by construction.
 *
 * Dates and times are full RFC 3339 checks at the speed of ajv-formats' "fast" mode: ajv-formats'
 * "full" date and date-time functions (regex captures, split, Number parsing) are most of a naive
 * set-up's validation time, and its "fast" mode accepts 2026-02-30. Here char-code scans check a
 * date and a date-time (calendar, ranges, zone, leap second); a time is a shape regex plus the same
 * range checks. The other string formats reuse ajv-formats' full-mode checks.
 * @see https://www.rfc-editor.org/rfc/rfc3339#section-5.6
 * @see https://spec.openapis.org/oas/v3.1.0#data-types
 */
import { fullFormats } from "ajv-formats/dist/formats.js";

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

/** RFC 3339 full-date (`2026-02-28`) in the first 10 characters of `s`, with a real calendar day. */
function isFullDate(s: string): boolean {
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const hi = twoDigits(s, 0);
  const lo = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1) return false;
  const year = hi * 100 + lo;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month] as number));
}

// The shape of a full-time by character class only (alternations make V8's regex ~1.5x slower);
// the numeric ranges are checked with char codes afterwards.
const TIME = /^[0-2]\d:[0-5]\d:[0-6]\d(?:\.\d+)?(?:[Zz]|[+-][0-2]\d:[0-5]\d)$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

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
 * (measured faster than the shape regex inside the generated validators). A leap second goes to
 * {@link timeRangesOk}.
 */
export function isDateTime(s: string): boolean {
  const n = s.length;
  if (n < 20 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const t = s.charCodeAt(10);
  if ((t !== 84 && t !== 116) || !isFullDate(s)) return false;
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return false;
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
    const zoneHour = twoDigits(s, i + 1);
    const zoneMinute = twoDigits(s, i + 4);
    if (zoneHour < 0 || zoneHour > 23 || zoneMinute < 0 || zoneMinute > 59) return false;
  } else {
    return false;
  }
  return second < 60 || timeRangesOk(s, 11);
}

/** RFC 3339 full-time with a required zone. */
export function isTime(s: string): boolean {
  return TIME.test(s) && timeRangesOk(s, 0);
}

/** A decimal number written as a string: optional `-`, digits, optional `.` and digits (`"12.500"`). */
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

function fromAjvFormats(name: keyof typeof fullFormats): (s: string) => boolean {
  const def = fullFormats[name] as unknown;
  if (def instanceof RegExp) return (s) => def.test(s);
  if (typeof def === "function") return def as (s: string) => boolean;
  const validate = (def as { validate: unknown }).validate;
  if (validate instanceof RegExp) return (s) => validate.test(s);
  return validate as (s: string) => boolean;
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
  uri: string(fromAjvFormats("uri")),
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
  regex: string(fromAjvFormats("regex")),
};

/** Formats OpenAPI defines as hints without a check (`binary`, `password`): never a warning. */
export const annotationFormats: ReadonlySet<string> = new Set(["binary", "password"]);
