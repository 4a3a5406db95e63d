import Big from "big.js";
import { describe, expect, it } from "vitest";
import {
  addMoney,
  compareMoney,
  formatGcoreAmount,
  formatMoney,
  isGcoreAmount,
  MoneyFormatError,
  moneyEquals,
  parseMoney,
  subtractMoney,
  sumMoney,
} from "../../src/runtime/money.js";

describe("arithmetic is exact", () => {
  it.each([
    ["0.1 + 0.2 (0.30000000000000004 as floats)", "0.1", "0.2", "0.300000000000"],
    ["12-decimal amounts", "0.100000000000", "0.200000000000", "0.300000000000"],
    [
      "the smallest unit carries into a fourth integer digit",
      "999.999999999999",
      "0.000000000001",
      "1000.000000000000",
    ],
    ["beyond float precision", "123.456789012345", "0.000000000001", "123.456789012346"],
    ["integers", "1", "2", "3.000000000000"],
    ["negative operand", "-0.5", "0.25", "-0.250000000000"],
  ])("addMoney: %s", (_name, a, b, want) => {
    expect(addMoney(a, b)).toBe(want);
  });

  it.each([
    ["0.3 - 0.1", "0.3", "0.1", "0.200000000000"],
    ["to zero has no sign", "1.000000000000", "1", "0.000000000000"],
    ["below zero keeps the sign", "0.000000000001", "0.000000000002", "-0.000000000001"],
  ])("subtractMoney: %s", (_name, a, b, want) => {
    expect(subtractMoney(a, b)).toBe(want);
  });

  it("sumMoney adds ten 0.1s to exactly 1", () => {
    expect(sumMoney(Array(10).fill("0.100000000000"))).toBe("1.000000000000");
    expect(sumMoney([])).toBe("0.000000000000");
  });
});

describe("comparison", () => {
  it.each([
    ["equal, different scales", "1.5", "1.500000000000", 0],
    ["less by the smallest unit", "0.999999999999", "1", -1],
    ["greater", "10.000000000000", "9.999999999999", 1],
    ["negative below zero", "-0.000000000001", "0", -1],
  ])("compareMoney: %s", (_name, a, b, want) => {
    expect(compareMoney(a, b)).toBe(want);
    expect(moneyEquals(a, b)).toBe(want === 0);
  });
});

describe("parsing and formatting", () => {
  it.each([
    ["the 12-decimal form", "123.450000000000", true],
    ["one integer digit", "0.000000000001", true],
    ["four integer digits", "1000.000000000000", false],
    ["11 decimals", "1.12345678901", false],
    ["a sign", "-1.000000000000", false],
    ["no decimals", "1", false],
  ])("isGcoreAmount: %s", (_name, given, want) => {
    expect(isGcoreAmount(given)).toBe(want);
  });

  it.each([["1e3"], [""], [" 1"], ["1."], [".5"], ["NaN"], ["0x10"], ["+1"], ["1,5"]])(
    "parseMoney refuses %j",
    (given) => {
      expect(() => parseMoney(given)).toThrow(MoneyFormatError);
    },
  );

  it("a JavaScript number is refused, never converted", () => {
    expect(() => addMoney(0.1 as unknown as string, "0.2")).toThrow("never a float");
  });

  it.each([
    ["pads to 12 places", "1.5", "1.500000000000"],
    ["keeps 12 places", "999.999999999999", "999.999999999999"],
    ["grows the integer part", "123456.1", "123456.100000000000"],
    ["trailing zeros beyond 12 places are not precision", "1.50000000000000", "1.500000000000"],
    ["a big.js value", new Big("2.25"), "2.250000000000"],
  ])("formatMoney %s", (_name, given, want) => {
    expect(formatMoney(given)).toBe(want);
  });

  it("formatMoney refuses to round a 13th decimal", () => {
    expect(() => formatMoney("0.0000000000001")).toThrow("13 decimal places");
  });

  it.each([
    ["in range", "999.999999999999", "999.999999999999"],
    ["1000 overflows the form", "1000", MoneyFormatError],
    ["negative overflows the form", "-1", MoneyFormatError],
  ])("formatGcoreAmount %s", (_name, given, want) => {
    if (typeof want === "string") expect(formatGcoreAmount(given)).toBe(want);
    else expect(() => formatGcoreAmount(given)).toThrow(want);
  });
});
