import { describe, expect, it } from "vitest";
import type { Change } from "../../src/drift/change.js";
import { defineRule } from "../../src/drift/define-rule.js";
import { diffDocuments } from "../../src/drift/diff-documents.js";
import { RULES, ruleLevels } from "../../src/drift/rule-registry.js";
import { enumChanged } from "../../src/drift/rules/enum-rules.js";
import { documentsFor, gcoreInvoice } from "./edit-specs.js";

/**
 * Every check oasdiff marks ERR or WARN in the areas a consumer needs (paths and operations,
 * parameters, request bodies, responses and their properties, statuses, media types, response
 * headers, security, deprecation and sunset), with oasdiff's level (ERR = breaking, WARN = warning).
 * @see https://github.com/oasdiff/oasdiff/blob/main/checker/rules.go
 */
const OASDIFF_ERR_WARN: [string, Change["level"]][] = [
  ...(
    [
      "api-path-removed-without-deprecation",
      "api-path-removed-before-sunset",
      "api-path-sunset-parse",
      "api-removed-without-deprecation",
      "api-removed-before-sunset",
      "api-deprecated-sunset-parse",
      "api-sunset-date-too-small",
      "api-sunset-deleted",
      "api-sunset-date-changed-too-small",
      "new-required-request-parameter",
      "new-request-path-parameter",
      "request-parameter-became-required",
      "request-parameter-became-enum",
      "request-parameter-became-not-nullable",
      "request-parameter-property-became-not-nullable",
      "request-parameter-enum-value-removed",
      "request-parameter-property-enum-value-removed",
      "request-parameter-type-changed",
      "request-parameter-property-type-specialized",
      "request-parameter-list-of-types-narrowed",
      "request-parameter-property-list-of-types-narrowed",
      "request-parameter-max-length-set",
      "request-parameter-max-length-decreased",
      "request-parameter-min-length-increased",
      "request-parameter-max-set",
      "request-parameter-exclusive-max-set",
      "request-parameter-max-decreased",
      "request-parameter-exclusive-max-decreased",
      "request-parameter-min-set",
      "request-parameter-exclusive-min-set",
      "request-parameter-min-increased",
      "request-parameter-exclusive-min-increased",
      "request-parameter-max-items-decreased",
      "request-parameter-min-items-set",
      "request-parameter-min-items-increased",
      "request-parameter-pattern-added",
      "request-parameter-sunset-parse",
      "request-parameter-removed-before-sunset",
      "request-parameter-sunset-date-too-small",
      "request-parameter-sunset-deleted",
      "request-parameter-sunset-date-changed-too-small",
      "request-body-added-required",
      "request-body-removed",
      "request-body-became-required",
      "request-body-media-type-removed",
      "request-body-media-type-schema-added",
      "request-body-became-enum",
      "request-body-enum-value-removed",
      "request-body-became-not-nullable",
      "request-body-type-changed",
      "request-body-list-of-types-narrowed",
      "request-body-const-added",
      "request-body-const-changed",
      "request-body-one-of-removed",
      "request-body-any-of-removed",
      "request-body-all-of-added",
      "request-body-max-length-set",
      "request-body-max-length-decreased",
      "request-body-min-length-increased",
      "request-body-max-set",
      "request-body-max-decreased",
      "request-body-min-set",
      "request-body-min-increased",
      "request-body-exclusive-max-set",
      "request-body-exclusive-min-increased",
      "request-body-max-items-set",
      "request-body-max-items-decreased",
      "request-body-min-items-set",
      "request-body-min-items-increased",
      "request-body-max-properties-decreased",
      "request-body-min-properties-increased",
      "request-body-unique-items-set",
      "request-body-multiple-of-set",
      "request-body-multiple-of-changed",
      "new-required-request-property",
      "new-required-request-property-with-default",
      "request-property-became-required",
      "request-property-became-required-with-default",
      "request-property-became-enum",
      "request-property-enum-value-removed",
      "request-property-became-not-nullable",
      "request-property-type-changed",
      "request-property-list-of-types-narrowed",
      "request-property-const-added",
      "request-property-const-changed",
      "request-property-one-of-removed",
      "request-property-any-of-removed",
      "request-property-all-of-added",
      "request-property-pattern-added",
      "request-property-max-length-set",
      "request-property-max-length-decreased",
      "request-property-min-length-increased",
      "request-property-max-set",
      "request-property-max-decreased",
      "request-property-exclusive-max-decreased",
      "request-property-min-set",
      "request-property-min-increased",
      "request-property-exclusive-min-set",
      "request-property-max-items-set",
      "request-property-max-items-decreased",
      "request-property-min-items-set",
      "request-property-min-items-increased",
      "request-property-max-properties-set",
      "request-property-max-properties-decreased",
      "request-property-min-properties-increased",
      "request-property-unique-items-set",
      "request-property-multiple-of-set",
      "request-property-multiple-of-changed",
      "response-success-status-removed",
      "response-media-type-removed",
      "response-media-type-name-generalized",
      "response-body-media-type-schema-removed",
      "required-response-header-removed",
      "response-header-became-optional",
      "response-header-type-changed",
      "response-header-type-generalized",
      "response-header-became-nullable",
      "response-required-property-removed",
      "response-property-became-optional",
      "response-property-became-nullable",
      "response-body-became-nullable",
      "response-property-type-changed",
      "response-property-type-generalized",
      "response-body-type-changed",
      "response-body-type-generalized",
      "response-property-list-of-types-widened",
      "response-body-list-of-types-widened",
      "response-property-const-removed",
      "response-property-const-changed",
      "response-body-const-removed",
      "response-body-const-changed",
      "response-property-one-of-added",
      "response-body-one-of-added",
      "response-property-any-of-added",
      "response-body-any-of-added",
      "response-property-all-of-removed",
      "response-body-all-of-removed",
      "response-property-pattern-removed",
      "response-property-max-length-increased",
      "response-body-max-length-increased",
      "response-property-max-length-unset",
      "response-body-max-length-unset",
      "response-property-min-length-decreased",
      "response-body-min-length-decreased",
      "response-property-max-increased",
      "response-body-max-increased",
      "response-property-exclusive-max-increased",
      "response-property-min-decreased",
      "response-body-min-decreased",
      "response-property-exclusive-min-decreased",
      "response-property-max-items-increased",
      "response-property-min-items-decreased",
      "response-property-min-items-unset",
      "response-property-max-properties-increased",
      "response-property-min-properties-decreased",
      "response-property-unique-items-unset",
      "response-property-multiple-of-unset",
      "response-property-multiple-of-changed",
      "api-security-removed",
      "api-security-scope-added",
      "api-global-security-removed",
      "api-global-security-scope-added",
    ] as const
  ).map((id): [string, Change["level"]] => [id, "breaking"]),
  ["request-parameter-removed", "warning"],
  ["request-parameter-pattern-changed", "warning"],
  ["request-parameter-property-type-changed", "warning"],
  ["request-property-removed", "warning"],
  ["request-property-pattern-changed", "warning"],
  ["response-property-pattern-changed", "warning"],
  ["response-property-enum-value-added", "warning"],
  ["optional-response-header-removed", "warning"],
  ["response-required-property-became-not-write-only", "warning"],
  ["response-media-type-name-changed", "warning"],
];

/** Info checks whose level used to differ from oasdiff's (issue 14), pinned. */
const OASDIFF_INFO: string[] = [
  "response-optional-property-removed",
  "response-non-success-status-removed",
  "api-operation-id-removed",
  "api-security-added",
  "api-path-removed-with-deprecation",
  "request-parameter-type-generalized",
  "request-parameter-default-value-changed",
  "response-header-added",
  "api-security-component-type-changed",
  "api-security-anonymous-access-added",
  "api-global-security-anonymous-access-added",
  "response-media-type-parameter-added",
  "request-parameter-list-of-types-widened",
];

describe("rule registry", () => {
  it.each(OASDIFF_ERR_WARN)("declares %s as %s, as oasdiff does", (id, level) => {
    expect(ruleLevels().get(id)).toBe(level);
  });

  it.each(OASDIFF_INFO)("declares %s as info, as oasdiff does", (id) => {
    expect(ruleLevels().get(id)).toBe("info");
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
