import { defineSchemaRule, describeSchema } from "../define-rule.js";
import { valuesMissingFrom as missingFrom } from "../normalise-schema.js";
import { showValue } from "../show-value.js";

/**
 * Enum values added or removed, the enum itself added or dropped, and `const` set, unset or changed.
 * A new value in a response meets client code with an exhaustive `switch` (warning); a value removed
 * from a request rejects calls (breaking).
 */
export const enumChanged = defineSchemaRule({
  name: "enum values",
  suffixes: {
    "enum-value-added": {
      request: "info",
      response: "warning",
      "request-parameter-property": "info",
    },
    "enum-value-removed": {
      request: "breaking",
      response: "info",
      "request-parameter-property": "breaking",
    },
    // A parameter's property has no became-enum check in oasdiff outside headers: its values are listed.
    "became-enum": { request: "breaking", response: "info", "request-parameter-property": null },
    "header-became-enum": { "request-parameter-property": "breaking" },
    "enum-removed": { request: "info", response: "warning", "request-parameter-property": "info" },
    "const-added": { request: "breaking", response: "info", "request-parameter": null },
    "const-removed": { request: "info", response: "breaking", "request-parameter": null },
    "const-changed": { request: "breaking", response: "breaking", "request-parameter": null },
  },
  // oasdiff names a value removed from a response body's own enum after the media type.
  rename: {
    "response-body-enum-value-removed": "response-mediatype-enum-value-removed",
    "request-parameter-property-header-became-enum": "request-header-property-became-enum",
  },
  check(pair, emit) {
    const before = pair.old.enum;
    const after = pair.new.enum;
    const what = describeSchema(pair);
    if (!before && !after) return;
    const constKind = pair.subject.startsWith("request-parameter")
      ? undefined
      : pair.old.isConst && pair.new.isConst
        ? "both"
        : pair.new.isConst && !before
          ? "added"
          : pair.old.isConst && !after
            ? "removed"
            : undefined;
    if (constKind === "added") {
      emit(
        "const-added",
        pair.new.origin.enum ?? pair.new.identity,
        `${what} became the constant ${showValue(after?.[0])}`,
      );
      return;
    }
    if (constKind === "removed") {
      emit(
        "const-removed",
        pair.old.origin.enum ?? pair.old.identity,
        `${what} is no longer the constant ${showValue(before?.[0])}`,
      );
      return;
    }
    if (constKind === "both") {
      if (showValue(before?.[0]) !== showValue(after?.[0])) {
        emit(
          "const-changed",
          pair.new.origin.enum ?? pair.new.identity,
          `${what} constant changed from ${showValue(before?.[0])} to ${showValue(after?.[0])}`,
        );
      }
      return;
    }
    if (!before && after && pair.subject === "request-parameter-property") {
      if (pair.parameterIn === "header") {
        emit(
          "header-became-enum",
          pair.new.origin.enum ?? pair.new.identity,
          `${what} was restricted to a list of enum values`,
        );
        return;
      }
      for (const value of after) {
        emit(
          "enum-value-added",
          pair.new.origin.enum ?? pair.new.identity,
          `added the enum value ${showValue(value)} to ${what}`,
        );
      }
      return;
    }
    if (!before && after) {
      emit(
        "became-enum",
        pair.new.origin.enum ?? pair.new.identity,
        `${what} was restricted to a list of enum values`,
      );
      return;
    }
    if (before && !after) {
      emit(
        "enum-removed",
        pair.old.origin.enum ?? pair.old.identity,
        `${what} is no longer restricted to enum values`,
      );
      return;
    }
    if (!before || !after) return;
    for (const value of missingFrom(after, before)) {
      emit(
        "enum-value-added",
        pair.new.origin.enum ?? pair.new.identity,
        `added the enum value ${showValue(value)} to ${what}`,
      );
    }
    for (const value of missingFrom(before, after)) {
      emit(
        "enum-value-removed",
        pair.old.origin.enum ?? pair.old.identity,
        `removed the enum value ${showValue(value)} from ${what}`,
      );
    }
  },
});
