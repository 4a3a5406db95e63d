import { defineRule } from "../define-rule.js";
import { parseSunset, today } from "../sunset-date.js";

/**
 * Operations removed or added. Removing an operation is breaking unless it was deprecated and its
 * `x-sunset` date (if any) has passed: oasdiff's sanctioned removal.
 */
export const endpointAddedOrRemoved = defineRule({
  name: "endpoint added or removed",
  scope: "endpoint",
  levels: {
    "api-path-removed-without-deprecation": "breaking",
    "api-path-removed-with-deprecation": "info",
    "api-path-removed-before-sunset": "breaking",
    "api-path-sunset-parse": "breaking",
    "api-removed-without-deprecation": "breaking",
    "api-removed-with-deprecation": "info",
    "api-removed-before-sunset": "breaking",
    "endpoint-added": "info",
  },
  check(pair, emit) {
    if (pair.old && !pair.new) {
      const what = pair.pathStillExists ? "api" : "api-path";
      const subject = pair.pathStillExists ? "operation" : "path and operation";
      const location = pair.old.loc.pointer;
      if (!pair.old.deprecated) {
        emit(
          `${what}-removed-without-deprecation`,
          location,
          `${subject} removed without deprecation`,
        );
        return;
      }
      const sunset = pair.old.sunset;
      const date = sunset === undefined ? undefined : parseSunset(sunset);
      if (sunset !== undefined && date === undefined) {
        // oasdiff reports an unreadable sunset as api-path-sunset-parse for an operation too.
        emit(
          "api-path-sunset-parse",
          location,
          `${subject} removed; its x-sunset '${sunset}' is not a date`,
        );
      } else if (date !== undefined && today() < date) {
        emit(
          `${what}-removed-before-sunset`,
          location,
          `${subject} removed before its sunset date ${date}`,
        );
      } else {
        emit(`${what}-removed-with-deprecation`, location, `deprecated ${subject} removed`);
      }
    } else if (pair.new && !pair.old) {
      emit("endpoint-added", pair.new.loc.pointer, "endpoint added");
    }
  },
});

/**
 * `deprecated` switched on or off, and the `x-sunset` date of a deprecated operation: set in the past,
 * unreadable, deleted while still deprecated, or moved earlier.
 */
export const endpointDeprecation = defineRule({
  name: "endpoint deprecation",
  scope: "operation",
  levels: {
    "endpoint-deprecated": "info",
    "endpoint-deprecated-with-sunset": "info",
    "endpoint-reactivated": "info",
    "api-deprecated-sunset-parse": "breaking",
    "api-sunset-date-too-small": "breaking",
    "api-sunset-deleted": "breaking",
    "api-sunset-date-changed-too-small": "breaking",
  },
  check(pair, emit) {
    const location = `${pair.new.loc.pointer}/deprecated`;
    const sunsetAt = `${pair.new.loc.pointer}/x-sunset`;
    const sunset = pair.new.sunset;
    const date = sunset === undefined ? undefined : parseSunset(sunset);
    if (!pair.old.deprecated && pair.new.deprecated) {
      if (sunset === undefined) emit("endpoint-deprecated", location, "endpoint deprecated");
      else if (date === undefined)
        emit(
          "api-deprecated-sunset-parse",
          sunsetAt,
          `endpoint deprecated; its x-sunset '${sunset}' is not a date`,
        );
      else if (date < today())
        emit(
          "api-sunset-date-too-small",
          sunsetAt,
          `endpoint deprecated with a sunset date ${date} already past`,
        );
      else
        emit(
          "endpoint-deprecated-with-sunset",
          location,
          `endpoint deprecated with sunset date ${date}`,
        );
    } else if (pair.old.deprecated && !pair.new.deprecated) {
      emit("endpoint-reactivated", pair.new.loc.pointer, "endpoint no longer deprecated");
    } else if (pair.old.deprecated && pair.new.deprecated && pair.old.sunset !== undefined) {
      const before = parseSunset(pair.old.sunset);
      if (sunset === undefined) {
        emit(
          "api-sunset-deleted",
          pair.new.loc.pointer,
          `the sunset date ${pair.old.sunset} was deleted while the endpoint stays deprecated`,
        );
      } else if (before !== undefined && date !== undefined && date < before) {
        emit(
          "api-sunset-date-changed-too-small",
          sunsetAt,
          `the sunset date moved earlier, from ${before} to ${date}`,
        );
      }
    }
  },
});

/**
 * `operationId` changed. oasdiff reports it as info: HTTP calls still work. (Code that names
 * operations by id, such as `validateResponse(api, { operation })`, must follow the new id.)
 */
export const operationIdChanged = defineRule({
  name: "operation id",
  scope: "operation",
  levels: { "api-operation-id-removed": "info", "api-operation-id-added": "info" },
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
