import { defineSchemaRule, describeSchema } from "../define-rule.js";

/** Whether every value of type set `narrow` is admitted by `wide` (undefined = any type; integer ⊂ number). */
export function coversTypes(
  wide: ReadonlySet<string> | undefined,
  narrow: ReadonlySet<string> | undefined,
): boolean {
  if (!wide) return true;
  if (!narrow) return false;
  for (const type of narrow) {
    if (!wide.has(type) && !(type === "integer" && wide.has("number"))) return false;
  }
  return true;
}

function showTypes(types: ReadonlySet<string> | undefined): string {
  return types ? [...types].sort().join(" | ") || "nothing" : "any type";
}

/**
 * A schema's type changed. Widening a request type (integer → number) or narrowing a response type
 * is harmless; any other change can make a client send or receive values of the wrong type.
 */
export const typeChanged = defineSchemaRule({
  name: "type changed",
  suffixes: {
    "type-changed": { request: "breaking", response: "breaking" },
    "type-generalized": { request: "info" },
    "type-specialized": { response: "info" },
  },
  check(pair, emit) {
    const before = pair.old.types;
    const after = pair.new.types;
    const wider = coversTypes(after, before);
    const narrower = coversTypes(before, after);
    if (wider && narrower) return;
    const location = pair.new.origin.type ?? pair.new.identity;
    const what = `${describeSchema(pair)} type`;
    const change = `from ${showTypes(before)} to ${showTypes(after)}`;
    if (pair.direction === "request" && wider) {
      emit("type-generalized", location, `${what} was widened ${change}`);
    } else if (pair.direction === "response" && narrower) {
      emit("type-specialized", location, `${what} was narrowed ${change}`);
    } else {
      emit("type-changed", location, `${what} changed ${change}`);
    }
  },
});
