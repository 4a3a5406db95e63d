import { defineSchemaRule, describeSchema } from "../define-rule.js";
import { matchAlternatives, shapeKey } from "../match-alternatives.js";

/**
 * Alternatives added to or removed from `oneOf`/`anyOf` (null branches excluded: they are
 * nullability), matched by content (match-alternatives.ts), not by position. A new alternative in a
 * response is a shape clients do not expect; one removed from a request rejects calls.
 */
export const alternativesChanged = defineSchemaRule({
  name: "oneOf/anyOf alternatives",
  suffixes: {
    "one-of-added": { request: "info", response: "breaking", "request-parameter": null },
    "one-of-removed": { request: "breaking", response: "info", "request-parameter": null },
    "any-of-added": { request: "info", response: "breaking", "request-parameter": null },
    "any-of-removed": { request: "breaking", response: "info", "request-parameter": null },
  },
  check(pair, emit) {
    for (const [keyword, stem] of [
      ["oneOf", "one-of"],
      ["anyOf", "any-of"],
    ] as const) {
      const before = pair.old[keyword];
      const after = pair.new[keyword];
      if (!before || !after) continue;
      const match = matchAlternatives(before, after, pair.oldSchemas, pair.newSchemas);
      for (const j of match.added) {
        emit(
          `${stem}-added`,
          after[j]?.pointer ?? pair.new.identity,
          `added an alternative (#${j + 1}) to the ${keyword} of ${describeSchema(pair)}`,
        );
      }
      for (const i of match.removed) {
        emit(
          `${stem}-removed`,
          before[i]?.pointer ?? pair.old.identity,
          `removed an alternative (#${i + 1}) from the ${keyword} of ${describeSchema(pair)}`,
        );
      }
    }
  },
});

/**
 * `allOf` members added or removed (matched by content), when both versions use `allOf`. A new
 * member constrains what a client may send; one removed loosens what a server may return. A member
 * that only documents (no constraint) is `*-annotation-only`, info. What the members add up to is
 * compared too, so the constraint a new member brings is also reported on its own.
 */
export const allOfChanged = defineSchemaRule({
  name: "allOf members",
  suffixes: {
    "all-of-added": { request: "breaking", response: "info", "request-parameter": null },
    "all-of-removed": { request: "info", response: "breaking", "request-parameter": null },
    "all-of-added-annotation-only": {
      request: "info",
      response: "info",
      "request-parameter": null,
    },
    "all-of-removed-annotation-only": {
      request: "info",
      response: "info",
      "request-parameter": null,
    },
  },
  check(pair, emit) {
    const before = pair.old.allOf;
    const after = pair.new.allOf;
    if (!before || !after) return;
    const match = matchAlternatives(before, after, pair.oldSchemas, pair.newSchemas);
    for (const j of match.added) {
      const member = after[j];
      if (!member) continue;
      const annotationOnly = shapeKey(member, pair.newSchemas) === "{}";
      emit(
        annotationOnly ? "all-of-added-annotation-only" : "all-of-added",
        member.pointer,
        `added a member (#${j + 1}) to the allOf of ${describeSchema(pair)}`,
      );
    }
    for (const i of match.removed) {
      const member = before[i];
      if (!member) continue;
      const annotationOnly = shapeKey(member, pair.oldSchemas) === "{}";
      emit(
        annotationOnly ? "all-of-removed-annotation-only" : "all-of-removed",
        member.pointer,
        `removed a member (#${i + 1}) from the allOf of ${describeSchema(pair)}`,
      );
    }
  },
});
