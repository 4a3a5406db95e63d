import { describe, expect, it } from "vitest";
import { formatAmount, parseAmount, wholeAmount } from "../../src/sandbox/decimal-amount.js";

describe("Gcore amounts as BigInt units of 1e-12", () => {
  it.each([
    ["zero", { units: 0n, text: "0.000000000000" }],
    ["one unit", { units: 1n, text: "0.000000000001" }],
    ["a typical amount", { units: 123_450_000_000_001n, text: "123.450000000001" }],
    ["the largest pattern-valid amount", { units: 999_999_999_999_999n, text: "999.999999999999" }],
    ["an overflowing amount", { units: wholeAmount(1000), text: "1000.000000000000" }],
  ])("formats and parses %s", (_name, { units, text }) => {
    expect(formatAmount(units)).toBe(text);
    expect(parseAmount(text)).toBe(units);
  });

  it.each([["1.5"], ["-1.000000000000"], ["abc"], ["1.0000000000001"]])(
    "rejects '%s', which has not exactly 12 decimals",
    (text) => {
      expect(() => parseAmount(text)).toThrow(/12 decimals/);
    },
  );

  it("refuses negative units", () => {
    expect(() => formatAmount(-1n)).toThrow(/never negative/);
  });
});
