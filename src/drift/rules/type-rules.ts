import { defineSchemaRule, describeSchema, type SchemaPair } from "../define-rule.js";

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

function showType(types: ReadonlySet<string> | undefined, format: string | undefined): string {
  const type = types ? [...types].sort().join(" | ") || "nothing" : "any type";
  return format === undefined ? type : `${type}/${format}`;
}

/**
 * A parameter outside a body travels as text: a plain string admits whatever an integer, number or
 * boolean parameter did, so changing to one widens what the client may send (see the README's policy).
 */
function textWidens(pair: SchemaPair): boolean {
  return (
    pair.subject === "request-parameter" &&
    pair.new.types?.size === 1 &&
    pair.new.types.has("string") &&
    pair.new.format === undefined &&
    pair.new.pattern === undefined &&
    pair.new.enum === undefined &&
    pair.old.types !== undefined &&
    [...pair.old.types].every(
      (t) => t === "string" || t === "integer" || t === "number" || t === "boolean",
    )
  );
}

/**
 * A scalar parameter became an array of that scalar: with form/explode (the query default), one
 * value is a valid one-element array, so old calls still pass (oasdiff: generalized).
 */
function scalarBecameArray(pair: SchemaPair): boolean {
  if (pair.subject !== "request-parameter" || !pair.new.items) return false;
  const before = pair.old.types;
  if (before?.size !== 1 || pair.new.types?.size !== 1 || !pair.new.types.has("array"))
    return false;
  const items = pair.newSchemas.normalise(pair.new.items).types;
  return items?.size === 1 && [...before][0] === [...items][0];
}

/**
 * A schema's type or format changed (oasdiff judges the two together, as `type/format`). Wider in a
 * request or narrower in a response is harmless; the reverse, or an unrelated type, breaks clients.
 * A list of types (`type: [string, integer]`) that only gained or lost members is `list-of-types-*`.
 */
export const typeChanged = defineSchemaRule({
  name: "type changed",
  suffixes: {
    "type-changed": {
      request: "breaking",
      response: "breaking",
      "request-parameter-property": "warning",
    },
    "type-generalized": {
      request: "info",
      response: "breaking",
      "request-parameter-property": "info",
    },
    "type-specialized": { response: "info", "request-parameter-property": "breaking" },
    "list-of-types-widened": {
      request: "info",
      response: "breaking",
      "request-parameter-property": "info",
    },
    "list-of-types-narrowed": {
      request: "breaking",
      response: "info",
      "request-parameter-property": "breaking",
    },
  },
  check(pair, emit) {
    // Types taken from alternatives on both sides: the alternatives' own changes say it better.
    const fromAlternatives = (schema: SchemaPair["old"]) =>
      schema.origin.type === undefined && Boolean(schema.oneOf ?? schema.anyOf);
    if (fromAlternatives(pair.old) && fromAlternatives(pair.new)) return;
    const before = pair.old.types;
    const after = pair.new.types;
    const oldFormat = pair.old.format;
    const newFormat = pair.new.format;
    const typesWider = coversTypes(after, before);
    const typesNarrower = coversTypes(before, after);
    if (typesWider && typesNarrower && oldFormat === newFormat) return;
    const wider =
      (typesWider && (newFormat === undefined || newFormat === oldFormat)) ||
      textWidens(pair) ||
      scalarBecameArray(pair);
    const narrower = typesNarrower && (oldFormat === undefined || oldFormat === newFormat);
    const location = pair.new.origin.type ?? pair.new.origin.format ?? pair.new.identity;
    const what = `${describeSchema(pair)} type/format`;
    const change = `from ${showType(before, oldFormat)} to ${showType(after, newFormat)}`;
    const isList = (before?.size ?? 0) > 1 || (after?.size ?? 0) > 1;
    if (isList && oldFormat === newFormat && before && after) {
      if (typesWider && !typesNarrower) {
        emit("list-of-types-widened", location, `${what} list of types was widened ${change}`);
        return;
      }
      if (typesNarrower && !typesWider) {
        emit("list-of-types-narrowed", location, `${what} list of types was narrowed ${change}`);
        return;
      }
    }
    if (wider) emit("type-generalized", location, `${what} was widened ${change}`);
    else if (
      narrower &&
      (pair.direction === "response" || pair.subject === "request-parameter-property")
    ) {
      emit("type-specialized", location, `${what} was narrowed ${change}`);
    } else emit("type-changed", location, `${what} changed ${change}`);
  },
});
