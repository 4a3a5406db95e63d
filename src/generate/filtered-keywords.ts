/**
 * Which schemas the generator can only satisfy by filtering: keywords whose values it draws
 * towards but cannot guarantee without a validator (a `oneOf` value must match exactly one
 * branch; an `else` value must fail its `if`; a `not` of more than types and values; a
 * `maxContains`). For those, schema-arbitrary.ts keeps drawing until the caller's validator
 * accepts (bounded retries, then an `Unsatisfied` marker); for the rest, a value the validator
 * rejects stays what it is: a generator bug.
 */
import { DOCUMENT_BASE } from "../document/walk-schemas.js";
import { isJsonObject } from "../runtime/json-value.js";
import type { SchemaSource } from "./schema-source.js";

/** Schema nodes visited at most (a huge document is not walked whole for one schema). */
const MAX_NODES = 5000;

/** Annotation keywords a narrowable `not` may carry beside its one keyword. */
const ANNOTATIONS = new Set(["title", "description", "$comment"]);

/** Whether a `not` is one the generator narrows by (types, enum or const alone). */
export function isNarrowableNot(not: unknown): boolean {
  if (typeof not === "boolean") return true;
  if (!isJsonObject(not)) return false;
  const keys = Object.keys(not).filter((k) => !ANNOTATIONS.has(k));
  return keys.length === 1 && ["type", "enum", "const"].includes(keys[0] as string);
}

/** The keyword of `schema` (not below it) that needs filtering, if any. */
function ownFilteredKeyword(schema: Record<string, unknown>): string | undefined {
  if (Array.isArray(schema.oneOf) && schema.oneOf.length > 1) return "oneOf";
  if (schema.if !== undefined && schema.else !== undefined) return "else";
  if (schema.not !== undefined && !isNarrowableNot(schema.not)) return "not";
  if (typeof schema.maxContains === "number" && schema.contains !== undefined) return "maxContains";
  return undefined;
}

/**
 * The first keyword at or below `schema` (its `$ref`s followed, each target once) that needs
 * filtering, or undefined. Bounded by {@link MAX_NODES}; past it, filtering is assumed.
 */
export function filteredKeyword(source: SchemaSource, schema: unknown): string | undefined {
  const seen = new Set<unknown>();
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (seen.has(node)) continue;
    seen.add(node);
    if (seen.size > MAX_NODES) return "size";
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!isJsonObject(node)) continue;
    const own = ownFilteredKeyword(node);
    if (own !== undefined) return own;
    if (typeof node.$ref === "string") {
      const target = source.resolve(node.$ref, DOCUMENT_BASE);
      if (target !== undefined) stack.push(target.schema);
    }
    for (const [key, value] of Object.entries(node)) {
      // Values of these are data or names, not schemas.
      if (key === "enum" || key === "const" || key === "example" || key === "examples") continue;
      if (value !== null && typeof value === "object") stack.push(value);
    }
  }
  return undefined;
}
