/**
 * ReDoS guard for response patterns.
 *
 * Choice: decide per pattern at codegen, route only the risky ones to RE2. Codegen asks safe-regex2
 * (star height > 1, or too many repetitions) about every `pattern` and `patternProperties` key; a
 * pattern it flags is compiled here with re2js, a linear-time RE2 port, so that `^(a+)+$` against 40
 * `a`s and a `b` answers at once. Every other pattern stays a native `RegExp` with the `u` flag (the
 * Gcore 12-decimal amount pattern runs at native speed). A flagged pattern that RE2 cannot express
 * (lookaround, backreferences) is dropped from the validator with a spec warning naming its location.
 * @see https://github.com/le0pard/re2js
 */
import { RE2JS } from "re2js";

/** What ajv's generated code needs from a compiled pattern. */
export interface PatternTester {
  test(input: string): boolean;
}

/**
 * Compile an ECMAScript pattern for RE2 (linear time in the input length). `flags` is accepted for
 * the `new RegExp(pattern, flags)` call shape; RE2 is Unicode-aware as the `u` flag asks.
 * Throws when the pattern uses syntax RE2 lacks; codegen checks that before choosing this engine.
 */
export function linearRegExp(pattern: string, _flags?: string): PatternTester {
  const re = RE2JS.compile(RE2JS.translateRegExp(pattern));
  return { test: (input) => re.test(input) };
}
