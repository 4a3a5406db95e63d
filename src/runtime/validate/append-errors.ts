/** Error accumulation with a ceiling, called by the generated validators. */
import { type AjvLikeError, MAX_VIOLATIONS } from "./types.js";

/**
 * `target` followed by `source`, keeping at most {@link MAX_VIOLATIONS} errors in all. Replaces
 * ajv's `vErrors.concat(callee.errors)` so that an array invalid in 100,000 items keeps 1,000 error
 * objects, not 100,000 (the generated code counts the rest in `errorCount`).
 */
export function appendErrors(
  target: AjvLikeError[] | null,
  source: AjvLikeError[],
): AjvLikeError[] {
  if (target === null)
    return source.length > MAX_VIOLATIONS ? source.slice(0, MAX_VIOLATIONS) : source;
  const room = MAX_VIOLATIONS - target.length;
  if (room <= 0) return target;
  return target.concat(source.length > room ? source.slice(0, room) : source);
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
