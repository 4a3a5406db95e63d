import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiIdFromTitle, assertApiId, pascalCase } from "../../src/codegen/api-naming.js";
import { defaultRuntimeImport, PACKAGE_RUNTIME_IMPORT } from "../../src/codegen/runtime-import.js";

describe("pascalCase", () => {
  it.each([
    ["gcore-billing", "GcoreBilling"],
    ["softwareone-marketplace", "SoftwareoneMarketplace"],
    ["a2b-c", "A2bC"],
  ])("%s → %s", (id, want) => {
    expect(pascalCase(id)).toBe(want);
  });
});

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

describe("defaultRuntimeImport", () => {
  const root = "/repo";
  it.each([
    [
      "generated/<api> in the repo",
      { out: "/repo/generated/gcore-billing", want: "../../src/runtime" },
    ],
    ["a folder deeper in the repo", { out: "/repo/.tmp/a/b", want: "../../../src/runtime" }],
    ["outside the repo", { out: "/elsewhere/gen", want: PACKAGE_RUNTIME_IMPORT }],
    [
      "a sibling with the repo's name as prefix",
      { out: "/repo-other/gen", want: PACKAGE_RUNTIME_IMPORT },
    ],
    ["inside node_modules", { out: "/repo/node_modules/x/gen", want: PACKAGE_RUNTIME_IMPORT }],
  ])("%s", (_name, { out, want }) => {
    expect(defaultRuntimeImport(join(out), root)).toBe(want);
  });
});
