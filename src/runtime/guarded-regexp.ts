/**
 * ReDoS guard for response patterns: every pattern is enforced, none can stall a validation.
 *
 * Codegen (src/codegen/validators/classify-pattern.ts) decides per pattern, with the recheck
 * ReDoS checker, how the generated validators build it:
 * - native `RegExp` when recheck's automaton checker proves it safe (linear backtracking);
 * - {@link linearRegExp} (re2js, a linear-time RE2 port) when it is vulnerable or unproven and RE2
 *   can express it: `^(a+)+$` against 40 `a`s and a `b` answers at once;
 * - {@link guardedRegExp} with a plan otherwise: a pattern whose leading lookaheads or trailing
 *   lookbehinds split off (`^(?=a)(a|aa)+$` is `^(?:a)` and `^(a|aa)+$`) runs as the
 *   conjunction of those parts, each on its own engine; what is left (backreferences, lookaround
 *   elsewhere) runs on the step-budgeted matcher of bounded-regexp.ts. A test that runs out of
 *   budget answers "no match" (the body is never reported valid) and is remembered
 *   (pattern-budget.ts), so that the violation says `pattern-budget-exceeded` rather than claim
 *   the string breaks the pattern.
 * @see https://github.com/le0pard/re2js
 * @see https://github.com/makenowjust-labs/recheck
 */
import { RE2JS } from "re2js";
import { BoundedRegExp, EXCEEDED } from "./bounded-regexp.js";
import { budgetRecord } from "./pattern-budget.js";

/** What ajv's generated code needs from a compiled pattern. */
export interface PatternTester {
  test(input: string): boolean;
}

/** How the generated code builds one pattern (written by codegen as a JSON literal). */
export type PatternPlan =
  | { readonly engine: "native"; readonly flags: "u" | "" }
  | { readonly engine: "linear" }
  | { readonly engine: "bounded" }
  | { readonly engine: "all"; readonly parts: readonly PatternPart[] };

/** One conjunct of an `all` plan: the input must (or, negated, must not) match `source`. */
export interface PatternPart {
  readonly source: string;
  readonly negate: boolean;
  readonly plan: PatternPlan;
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

type Matcher = (input: string) => boolean | typeof EXCEEDED;

function matcher(source: string, plan: PatternPlan): { run: Matcher; bounded: boolean } {
  switch (plan.engine) {
    case "native": {
      const re = new RegExp(source, plan.flags);
      return { run: (input) => re.test(input), bounded: false };
    }
    case "linear": {
      const re = linearRegExp(source);
      return { run: (input) => re.test(input), bounded: false };
    }
    case "bounded": {
      const re = new BoundedRegExp(source);
      return { run: (input) => re.run(input), bounded: true };
    }
    case "all": {
      // Parts that cannot run out of budget go first: a definite "no" makes the rest moot.
      const parts = plan.parts
        .map((part) => ({ ...matcher(part.source, part.plan), negate: part.negate }))
        .sort((a, b) => Number(a.bounded) - Number(b.bounded));
      const run: Matcher = (input) => {
        let exceeded = false;
        for (const part of parts) {
          const result = part.run(input);
          if (result === EXCEEDED) exceeded = true;
          else if (result === part.negate) return false;
        }
        return exceeded ? EXCEEDED : true;
      };
      return { run, bounded: parts.some((part) => part.bounded) };
    }
  }
}

/**
 * Build `pattern` as codegen planned it (see the module doc). Over budget, `test` answers false
 * and remembers the input (pattern-budget.ts); the same input again answers at once.
 */
export function guardedRegExp(pattern: string, plan: PatternPlan): PatternTester {
  const { run, bounded } = matcher(pattern, plan);
  if (!bounded) return { test: (input) => run(input) === true };
  const exceeded = budgetRecord(pattern);
  return {
    test(input) {
      if (exceeded.has(input)) return false;
      const result = run(input);
      if (result !== EXCEEDED) return result;
      exceeded.add(input);
      return false;
    },
  };
}
