import { defineRule } from "../define-rule.js";
import { coversTypes } from "./type-rules.js";

function showTypes(types: ReadonlySet<string> | undefined): string {
  return types ? [...types].sort().join(" | ") : "any type";
}

/**
 * Response headers (matched case-insensitively) added, removed, made optional, and their schema's
 * type and nullability, at oasdiff's levels: a client may read a header it was promised.
 */
export const responseHeaders = defineRule({
  name: "response headers",
  scope: "operation",
  levels: {
    "response-header-added": "info",
    "required-response-header-removed": "breaking",
    "optional-response-header-removed": "warning",
    "response-header-became-optional": "breaking",
    "response-header-type-changed": "breaking",
    "response-header-type-generalized": "breaking",
    "response-header-type-specialized": "info",
    "response-header-became-nullable": "breaking",
    "response-header-became-not-nullable": "info",
  },
  check(pair, emit) {
    for (const [status, response] of pair.new.responses) {
      const previous = pair.old.responses.get(status);
      if (!previous) continue;
      for (const [key, was] of previous.headers) {
        const is = response.headers.get(key);
        const label = `'${was.name}' for the status ${status}`;
        if (!is) {
          emit(
            was.required ? "required-response-header-removed" : "optional-response-header-removed",
            was.loc.pointer,
            `removed the ${was.required ? "required" : "optional"} response header ${label}`,
          );
          continue;
        }
        if (was.required && !is.required) {
          emit(
            "response-header-became-optional",
            is.loc.pointer,
            `the response header ${label} became optional`,
          );
        }
        if (!was.schema || !is.schema) continue;
        const before = pair.oldSchemas.normalise(was.schema);
        const after = pair.newSchemas.normalise(is.schema);
        const wider = coversTypes(after.types, before.types);
        const narrower = coversTypes(before.types, after.types);
        if (!(wider && narrower)) {
          const id = wider
            ? "response-header-type-generalized"
            : narrower
              ? "response-header-type-specialized"
              : "response-header-type-changed";
          emit(
            id,
            after.origin.type ?? is.schema.pointer,
            `the type of the response header ${label} changed from ${showTypes(before.types)} to ${showTypes(after.types)}`,
          );
        }
        if (before.nullable !== after.nullable) {
          emit(
            after.nullable
              ? "response-header-became-nullable"
              : "response-header-became-not-nullable",
            is.schema.pointer,
            `the response header ${label} became ${after.nullable ? "" : "not "}nullable`,
          );
        }
      }
      for (const [key, is] of response.headers) {
        if (previous.headers.has(key)) continue;
        emit(
          "response-header-added",
          is.loc.pointer,
          `added the response header '${is.name}' for the status ${status}`,
        );
      }
    }
  },
});
