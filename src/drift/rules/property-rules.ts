import { defineRule, type SchemaPair } from "../define-rule.js";
import type { Located } from "../resolve-ref.js";

/**
 * Whether a property takes part in this direction: `readOnly` ones are never sent in a request,
 * `writeOnly` ones never arrive in a response.
 */
function takesPart(pair: SchemaPair, side: "old" | "new", loc: Located): boolean {
  const schema = (side === "old" ? pair.oldSchemas : pair.newSchemas).normalise(loc);
  return pair.direction === "request" ? !schema.readOnly : !schema.writeOnly;
}

/** Properties matter only while both sides may be objects; a type change is reported on its own. */
function bothMayBeObjects(pair: SchemaPair): boolean {
  const may = (types: ReadonlySet<string> | undefined) => !types || types.has("object");
  return may(pair.old.types) && may(pair.new.types);
}

function propertyName(pair: SchemaPair, name: string): string {
  return `'${pair.path === "" ? name : `${pair.path}/${name}`}' (${pair.where})`;
}

/** Request properties added, removed, or made required or optional. */
export const requestProperties = defineRule({
  name: "request properties",
  scope: "schema",
  levels: {
    "new-required-request-property": "breaking",
    "new-optional-request-property": "info",
    "request-property-removed": "warning",
    "request-property-became-required": "breaking",
    "request-property-became-optional": "info",
  },
  check(pair, emit) {
    if (pair.direction !== "request" || !bothMayBeObjects(pair)) return;
    const { old: before, new: after } = pair;
    for (const [name, loc] of after.properties) {
      if (!takesPart(pair, "new", loc)) continue;
      const required = after.required.has(name);
      const previous = before.properties.get(name);
      const label = propertyName(pair, name);
      if (!previous || !takesPart(pair, "old", previous)) {
        const kind = required ? "required" : "optional";
        emit(
          `new-${kind}-request-property`,
          loc.pointer,
          `added the new ${kind} request property ${label}`,
        );
      } else if (required !== before.required.has(name)) {
        const kind = required ? "required" : "optional";
        emit(
          `request-property-became-${kind}`,
          after.origin.required ?? loc.pointer,
          `the request property ${label} became ${kind}`,
        );
      }
    }
    for (const [name, loc] of before.properties) {
      if (after.properties.has(name) || !takesPart(pair, "old", loc)) continue;
      emit(
        "request-property-removed",
        loc.pointer,
        `removed the request property ${propertyName(pair, name)}`,
      );
    }
  },
});

/**
 * Response properties added, removed, or made optional or required. Removing one, even an optional
 * one, is breaking: typed client code reads it.
 */
export const responseProperties = defineRule({
  name: "response properties",
  scope: "schema",
  levels: {
    "response-required-property-removed": "breaking",
    "response-optional-property-removed": "breaking",
    "response-property-became-optional": "breaking",
    "response-property-became-required": "info",
    "response-required-property-added": "info",
    "response-optional-property-added": "info",
  },
  check(pair, emit) {
    if (pair.direction !== "response" || !bothMayBeObjects(pair)) return;
    const { old: before, new: after } = pair;
    for (const [name, loc] of before.properties) {
      if (!takesPart(pair, "old", loc)) continue;
      const wasRequired = before.required.has(name);
      const label = propertyName(pair, name);
      const next = after.properties.get(name);
      if (!next || !takesPart(pair, "new", next)) {
        const kind = wasRequired ? "required" : "optional";
        emit(
          `response-${kind}-property-removed`,
          loc.pointer,
          `removed the ${kind} response property ${label}`,
        );
      } else if (wasRequired && !after.required.has(name)) {
        emit(
          "response-property-became-optional",
          after.origin.required ?? next.pointer,
          `the response property ${label} became optional`,
        );
      } else if (!wasRequired && after.required.has(name)) {
        emit(
          "response-property-became-required",
          after.origin.required ?? next.pointer,
          `the response property ${label} became required`,
        );
      }
    }
    for (const [name, loc] of after.properties) {
      const previous = before.properties.get(name);
      if ((previous && takesPart(pair, "old", previous)) || !takesPart(pair, "new", loc)) continue;
      const kind = after.required.has(name) ? "required" : "optional";
      emit(
        `response-${kind}-property-added`,
        loc.pointer,
        `added the ${kind} response property ${propertyName(pair, name)}`,
      );
    }
  },
});
