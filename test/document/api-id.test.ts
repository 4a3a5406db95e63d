import { describe, expect, it } from "vitest";
import { apiIdFromTitle, assertApiId } from "../../src/document/api-id.js";

describe("apiIdFromTitle", () => {
  it.each([
    ["Stripe API", "stripe-api"],
    ["Gcore OpenAPI – Billing Reseller API", "gcore-openapi-billing-reseller-api"],
    ["3scale Portal", "scale-portal"],
    ["!!!", undefined],
  ])("%s → %s", (title, want) => {
    expect(apiIdFromTitle(title)).toBe(want);
  });
});

describe("assertApiId", () => {
  it.each([
    ["gcore-billing", true],
    ["Gcore", false],
    ["a--b", false],
    ["-a", false],
  ])("%s valid: %s", (id, valid) => {
    if (valid) expect(() => assertApiId(id, "--api")).not.toThrow();
    else expect(() => assertApiId(id, "--api")).toThrow(`--api '${id}' is not a valid API id`);
  });
});
