import { defineRule } from "../define-rule.js";

/**
 * Operations removed or added. Removing an operation is breaking even when it was deprecated
 * (oasdiff lowers that after the sunset date; we have no sunset policy, and the call still fails).
 */
export const endpointAddedOrRemoved = defineRule({
  name: "endpoint added or removed",
  scope: "endpoint",
  levels: {
    "api-path-removed-without-deprecation": "breaking",
    "api-path-removed-with-deprecation": "breaking",
    "api-removed-without-deprecation": "breaking",
    "api-removed-with-deprecation": "breaking",
    "endpoint-added": "info",
  },
  check(pair, emit) {
    if (pair.old && !pair.new) {
      const deprecation = pair.old.deprecated ? "with-deprecation" : "without-deprecation";
      const what = pair.pathStillExists ? "api" : "api-path";
      emit(
        `${what}-removed-${deprecation}`,
        pair.old.loc.pointer,
        `${pair.pathStillExists ? "operation" : "path and operation"} removed${pair.old.deprecated ? " (it was deprecated)" : ""}`,
      );
    } else if (pair.new && !pair.old) {
      emit("endpoint-added", pair.new.loc.pointer, "endpoint added");
    }
  },
});

/** `deprecated` switched on or off. */
export const endpointDeprecation = defineRule({
  name: "endpoint deprecation",
  scope: "operation",
  levels: { "endpoint-deprecated": "info", "endpoint-reactivated": "info" },
  check(pair, emit) {
    const location = `${pair.new.loc.pointer}/deprecated`;
    if (!pair.old.deprecated && pair.new.deprecated) {
      emit("endpoint-deprecated", location, "endpoint deprecated");
    } else if (pair.old.deprecated && !pair.new.deprecated) {
      emit("endpoint-reactivated", pair.new.loc.pointer, "endpoint no longer deprecated");
    }
  },
});

/**
 * `operationId` changed: HTTP calls still work, but generated client code names operations by it,
 * so code written against OLD may no longer compile.
 */
export const operationIdChanged = defineRule({
  name: "operation id",
  scope: "operation",
  levels: { "api-operation-id-removed": "warning", "api-operation-id-added": "info" },
  check(pair, emit) {
    const before = pair.old.operationId;
    const after = pair.new.operationId;
    if (before === after) return;
    if (before === undefined) {
      emit(
        "api-operation-id-added",
        `${pair.new.loc.pointer}/operationId`,
        `operation id '${after}' added`,
      );
    } else {
      emit(
        "api-operation-id-removed",
        after === undefined
          ? `${pair.old.loc.pointer}/operationId`
          : `${pair.new.loc.pointer}/operationId`,
        after === undefined
          ? `operation id '${before}' removed`
          : `operation id '${before}' replaced with '${after}'`,
      );
    }
  },
});
