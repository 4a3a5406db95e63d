import { defineRule } from "../define-rule.js";

/** Parameters added, removed, or made required or optional. Their schemas go through the schema rules. */
export const parameterPresence = defineRule({
  name: "parameter added, removed or required",
  scope: "parameter",
  levels: {
    "new-required-request-parameter": "breaking",
    "new-optional-request-parameter": "info",
    "request-parameter-removed": "warning",
    "request-parameter-became-required": "breaking",
    "request-parameter-became-optional": "info",
  },
  check(pair, emit) {
    const { old: before, new: after } = pair;
    if (after && !before) {
      const kind = after.required ? "required" : "optional";
      emit(
        `new-${kind}-request-parameter`,
        after.loc.pointer,
        `added the new ${kind} ${after.in} request parameter '${after.name}'`,
      );
    } else if (before && !after) {
      emit(
        "request-parameter-removed",
        before.loc.pointer,
        `removed the ${before.in} request parameter '${before.name}'`,
      );
    } else if (before && after && before.required !== after.required) {
      const kind = after.required ? "required" : "optional";
      emit(
        `request-parameter-became-${kind}`,
        `${after.loc.pointer}/required`,
        `the ${after.in} request parameter '${after.name}' became ${kind}`,
      );
    }
  },
});
