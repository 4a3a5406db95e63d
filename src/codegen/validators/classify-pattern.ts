/**
 * Which regular-expression engine a schema pattern gets (see src/runtime/guarded-regexp.ts for the
 * ReDoS policy): native `RegExp` with the `u` flag when safe-regex2 finds no nested or excessive
 * repetition, the linear-time RE2 engine otherwise.
 * @see https://www.npmjs.com/package/safe-regex2
 */
import safeRegex from "safe-regex2";
import { linearRegExp } from "../../runtime/guarded-regexp.js";

/** The engine for one pattern, or why the pattern cannot be used. */
export type PatternVerdict =
  | { readonly engine: "native" }
  | { readonly engine: "linear" }
  | { readonly engine: "none"; readonly reason: string };

/**
 * Classify an ECMAScript pattern: invalid under the `u` flag → none; safe → native; flagged by
 * safe-regex2 → linear when RE2 can express it, none otherwise (it could hang the validator).
 */
export function classifyPattern(pattern: string): PatternVerdict {
  try {
    new RegExp(pattern, "u");
  } catch (error) {
    return {
      engine: "none",
      reason: `invalid under the RegExp 'u' flag: ${(error as Error).message}`,
    };
  }
  if (safeRegex(pattern)) return { engine: "native" };
  try {
    linearRegExp(pattern);
    return { engine: "linear" };
  } catch (error) {
    return {
      engine: "none",
      reason: `may backtrack exponentially and RE2 cannot run it (${(error as Error).message})`,
    };
  }
}
