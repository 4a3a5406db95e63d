import { defineSchemaRule, describeSchema } from "../define-rule.js";

/**
 * Alternatives added to or removed from `oneOf`/`anyOf` (null branches excluded: they are nullability).
 * A new alternative in a response is a shape clients do not expect; one removed from a request rejects calls.
 */
export const alternativesChanged = defineSchemaRule({
  name: "oneOf/anyOf alternatives",
  suffixes: {
    "one-of-added": { request: "info", response: "warning" },
    "one-of-removed": { request: "breaking", response: "info" },
    "any-of-added": { request: "info", response: "warning" },
    "any-of-removed": { request: "breaking", response: "info" },
  },
  check(pair, emit) {
    for (const [keyword, stem] of [
      ["oneOf", "one-of"],
      ["anyOf", "any-of"],
    ] as const) {
      const before = pair.old[keyword];
      const after = pair.new[keyword];
      if (!before || !after || before.length === after.length) continue;
      const count = Math.abs(after.length - before.length);
      if (after.length > before.length) {
        emit(
          `${stem}-added`,
          pair.new.origin[keyword] ?? pair.new.identity,
          `added ${count} alternative(s) to the ${keyword} of ${describeSchema(pair)}`,
        );
      } else {
        emit(
          `${stem}-removed`,
          pair.old.origin[keyword] ?? pair.old.identity,
          `removed ${count} alternative(s) from the ${keyword} of ${describeSchema(pair)}`,
        );
      }
    }
  },
});
