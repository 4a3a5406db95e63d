import { defineRule, type SchemaPair } from "../define-rule.js";
import { type Located, realPointer } from "../document-side.js";
import type { NormalSchema } from "../normalise-schema.js";

/**
 * Properties are compared while both sides may be objects, or when the type did not change (oasdiff
 * compares `properties` as written, even beside another type); a type change is reported on its own.
 */
function bothMayBeObjects(pair: SchemaPair): boolean {
  const may = (types: ReadonlySet<string> | undefined) => !types || types.has("object");
  const same = (a?: ReadonlySet<string>, b?: ReadonlySet<string>) =>
    a !== undefined && b !== undefined && a.size === b.size && [...a].every((t) => b.has(t));
  return (may(pair.old.types) && may(pair.new.types)) || same(pair.old.types, pair.new.types);
}

function propertyName(pair: SchemaPair, name: string): string {
  return `'${pair.path === "" ? name : `${pair.path}/${name}`}' (${pair.where})`;
}

function schemaOf(pair: SchemaPair, side: "old" | "new", loc: Located): NormalSchema {
  return (side === "old" ? pair.oldSchemas : pair.newSchemas).normalise(loc);
}

type Emit = (id: string, location: string, message: string) => void;

/** readOnly/writeOnly switched on or off: `<prefix>-property-became-[not-]read-only`. */
function mutability(
  prefix: string,
  before: NormalSchema,
  after: NormalSchema,
  location: string,
  label: string,
  emit: Emit,
): void {
  for (const [key, text] of [
    ["readOnly", "read-only"],
    ["writeOnly", "write-only"],
  ] as const) {
    if (before[key] === after[key]) continue;
    const id = `${prefix}-property-became-${after[key] ? "" : "not-"}${text}`;
    emit(
      id,
      location,
      `the ${prefix.replace(/-/g, " ")} property ${label} became ${after[key] ? "" : "not "}${text}`,
    );
  }
}

/**
 * Request body properties added, removed, made required or optional, or made read-only/write-only.
 * A `readOnly` property is never sent, so adding or requiring one asks nothing of a client.
 */
export const requestProperties = defineRule({
  name: "request properties",
  scope: "schema",
  levels: {
    "new-required-request-property": "breaking",
    "new-required-request-property-with-default": "breaking",
    "new-optional-request-property": "info",
    "request-property-removed": "warning",
    "request-property-became-required": "breaking",
    "request-property-became-required-with-default": "breaking",
    "request-property-became-optional": "info",
    "request-required-property-became-read-only": "info",
    "request-required-property-became-not-read-only": "info",
    "request-required-property-became-write-only": "info",
    "request-required-property-became-not-write-only": "info",
    "request-optional-property-became-read-only": "info",
    "request-optional-property-became-not-read-only": "info",
    "request-optional-property-became-write-only": "info",
    "request-optional-property-became-not-write-only": "info",
  },
  check(pair, typedEmit) {
    const emit = typedEmit as unknown as Emit;
    if (pair.direction !== "request" || pair.subject.startsWith("request-parameter")) return;
    if (!bothMayBeObjects(pair)) return;
    const { old: before, new: after } = pair;
    for (const [name, loc] of after.properties) {
      const now = schemaOf(pair, "new", loc);
      const required = after.required.has(name);
      const previous = before.properties.get(name);
      const label = propertyName(pair, name);
      const kind = required ? "required" : "optional";
      if (!previous) {
        if (now.readOnly) continue;
        const withDefault = required && now.default ? "-with-default" : "";
        emit(
          `new-${kind}-request-property${withDefault}`,
          realPointer(loc),
          `added the new ${kind} request property ${label}${withDefault ? " (it has a default value)" : ""}`,
        );
        continue;
      }
      const was = schemaOf(pair, "old", previous);
      mutability(`request-${kind}`, was, now, realPointer(loc), label, emit);
      if (now.readOnly) continue;
      if (required !== before.required.has(name)) {
        const withDefault = required && now.default ? "-with-default" : "";
        emit(
          `request-property-became-${kind}${withDefault}`,
          after.origin.required ?? realPointer(loc),
          `the request property ${label} became ${kind}`,
        );
      }
    }
    for (const [name, loc] of before.properties) {
      if (after.properties.has(name) || schemaOf(pair, "old", loc).readOnly) continue;
      emit(
        "request-property-removed",
        realPointer(loc),
        `removed the request property ${propertyName(pair, name)}`,
      );
    }
  },
});

/**
 * Properties of an object sent in a header parameter (oasdiff's own checks): a new required one, or
 * one made required, must now be sent by every client (breaking).
 */
export const headerParameterProperties = defineRule({
  name: "header parameter properties",
  scope: "schema",
  levels: {
    "new-required-request-header-property": "breaking",
    "request-header-property-became-required": "breaking",
  },
  check(pair, emit) {
    if (pair.subject !== "request-parameter-property" && pair.subject !== "request-parameter")
      return;
    if (pair.parameterIn !== "header" || !bothMayBeObjects(pair)) return;
    const { old: before, new: after } = pair;
    for (const [name, loc] of after.properties) {
      if (!after.required.has(name)) continue;
      const label = `'${pair.path === "" ? name : `${pair.path}/${name}`}' of the ${pair.where}`;
      if (!before.properties.has(name)) {
        emit(
          "new-required-request-header-property",
          realPointer(loc),
          `added the new required property ${label}`,
        );
      } else if (!before.required.has(name)) {
        emit(
          "request-header-property-became-required",
          after.origin.required ?? realPointer(loc),
          `the property ${label} became required`,
        );
      }
    }
  },
});

/**
 * Response properties added, removed, made optional or required, or made read-only/write-only, at
 * oasdiff's levels: removing a required property or making one optional breaks clients that read
 * it; an optional property removed is info (clients had to cope with its absence already).
 */
export const responseProperties = defineRule({
  name: "response properties",
  scope: "schema",
  levels: {
    "response-required-property-removed": "breaking",
    "response-optional-property-removed": "info",
    "response-required-write-only-property-removed": "info",
    "response-optional-write-only-property-removed": "info",
    "response-property-became-optional": "breaking",
    "response-write-only-property-became-optional": "info",
    "response-property-became-required": "info",
    "response-write-only-property-became-required": "info",
    "response-required-property-added": "info",
    "response-optional-property-added": "info",
    "response-required-write-only-property-added": "info",
    "response-optional-write-only-property-added": "info",
    "response-required-property-became-read-only": "info",
    "response-required-property-became-not-read-only": "info",
    "response-required-property-became-write-only": "info",
    "response-required-property-became-not-write-only": "warning",
    "response-optional-property-became-read-only": "info",
    "response-optional-property-became-not-read-only": "info",
    "response-optional-property-became-write-only": "info",
    "response-optional-property-became-not-write-only": "info",
  },
  check(pair, typedEmit) {
    const emit = typedEmit as unknown as Emit;
    if (pair.direction !== "response" || !bothMayBeObjects(pair)) return;
    const { old: before, new: after } = pair;
    for (const [name, loc] of before.properties) {
      const was = schemaOf(pair, "old", loc);
      const wasRequired = before.required.has(name);
      const label = propertyName(pair, name);
      const kind = wasRequired ? "required" : "optional";
      const next = after.properties.get(name);
      if (!next) {
        const writeOnly = was.writeOnly ? "write-only-" : "";
        emit(
          `response-${kind}-${writeOnly}property-removed`,
          realPointer(loc),
          `removed the ${kind} response property ${label}`,
        );
        continue;
      }
      const now = schemaOf(pair, "new", next);
      mutability(`response-${kind}`, was, now, realPointer(next), label, emit);
      const writeOnly = now.writeOnly ? "write-only-" : "";
      if (wasRequired && !after.required.has(name)) {
        emit(
          `response-${writeOnly}property-became-optional`,
          after.origin.required ?? realPointer(next),
          `the response property ${label} became optional`,
        );
      } else if (!wasRequired && after.required.has(name)) {
        emit(
          `response-${writeOnly}property-became-required`,
          after.origin.required ?? realPointer(next),
          `the response property ${label} became required`,
        );
      }
    }
    for (const [name, loc] of after.properties) {
      if (before.properties.has(name)) continue;
      const kind = after.required.has(name) ? "required" : "optional";
      const writeOnly = schemaOf(pair, "new", loc).writeOnly ? "write-only-" : "";
      emit(
        `response-${kind}-${writeOnly}property-added`,
        realPointer(loc),
        `added the ${kind} response property ${propertyName(pair, name)}`,
      );
    }
  },
});
