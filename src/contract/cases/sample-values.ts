/**
 * Valid values for a parameter, from its schema alone: what a case sends when the spec is all it
 * knows. Every value satisfies the schema (type, format, enum, bounds), so a mock server never has
 * a reason to reject it.
 * @see https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
import type { SchemaLike } from "../../runtime/operation-index.js";

/** The date sample: a real calendar date well inside any plausible billing history. */
export const SAMPLE_DATE = "2025-01-15";

/** The date-time sample (RFC 3339, zone included). */
export const SAMPLE_DATE_TIME = "2025-01-15T12:00:00Z";

function typeOf(schema: SchemaLike): string | undefined {
  const type = schema.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.find((t) => t !== "null") as string | undefined;
  return undefined;
}

function enumOf(schema: SchemaLike): unknown[] | undefined {
  return Array.isArray(schema.enum) ? schema.enum.filter((v) => v !== null) : undefined;
}

/** A number inside the schema's bounds, preferring `preferred`. */
function boundedNumber(schema: SchemaLike, preferred: number, integer: boolean): number {
  const min = typeof schema.minimum === "number" ? schema.minimum : undefined;
  const max = typeof schema.maximum === "number" ? schema.maximum : undefined;
  const exclusiveMin =
    typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum : undefined;
  const exclusiveMax =
    typeof schema.exclusiveMaximum === "number" ? schema.exclusiveMaximum : undefined;
  let value = preferred;
  const step = integer ? 1 : 0.5;
  if (min !== undefined && value < min) value = integer ? Math.ceil(min) : min;
  if (exclusiveMin !== undefined && value <= exclusiveMin) value = Math.floor(exclusiveMin) + step;
  if (max !== undefined && value > max) value = integer ? Math.floor(max) : max;
  if (exclusiveMax !== undefined && value >= exclusiveMax) value = Math.ceil(exclusiveMax) - step;
  return value;
}

function sampleString(schema: SchemaLike): string {
  switch (schema.format) {
    case "date":
      return SAMPLE_DATE;
    case "date-time":
      return SAMPLE_DATE_TIME;
    case "uuid":
      return "00000000-0000-4000-8000-000000000000";
    case "email":
      return "contract-test@example.com";
    case "uri":
      return "https://example.com/";
    default: {
      const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
      const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
      const text = "contract-test".padEnd(minLength, "x");
      return text.slice(0, Math.max(minLength, Math.min(text.length, maxLength)));
    }
  }
}

/**
 * One valid value for `schema`: its first enum value, or a typed sample (a date for `format: date`,
 * 1 for numbers within bounds, a one-element array for arrays). Undefined for schemas it cannot
 * satisfy safely (objects, a `pattern` it cannot honour).
 */
export function sampleValue(schema: SchemaLike): unknown {
  const values = sampleValues(schema);
  return values[0];
}

/**
 * Every value worth sending alone: each enum value (each as a one-element array for an
 * array-of-enum), else one typed sample. Empty when no safe value is known.
 */
export function sampleValues(schema: SchemaLike): unknown[] {
  const choices = enumOf(schema);
  if (choices && choices.length > 0) return choices;
  if (typeof schema.pattern === "string") return [];
  switch (typeOf(schema)) {
    case "string":
      return [sampleString(schema)];
    case "integer":
      return [boundedNumber(schema, 1, true)];
    case "number":
      return [boundedNumber(schema, 1, false)];
    case "boolean":
      return [true, false];
    case "array": {
      const items = (schema.items ?? {}) as SchemaLike;
      return sampleValues(items).map((item) => [item]);
    }
    default:
      return [];
  }
}
