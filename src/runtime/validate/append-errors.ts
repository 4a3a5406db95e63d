/** Error accumulation with a ceiling, called by the generated validators. */
import { type AjvLikeError, MAX_VIOLATIONS } from "./types.js";

/** An error as the generated validators build it: its path is completed on the way up. */
type OwnError = { -readonly [K in keyof AjvLikeError]: AjvLikeError[K] };

/**
 * `target` followed by `source`, keeping at most {@link MAX_VIOLATIONS} errors in all. Replaces
 * ajv's `vErrors.concat(callee.errors)` so that an array invalid in 100,000 items keeps 1,000 error
 * objects, not 100,000 (the generated code counts the rest in `errorCount`). A callee reports paths
 * relative to the value it was given; `prefix` (that value's path in the caller) is prepended to
 * each error kept, so no path string is built while the data is valid.
 */
export function appendErrors(
  target: AjvLikeError[] | null,
  source: AjvLikeError[],
  prefix = "",
): AjvLikeError[] {
  const room = MAX_VIOLATIONS - (target === null ? 0 : target.length);
  if (room <= 0) return target as AjvLikeError[];
  const kept = source.length > room ? source.slice(0, room) : source;
  if (prefix !== "") {
    // The callee's error objects are fresh from this call and not shared: completed in place.
    for (const error of kept as OwnError[]) error.instancePath = prefix + error.instancePath;
  }
  return target === null ? kept : target.concat(kept);
}

/**
 * `errors` with a new error added while it holds fewer than {@link MAX_VIOLATIONS} (a new array
 * for null). Called by the generated validators in place of ajv's inline error objects.
 */
export function addError(
  errors: AjvLikeError[] | null,
  instancePath: string,
  keyword: string,
  params: Record<string, unknown>,
): AjvLikeError[] {
  if (errors === null) return [{ instancePath, keyword, params }];
  if (errors.length < MAX_VIOLATIONS) errors.push({ instancePath, keyword, params });
  return errors;
}
