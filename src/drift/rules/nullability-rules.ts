import { defineSchemaRule, describeSchema } from "../define-rule.js";

/**
 * A schema became nullable or stopped being nullable. The normal form has already folded the three
 * spellings (`nullable: true`, a `"null"` type, a `oneOf` null branch) into one flag, so changing
 * the spelling alone is no change.
 */
export const nullabilityChanged = defineSchemaRule({
  name: "nullability",
  suffixes: {
    "became-nullable": {
      request: "info",
      response: "breaking",
      "request-parameter-property": "info",
    },
    "became-not-nullable": {
      request: "breaking",
      response: "info",
      "request-parameter-property": "breaking",
    },
  },
  check(pair, emit) {
    if (pair.old.nullable === pair.new.nullable) return;
    if (pair.new.nullable) {
      emit(
        "became-nullable",
        pair.new.origin.nullable ?? pair.new.identity,
        `${describeSchema(pair)} became nullable`,
      );
    } else {
      emit(
        "became-not-nullable",
        pair.old.origin.nullable ?? pair.old.identity,
        `${describeSchema(pair)} became not nullable`,
      );
    }
  },
});
