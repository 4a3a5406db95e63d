/** Following local `$ref`s while reading a document (parameters, responses, path items, schemes). */

import { getAtPointer } from "../document/json-pointer.js";
import type { OpenApiDocument } from "../document/load-document.js";
import { SpecError } from "../errors.js";

type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * `node` itself, or the object its `$ref` chain ends at. An external, dangling or circular chain,
 * or one ending at a non-object, is a {@link SpecError} naming the ref and `at` (where it is used).
 */
export function derefObject(
  document: OpenApiDocument,
  node: unknown,
  at: string,
  file: string,
): JsonObject {
  return deref(document, node, at, file).value;
}

/** Like {@link derefObject}, also giving the JSON Pointer where the object actually lives. */
export function deref(
  document: OpenApiDocument,
  node: unknown,
  at: string,
  file: string,
): { value: JsonObject; pointer: string } {
  const seen = new Set<string>();
  let pointer = at;
  let current = node;
  while (isJsonObject(current) && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (!ref.startsWith("#")) {
      throw new SpecError(
        `${file}: external $ref '${ref}' at ${at} is not supported; bundle the document into one file first`,
        file,
        at,
      );
    }
    if (seen.has(ref)) {
      throw new SpecError(`${file}: circular $ref '${ref}' at ${at}; break the cycle`, file, at);
    }
    seen.add(ref);
    let target: unknown;
    try {
      target = getAtPointer(document, ref);
    } catch {
      target = undefined;
    }
    if (target === undefined) {
      throw new SpecError(
        `${file}: unresolvable $ref '${ref}' at ${at}: nothing is defined there; define it or fix the reference`,
        file,
        at,
      );
    }
    current = target;
    pointer = decodeURIComponent(ref.slice(1));
  }
  if (!isJsonObject(current)) {
    throw new SpecError(`${file}: expected an object at ${at}`, file, at);
  }
  return { value: current, pointer };
}
