/** The one object guard: what a parsed JSON or YAML value is when it is an object. */

/** A parsed JSON object: string keys, values not yet known. */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
