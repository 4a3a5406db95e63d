import { defineSchemaRule, describeSchema } from "../define-rule.js";
import { valuesMissingFrom as missingFrom } from "../normalise-schema.js";

/**
 * Enum values added or removed, or the enum itself added or dropped. A new value in a response meets
 * client code with an exhaustive `switch` (warning); a value removed from a request rejects calls.
 */
export const enumChanged = defineSchemaRule({
  name: "enum values",
  suffixes: {
    "enum-value-added": { request: "info", response: "warning" },
    "enum-value-removed": { request: "breaking", response: "info" },
    "became-enum": { request: "breaking", response: "info" },
    "became-not-enum": { request: "info", response: "warning" },
  },
  check(pair, emit) {
    const before = pair.old.enum;
    const after = pair.new.enum;
    const what = describeSchema(pair);
    if (!before && !after) return;
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
        "became-not-enum",
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
        `added the enum value ${JSON.stringify(value)} to ${what}`,
      );
    }
    for (const value of missingFrom(before, after)) {
      emit(
        "enum-value-removed",
        pair.old.origin.enum ?? pair.old.identity,
        `removed the enum value ${JSON.stringify(value)} from ${what}`,
      );
    }
  },
});
