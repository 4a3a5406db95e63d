import { defineSchemaRule, describeSchema } from "../define-rule.js";

/** Whether nullability comes from a `{type: "null"}` branch of a `oneOf`/`anyOf` (its origin pointer). */
function fromNullBranch(origin: string | undefined): boolean {
  return origin !== undefined && /\/(?:oneOf|anyOf)\/\d+$/.test(origin);
}

/**
 * A schema became nullable or stopped being nullable. The normal form has already folded the three
 * spellings (`nullable: true`, a `"null"` type, a `oneOf` null branch) into one flag, so changing
 * the spelling alone is no change. A parameter wrapped in (or unwrapped from) a `oneOf` with a null
 * branch is, as oasdiff names it, its list of types widened (info) or narrowed (breaking).
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
    "list-of-types-widened": { "request-parameter": "info", "request-parameter-property": null },
    "list-of-types-narrowed": {
      "request-parameter": "breaking",
      "request-parameter-property": null,
    },
  },
  check(pair, emit) {
    if (pair.old.nullable === pair.new.nullable) return;
    const parameter = pair.subject === "request-parameter";
    if (pair.new.nullable && parameter && fromNullBranch(pair.new.origin.nullable)) {
      emit(
        "list-of-types-widened",
        pair.new.origin.nullable ?? pair.new.identity,
        `${describeSchema(pair)} now also accepts null (a oneOf null branch)`,
      );
    } else if (!pair.new.nullable && parameter && fromNullBranch(pair.old.origin.nullable)) {
      emit(
        "list-of-types-narrowed",
        pair.old.origin.nullable ?? pair.old.identity,
        `${describeSchema(pair)} no longer accepts null (its oneOf null branch was removed)`,
      );
    } else if (pair.new.nullable) {
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
