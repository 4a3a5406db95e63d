import { describe, expect, it } from "vitest";
import { pascalCase } from "../../src/codegen/api-naming.js";

describe("pascalCase", () => {
  it.each([
    ["gcore-billing", "GcoreBilling"],
    ["softwareone-marketplace", "SoftwareoneMarketplace"],
    ["a2b-c", "A2bC"],
  ])("%s → %s", (id, want) => {
    expect(pascalCase(id)).toBe(want);
  });
});
