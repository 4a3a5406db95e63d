/**
 * The one follower of local `$ref` chains through OpenAPI objects (parameters, responses, request
 * bodies, path items, security schemes, and schemas read by hand). Each hop is resolved by
 * walk-schemas' `resolveRefTokens`, the same resolver the schema walker, the bundler and the
 * validators use, so every layer agrees on what a reference means. Chains are bounded
 * ({@link MAX_REF_HOPS}) and a cycle stops at the first repeated reference.
 * @see https://spec.openapis.org/oas/v3.1.0#reference-object
 */
import { SpecError } from "../errors.js";
import { getAtPointer, parsePointer, toPointer } from "../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import { DOCUMENT_BASE, resolveRefTokens, type SchemaResources } from "./walk-schemas.js";

/** Longest `$ref` chain followed before the document is declared broken. */
export const MAX_REF_HOPS = 64;

/** Why a chain stopped before a node without `$ref`. */
export type RefStop = "external" | "not-a-pointer" | "dangling" | "circular";

/** Where a `$ref` chain ended. */
export interface FollowedRef {
  /** The node the chain ends at; when it stopped early, the node holding the `$ref` it stopped at. */
  readonly node: unknown;
  /** JSON Pointer of `node` in the document. */
  readonly pointer: string;
  /** Set when the chain stopped early: why, the `$ref` it stopped at, and the pointer parser's words. */
  readonly stop?: { readonly reason: RefStop; readonly ref: string; readonly detail?: string };
}

// OpenAPI objects outside schemas have no `$id` resources or anchors: only the document itself.
const DOCUMENT_ONLY: SchemaResources = {
  resources: new Map([[DOCUMENT_BASE, []]]),
  anchors: new Map(),
};

/** Follow the local `$ref` chain starting at `node` (which sits at `pointer`), never throwing. */
export function followRef(document: unknown, node: unknown, pointer = ""): FollowedRef {
  const seen = new Set<string>();
  let current = node;
  let at = pointer;
  for (let hop = 0; isJsonObject(current) && typeof current.$ref === "string"; hop++) {
    const ref = current.$ref;
    const stop = (reason: RefStop, detail?: string): FollowedRef => ({
      node: current,
      pointer: at,
      stop: detail === undefined ? { reason, ref } : { reason, ref, detail },
    });
    if (!ref.startsWith("#")) return stop("external");
    if (seen.has(ref) || hop >= MAX_REF_HOPS) return stop("circular");
    seen.add(ref);
    try {
      parsePointer(ref);
    } catch (error) {
      return stop("not-a-pointer", (error as Error).message);
    }
    const tokens = resolveRefTokens(document, ref, DOCUMENT_BASE, DOCUMENT_ONLY);
    if (tokens === undefined) return stop("dangling");
    at = toPointer(tokens);
    current = getAtPointer(document, at);
  }
  return { node: current, pointer: at };
}

/** The object `node`'s local `$ref` chain ends at, or undefined (a broken chain, a non-object). */
export function resolveLocal(document: unknown, node: unknown): JsonObject | undefined {
  const followed = followRef(document, node);
  return followed.stop === undefined && isJsonObject(followed.node) ? followed.node : undefined;
}

/**
 * Like {@link derefObject}, also giving the JSON Pointer where the object actually lives. An
 * external, dangling or circular chain, or one ending at a non-object, is a {@link SpecError}
 * naming the ref and `at` (where it is used).
 */
export function deref(
  document: unknown,
  node: unknown,
  at: string,
  file: string,
): { value: JsonObject; pointer: string } {
  const followed = followRef(document, node, at);
  const stop = followed.stop;
  if (stop?.reason === "external") {
    throw new SpecError(
      `${file}: external $ref '${stop.ref}' at ${at} is not supported; bundle the document into one file first`,
      file,
      at,
    );
  }
  if (stop?.reason === "circular") {
    throw new SpecError(`${file}: circular $ref '${stop.ref}' at ${at}; break the cycle`, file, at);
  }
  if (stop !== undefined) {
    throw new SpecError(
      `${file}: unresolvable $ref '${stop.ref}' at ${at}: nothing is defined there; define it or fix the reference`,
      file,
      at,
    );
  }
  if (!isJsonObject(followed.node)) {
    throw new SpecError(`${file}: expected an object at ${at}`, file, at);
  }
  return { value: followed.node, pointer: followed.pointer };
}

/** `node` itself, or the object its `$ref` chain ends at; a broken chain is a {@link SpecError}. */
export function derefObject(
  document: unknown,
  node: unknown,
  at: string,
  file: string,
): JsonObject {
  return deref(document, node, at, file).value;
}
