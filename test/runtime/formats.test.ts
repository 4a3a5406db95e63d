import { describe, expect, it } from "vitest";
import { formats } from "../../src/runtime/formats.js";

const check = (format: string, value: unknown): boolean => {
  const def = formats[format];
  if (!def) throw new Error(`no format ${format}`);
  return (def.validate as (v: unknown) => boolean)(value);
};

describe("formats", () => {
  it.each([
    ["date: ordinary day", { format: "date", value: "2026-02-28", want: true }],
    ["date: leap day in a leap year", { format: "date", value: "2024-02-29", want: true }],
    ["date: 30 February", { format: "date", value: "2026-02-30", want: false }],
    ["date: 29 February, not a leap year", { format: "date", value: "2026-02-29", want: false }],
    [
      "date: 29 February 1900 (century, not leap)",
      { format: "date", value: "1900-02-29", want: false },
    ],
    ["date: 29 February 2000 (400-year leap)", { format: "date", value: "2000-02-29", want: true }],
    ["date: 31 April", { format: "date", value: "2026-04-31", want: false }],
    ["date: month 13", { format: "date", value: "2026-13-01", want: false }],
    ["date: day 0", { format: "date", value: "2026-01-00", want: false }],
    ["date: with a time", { format: "date", value: "2026-01-01T00:00:00Z", want: false }],
    ["date: short year", { format: "date", value: "26-01-01", want: false }],
    ["date: slashes", { format: "date", value: "2026/01/01", want: false }],
    ["date-time: UTC", { format: "date-time", value: "2026-02-28T23:59:59Z", want: true }],
    [
      "date-time: offset and fraction",
      { format: "date-time", value: "2026-02-28T10:00:00.123456+02:00", want: true },
    ],
    [
      "date-time: lowercase t and z",
      { format: "date-time", value: "2026-02-28t10:00:00z", want: true },
    ],
    ["date-time: hour 25", { format: "date-time", value: "2026-02-28T25:00:00Z", want: false }],
    ["date-time: hour 24", { format: "date-time", value: "2026-02-28T24:00:00Z", want: false }],
    ["date-time: second 61", { format: "date-time", value: "2016-12-31T23:59:61Z", want: false }],
    ["date-time: month 00", { format: "date-time", value: "2026-00-10T10:00:00Z", want: false }],
    ["date-time: day 39", { format: "date-time", value: "2026-01-39T10:00:00Z", want: false }],
    ["date-time: 31 April", { format: "date-time", value: "2026-04-31T10:00:00Z", want: false }],
    [
      "date-time: 29 February in a leap year",
      { format: "date-time", value: "2024-02-29T10:00:00Z", want: true },
    ],
    [
      "date-time: zone hour 24",
      { format: "date-time", value: "2026-02-28T10:00:00+24:00", want: false },
    ],
    ["date-time: minute 60", { format: "date-time", value: "2026-02-28T10:60:00Z", want: false }],
    [
      "date-time: impossible day",
      { format: "date-time", value: "2026-02-30T10:00:00Z", want: false },
    ],
    ["date-time: zone missing", { format: "date-time", value: "2026-02-28T10:00:00", want: false }],
    [
      "date-time: offset without colon",
      { format: "date-time", value: "2026-02-28T10:00:00+0200", want: false },
    ],
    [
      "date-time: space separator",
      { format: "date-time", value: "2026-02-28 10:00:00Z", want: false },
    ],
    [
      "date-time: empty fraction",
      { format: "date-time", value: "2026-02-28T10:00:00.Z", want: false },
    ],
    [
      "date-time: leap second at 23:59 UTC",
      { format: "date-time", value: "2016-12-31T23:59:60Z", want: true },
    ],
    [
      "date-time: leap second at 23:59 UTC via offset",
      { format: "date-time", value: "2017-01-01T00:59:60+01:00", want: true },
    ],
    [
      "date-time: leap second at noon",
      { format: "date-time", value: "2016-12-31T12:00:60Z", want: false },
    ],
    ["time: with zone", { format: "time", value: "10:00:00Z", want: true }],
    ["time: zone missing", { format: "time", value: "10:00:00", want: false }],
    ["time: hour 25", { format: "time", value: "25:00:00Z", want: false }],
    ["time: hour 24", { format: "time", value: "24:00:00Z", want: false }],
    ["time: leap second at 23:59 UTC", { format: "time", value: "23:59:60Z", want: true }],
    ["time: leap second elsewhere", { format: "time", value: "22:59:60Z", want: false }],
    ["decimal: Gcore amount", { format: "decimal", value: "123.450000000000", want: true }],
    ["decimal: negative integer", { format: "decimal", value: "-12", want: true }],
    ["decimal: exponent", { format: "decimal", value: "1e5", want: false }],
    ["decimal: trailing dot", { format: "decimal", value: "5.", want: true }],
    ["decimal: leading dot", { format: "decimal", value: ".50", want: true }],
    ["decimal: negative leading dot", { format: "decimal", value: "-.5", want: true }],
    ["decimal: plus sign", { format: "decimal", value: "+5", want: true }],
    ["decimal: a point alone", { format: "decimal", value: ".", want: false }],
    ["decimal: sign alone", { format: "decimal", value: "-", want: false }],
    ["decimal: two points", { format: "decimal", value: "1.2.3", want: false }],
    ["decimal: empty", { format: "decimal", value: "", want: false }],
    ["decimal: words", { format: "decimal", value: "<string>", want: false }],
    ["byte: padded base64", { format: "byte", value: "aGVsbG8=", want: true }],
    ["byte: wrong length", { format: "byte", value: "aGVsbG8", want: false }],
    ["byte: bad character", { format: "byte", value: "aGVs!G8=", want: false }],
    ["byte: padding in the middle", { format: "byte", value: "aG=sbG8=", want: false }],
    ["byte: trailing newline", { format: "byte", value: "aGVsbG8=\n", want: false }],
    ["int32: maximum", { format: "int32", value: 2147483647, want: true }],
    ["int32: one above", { format: "int32", value: 2147483648, want: false }],
    ["int32: minimum", { format: "int32", value: -2147483648, want: true }],
    ["int32: fraction", { format: "int32", value: 1.5, want: false }],
    ["int64: 2^53", { format: "int64", value: 2 ** 53, want: true }],
    ["int64: 1e20", { format: "int64", value: 1e20, want: false }],
    ["float: 1e38", { format: "float", value: 1e38, want: true }],
    ["float: 1e39 overflows a float", { format: "float", value: 1e39, want: false }],
    ["double: any finite number", { format: "double", value: 1e300, want: true }],
    [
      "double: Infinity (JSON 1e400)",
      { format: "double", value: JSON.parse("1e400"), want: false },
    ],
    [
      "uri: absolute",
      { format: "uri", value: "https://api.gcore.com/billing?offset=100", want: true },
    ],
    ["uri: relative is not a uri", { format: "uri", value: "/billing", want: false }],
    [
      "uri-reference: relative",
      { format: "uri-reference", value: "/billing?offset=1", want: true },
    ],
    ["email: plain", { format: "email", value: "billing@example.com", want: true }],
    ["email: no domain", { format: "email", value: "billing@", want: false }],
    ["uuid: v4", { format: "uuid", value: "1b4e28ba-2fa1-11d2-883f-0016d3cca427", want: true }],
    ["uuid: short", { format: "uuid", value: "1b4e28ba-2fa1-11d2-883f", want: false }],
  ])("%s", (_name, { format, value, want }) => {
    expect(check(format, value)).toBe(want);
  });

  it.each([
    ["date", "string"],
    ["date-time", "string"],
    ["decimal", "string"],
    ["int32", "number"],
    ["double", "number"],
  ])("%s constrains %s values only", (format, type) => {
    expect(formats[format]?.type).toBe(type);
  });
});
