import { describe, expect, it } from "vitest";
import { parseSunset, today } from "../../src/drift/sunset-date.js";

describe("parseSunset", () => {
  it.each<[string, string | undefined]>([
    ["2026-12-31", "2026-12-31"],
    ["2026-12-31T10:00:00Z", "2026-12-31"],
    ["2026-02-30", undefined],
    ["soon", undefined],
    ["31.12.2026", undefined],
  ])("%s → %s", (text, want) => {
    expect(parseSunset(text)).toBe(want);
  });

  it("today is a calendar day", () => {
    expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
