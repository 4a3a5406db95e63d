import { isDeepStrictEqual } from "node:util";
import { SpecError } from "../errors.js";
import { isJsonObject } from "../runtime/json-value.js";
import type { OpenApiDocument } from "./load-document.js";

/** A documented correction to an upstream document: why, and the RFC 7396 merge patch that makes it. */
export interface DocumentPatch {
  /** Why the upstream document needs this (kept in source.json so reviewers can judge it). */
  readonly reason: string;
  /** RFC 7396 JSON merge patch. @see https://www.rfc-editor.org/rfc/rfc7396 */
  readonly mergePatch: Record<string, unknown>;
}

/**
 * Apply an RFC 7396 merge patch: objects merge member by member, `null` deletes a member, anything
 * else replaces. Returns a new value; members the target already had keep their place, new ones are
 * appended. @see https://www.rfc-editor.org/rfc/rfc7396#section-2
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isJsonObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** A patched document and the reasons of patches that changed nothing (upstream may have fixed it). */
export interface PatchResult {
  readonly document: OpenApiDocument;
  readonly ineffective: readonly string[];
}

/**
 * Apply `patches` in order. A patch that leaves the document unchanged is reported in `ineffective`
 * rather than failing, so that a fixed upstream still vendors (and the CLI can say "drop this patch").
 */
export function applyPatches(
  document: OpenApiDocument,
  patches: readonly DocumentPatch[],
  file: string,
): PatchResult {
  let current: OpenApiDocument = document;
  const ineffective: string[] = [];
  patches.forEach((patch, index) => {
    const next = applyMergePatch(current, patch.mergePatch);
    if (!isJsonObject(next)) {
      throw new SpecError(
        `${file}: patches/${index} (${patch.reason}) does not leave an object document; a merge patch of a document must be an object`,
        file,
        `/patches/${index}/mergePatch`,
      );
    }
    if (isDeepStrictEqual(next, current)) ineffective.push(patch.reason);
    current = next;
  });
  return { document: current, ineffective };
}
