import { defineSchemaRule, describeSchema } from "../define-rule.js";
import { showValue } from "../show-value.js";
import { parseSunset, today } from "../sunset-date.js";

const INFO_EVERYWHERE = { request: "info", response: "info" } as const;
const NOT_FOR_PARAMETERS = { ...INFO_EVERYWHERE, "request-parameter": null } as const;

/** `default` added, removed or changed: the server fills in something else when a value is left out. */
export const defaultChanged = defineSchemaRule({
  name: "default value",
  suffixes: {
    "default-value-added": INFO_EVERYWHERE,
    "default-value-removed": INFO_EVERYWHERE,
    "default-value-changed": INFO_EVERYWHERE,
  },
  check(pair, emit) {
    const before = pair.old.default;
    const after = pair.new.default;
    if (!before && !after) return;
    const what = `${describeSchema(pair)} default value`;
    if (!before && after) {
      emit(
        "default-value-added",
        at(pair.new, "default"),
        `${what} ${showValue(after.value)} was added`,
      );
    } else if (before && !after) {
      emit(
        "default-value-removed",
        at(pair.old, "default"),
        `${what} ${showValue(before.value)} was removed`,
      );
    } else if (before && after && JSON.stringify(before.value) !== JSON.stringify(after.value)) {
      emit(
        "default-value-changed",
        at(pair.new, "default"),
        `${what} changed from ${showValue(before.value)} to ${showValue(after.value)}`,
      );
    }
  },
});

/** A discriminator added, removed, renamed, or its mapping changed: oasdiff reports these as info. */
export const discriminatorChanged = defineSchemaRule({
  name: "discriminator",
  suffixes: {
    "discriminator-added": NOT_FOR_PARAMETERS,
    "discriminator-removed": NOT_FOR_PARAMETERS,
    "discriminator-property-name-changed": NOT_FOR_PARAMETERS,
    "discriminator-mapping-added": NOT_FOR_PARAMETERS,
    "discriminator-mapping-deleted": NOT_FOR_PARAMETERS,
    "discriminator-mapping-changed": NOT_FOR_PARAMETERS,
  },
  check(pair, emit) {
    const before = pair.old.discriminator;
    const after = pair.new.discriminator;
    const what = describeSchema(pair);
    if (!before && !after) return;
    if (!before && after) {
      emit(
        "discriminator-added",
        at(pair.new, "discriminator"),
        `added a discriminator to ${what}`,
      );
      return;
    }
    if (before && !after) {
      emit(
        "discriminator-removed",
        at(pair.old, "discriminator"),
        `removed the discriminator of ${what}`,
      );
      return;
    }
    if (!before || !after) return;
    const location = at(pair.new, "discriminator");
    if (before.propertyName !== after.propertyName) {
      emit(
        "discriminator-property-name-changed",
        location,
        `the discriminator property of ${what} changed from ${showValue(before.propertyName)} to ${showValue(after.propertyName)}`,
      );
    }
    for (const [value, target] of Object.entries(after.mapping)) {
      const previous = before.mapping[value];
      if (previous === undefined) {
        emit(
          "discriminator-mapping-added",
          location,
          `added the discriminator mapping ${showValue(value)} to ${what}`,
        );
      } else if (previous !== target) {
        emit(
          "discriminator-mapping-changed",
          location,
          `the discriminator mapping ${showValue(value)} of ${what} changed from ${showValue(previous)} to ${showValue(target)}`,
        );
      }
    }
    for (const value of Object.keys(before.mapping)) {
      if (!(value in after.mapping)) {
        emit(
          "discriminator-mapping-deleted",
          location,
          `removed the discriminator mapping ${showValue(value)} from ${what}`,
        );
      }
    }
  },
});

/** A property deprecated or no longer deprecated (parameters and operations have their own rules). */
export const propertyDeprecation = defineSchemaRule({
  name: "property deprecation",
  suffixes: {
    deprecated: { "request-property": "info", "response-property": "info" },
    "deprecated-with-sunset": { "request-property": "info", "response-property": "info" },
    "sunset-date-too-small": { "request-property": "breaking", "response-property": "breaking" },
    "deprecated-invalid": { "request-property": "breaking", "response-property": "breaking" },
    reactivated: { "request-property": "info", "response-property": "info" },
  },
  check(pair, emit) {
    if (pair.old.deprecated === pair.new.deprecated) return;
    if (pair.new.deprecated) {
      const sunset = pair.new.sunset === undefined ? undefined : parseSunset(pair.new.sunset);
      const where = at(pair.new, "deprecated");
      if (sunset === undefined && pair.new.sunset !== undefined) {
        emit(
          "deprecated-invalid",
          where,
          `${describeSchema(pair)} was deprecated with an x-sunset that is not an RFC 3339 date: '${pair.new.sunset}'`,
        );
      } else if (sunset === undefined) {
        emit("deprecated", where, `${describeSchema(pair)} was deprecated`);
      } else if (sunset < today()) {
        emit(
          "sunset-date-too-small",
          where,
          `${describeSchema(pair)} was deprecated with a sunset date ${sunset} already past`,
        );
      } else {
        emit(
          "deprecated-with-sunset",
          where,
          `${describeSchema(pair)} was deprecated with sunset date ${sunset}`,
        );
      }
    } else {
      emit("reactivated", pair.new.identity, `${describeSchema(pair)} is no longer deprecated`);
    }
  },
});

function at(
  schema: { origin: Readonly<Record<string, string>>; identity: string },
  key: string,
): string {
  return schema.origin[key] ?? schema.identity;
}
