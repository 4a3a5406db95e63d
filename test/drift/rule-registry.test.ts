import { describe, expect, it } from "vitest";
import type { Change } from "../../src/drift/change.js";
import { defineRule } from "../../src/drift/define-rule.js";
import { diffDocuments } from "../../src/drift/diff-documents.js";
import { RULES, ruleLevels } from "../../src/drift/rule-registry.js";
import { enumChanged } from "../../src/drift/rules/enum-rules.js";
import { documentsFor, gcoreInvoice } from "./edit-specs.js";

/** The rules issue 6 requires, by oasdiff id, with the level it requires. */
const required: [string, Change["level"]][] = [
  ["api-path-removed-without-deprecation", "breaking"],
  ["endpoint-added", "info"],
  ["new-required-request-parameter", "breaking"],
  ["new-optional-request-parameter", "info"],
  ["request-parameter-became-required", "breaking"],
  ["request-parameter-removed", "warning"],
  ["request-parameter-type-changed", "breaking"],
  ["request-parameter-enum-value-removed", "breaking"],
  ["request-parameter-enum-value-added", "info"],
  ["request-body-became-required", "breaking"],
  ["new-required-request-property", "breaking"],
  ["response-required-property-removed", "breaking"],
  ["response-optional-property-removed", "breaking"],
  ["response-property-became-optional", "breaking"],
  ["response-property-became-nullable", "breaking"],
  ["response-property-type-changed", "breaking"],
  ["response-property-enum-value-added", "warning"],
  ["response-property-became-not-enum", "warning"],
  ["response-property-enum-value-removed", "info"],
  ["response-optional-property-added", "info"],
  ["response-success-status-removed", "breaking"],
  ["response-success-status-added", "info"],
  ["response-non-success-status-added", "info"],
  ["api-security-added", "breaking"],
  ["request-property-pattern-removed", "info"],
  ["request-property-pattern-added", "warning"],
  ["response-property-pattern-added", "info"],
  ["response-property-pattern-removed", "warning"],
  ["request-parameter-format-removed", "info"],
  ["response-property-format-removed", "warning"],
  ["request-parameter-max-length-decreased", "warning"],
  ["request-parameter-max-length-increased", "info"],
  ["response-property-max-length-decreased", "info"],
  ["response-property-max-length-increased", "warning"],
  ["request-property-min-length-increased", "warning"],
  ["response-property-min-length-decreased", "warning"],
  ["request-parameter-max-decreased", "warning"],
  ["request-parameter-min-decreased", "info"],
  ["response-property-max-increased", "warning"],
  ["response-property-min-increased", "info"],
  ["api-documentation-changed", "info"],
];

describe("rule registry", () => {
  it.each(required)("declares %s as %s", (id, level) => {
    expect(ruleLevels().get(id)).toBe(level);
  });

  it("gives every rule a distinct name and every id one level", () => {
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
    expect(() => ruleLevels()).not.toThrow();
    const clash = defineRule({
      name: "clash",
      scope: "document",
      levels: { "endpoint-added": "breaking" },
      check() {},
    });
    expect(() => ruleLevels([...RULES, clash])).toThrow(
      "rule id 'endpoint-added' has two levels: info, breaking",
    );
  });

  it("runs only the rules it is given, so a new rule is one module and one list entry", () => {
    const docs = documentsFor({
      api: "gcore",
      edit: (d) => {
        gcoreInvoice(d).properties.payment_state.enum.push("refunded");
        gcoreInvoice(d).properties.amount_total.nullable = true;
      },
      want: [],
    });
    const onlyEnums = diffDocuments(docs.old, docs.new, { rules: [enumChanged] });
    expect(new Set(onlyEnums.map((c) => c.id))).toEqual(
      new Set(["response-property-enum-value-added"]),
    );
    const every = diffDocuments(docs.old, docs.new);
    expect(new Set(every.map((c) => c.id))).toEqual(
      new Set(["response-property-enum-value-added", "response-property-became-nullable"]),
    );
  });

  it("reports every change with an id and level the registry declares", () => {
    const docs = documentsFor({
      api: "gcore",
      edit: (d) => {
        gcoreInvoice(d).properties.payment_state.enum.push("refunded");
        delete d.paths["/billing/org/v1/erp-invoices/{id}/download"];
      },
      want: [],
    });
    const levels = ruleLevels();
    for (const change of diffDocuments(docs.old, docs.new))
      expect(levels.get(change.id)).toBe(change.level);
  });
});
