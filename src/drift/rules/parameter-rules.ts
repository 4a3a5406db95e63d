import { defineRule, type ParameterPair } from "../define-rule.js";
import type { Located } from "../document-side.js";
import type { SchemaNormaliser } from "../normalise-schema.js";
import { parseSunset, today } from "../sunset-date.js";

const SCALARS = new Set(["string", "number", "integer", "boolean"]);

/** explode makes no difference on the wire for a value that is one scalar on both sides. */
function bothScalar(pair: ParameterPair): boolean {
  const scalar = (schemas: SchemaNormaliser, loc: Located | undefined) => {
    if (!loc) return false;
    const normal = schemas.normalise(loc);
    return (
      normal.types !== undefined &&
      [...normal.types].every((t) => SCALARS.has(t)) &&
      !normal.oneOf &&
      !normal.anyOf
    );
  };
  return scalar(pair.oldSchemas, pair.old?.schema) && scalar(pair.newSchemas, pair.new?.schema);
}

/**
 * Parameters added, removed (with or before their deprecation's sunset), made required or optional,
 * deprecated, and their serialisation (`style`, `explode`, `allowReserved`). Their schemas go
 * through the schema rules.
 */
export const parameterPresence = defineRule({
  name: "parameter added, removed or required",
  scope: "parameter",
  levels: {
    "new-required-request-parameter": "breaking",
    "new-optional-request-parameter": "info",
    "new-request-path-parameter": "breaking",
    "request-parameter-removed": "warning",
    "request-parameter-removed-with-deprecation": "info",
    "request-parameter-removed-before-sunset": "breaking",
    "request-parameter-sunset-parse": "breaking",
    "request-parameter-became-required": "breaking",
    "request-parameter-became-optional": "info",
    "request-parameter-deprecated": "info",
    "request-parameter-sunset-date-too-small": "breaking",
    "request-parameter-sunset-deleted": "breaking",
    "request-parameter-sunset-date-changed-too-small": "breaking",
    "request-parameter-reactivated": "info",
    "request-parameter-style-changed": "breaking",
    "request-parameter-explode-changed": "breaking",
    "request-parameter-became-allow-reserved": "info",
    "request-parameter-became-not-allow-reserved": "breaking",
  },
  check(pair, emit) {
    const { old: before, new: after } = pair;
    if (after && !before) {
      if (after.in === "path") {
        emit(
          "new-request-path-parameter",
          after.loc.pointer,
          `added the new path request parameter '${after.name}'`,
        );
        return;
      }
      const kind = after.required ? "required" : "optional";
      emit(
        `new-${kind}-request-parameter`,
        after.loc.pointer,
        `added the new ${kind} ${after.in} request parameter '${after.name}'`,
      );
      return;
    }
    if (before && !after) {
      const what = `the ${before.in} request parameter '${before.name}'`;
      const date = before.sunset === undefined ? undefined : parseSunset(before.sunset);
      if (!before.deprecated)
        emit("request-parameter-removed", before.loc.pointer, `removed ${what}`);
      else if (before.sunset !== undefined && date === undefined)
        emit(
          "request-parameter-sunset-parse",
          before.loc.pointer,
          `removed ${what}; its x-sunset '${before.sunset}' is not a date`,
        );
      else if (date !== undefined && today() < date)
        emit(
          "request-parameter-removed-before-sunset",
          before.loc.pointer,
          `removed ${what} before its sunset date ${date}`,
        );
      else
        emit(
          "request-parameter-removed-with-deprecation",
          before.loc.pointer,
          `removed the deprecated ${what.slice(4)}`,
        );
      return;
    }
    if (!before || !after) return;
    const what = `the ${after.in} request parameter '${after.name}'`;
    if (before.required !== after.required) {
      const kind = after.required ? "required" : "optional";
      emit(
        `request-parameter-became-${kind}`,
        `${after.loc.pointer}/required`,
        `${what} became ${kind}`,
      );
    }
    const sunset = after.sunset === undefined ? undefined : parseSunset(after.sunset);
    if (!before.deprecated && after.deprecated) {
      if (sunset !== undefined && sunset < today()) {
        emit(
          "request-parameter-sunset-date-too-small",
          after.loc.pointer,
          `${what} was deprecated with a sunset date ${sunset} already past`,
        );
      } else {
        emit(
          "request-parameter-deprecated",
          `${after.loc.pointer}/deprecated`,
          `${what} was deprecated`,
        );
      }
    } else if (before.deprecated && !after.deprecated) {
      emit("request-parameter-reactivated", after.loc.pointer, `${what} is no longer deprecated`);
    } else if (before.deprecated && after.deprecated && before.sunset !== undefined) {
      const earlier = parseSunset(before.sunset);
      if (after.sunset === undefined) {
        emit(
          "request-parameter-sunset-deleted",
          after.loc.pointer,
          `${what}: the sunset date ${before.sunset} was deleted while it stays deprecated`,
        );
      } else if (earlier !== undefined && sunset !== undefined && sunset < earlier) {
        emit(
          "request-parameter-sunset-date-changed-too-small",
          after.loc.pointer,
          `${what}: the sunset date moved earlier, from ${earlier} to ${sunset}`,
        );
      }
    }
    if (before.style !== undefined && after.style !== undefined) {
      if (before.style !== after.style) {
        emit(
          "request-parameter-style-changed",
          after.loc.pointer,
          `${what} style changed from '${before.style}' to '${after.style}'`,
        );
      } else if (before.explode !== after.explode && !bothScalar(pair)) {
        emit(
          "request-parameter-explode-changed",
          after.loc.pointer,
          `${what} explode changed from ${before.explode} to ${after.explode}`,
        );
      }
    }
    if (after.in === "query" && before.allowReserved !== after.allowReserved) {
      emit(
        after.allowReserved
          ? "request-parameter-became-allow-reserved"
          : "request-parameter-became-not-allow-reserved",
        after.loc.pointer,
        `${what} ${after.allowReserved ? "now allows" : "no longer allows"} reserved characters`,
      );
    }
  },
});
