/**
 * Which regular-expression engine a schema pattern gets (the run-time side is
 * src/runtime/guarded-regexp.ts). No valid pattern is ever dropped:
 * - recheck's automaton checker proves it safe → native `RegExp` (without the `u` flag when the
 *   flag cannot change the answer);
 * - otherwise, when RE2 can express it → the linear-time RE2 engine (re2js);
 * - otherwise (lookaround, backreference): leading lookaheads and trailing lookbehinds split off
 *   into separate patterns (pattern-conjuncts.ts), each classified again; what cannot be split
 *   runs on the step-budgeted matcher, with a warning naming the pattern and why.
 *
 * Fast path, before recheck: a pattern without lookaround, backreference or unbounded quantifier
 * has a finite tree of backtracking choices; with at most {@link FAST_PATH_CHOICES} leaves a
 * backtracking engine takes at most that many times the pattern's length in steps per start
 * position, so its time is linear in the input, which is all recheck's "safe" says. Most vendor
 * patterns (`^[A-Z]{3}$`, `^\d{1,3}\.\d{12}$`) are of this kind and skip the analysis.
 *
 * Why recheck: it decides ReDoS by automata theory (sound: "safe" is a proof for patterns without
 * lookaround or backreferences) and falls back to fuzzing only where theory cannot go; a home-made
 * heuristic such as safe-regex2 (star height) misses `(a|aa)+`. Only the automaton verdict sends a
 * pattern to V8; everything unproven goes to an engine that is bounded by construction. Each
 * distinct pattern is checked once per process, with a fixed seed and recheck's own step limits
 * (never a clock: the verdict, and so the generated code and its warnings, must not depend on how
 * busy the machine is, or `codegen --check` would flap); past {@link RECHECK_MAX_ANALYSES} analyses
 * in one process the pattern takes the bounded path, so codegen time stays bounded whatever the
 * document.
 * @see https://makenowjust-labs.github.io/recheck/
 */
import { createRequire } from "node:module";
import type { Diagnostics, Parameters } from "recheck";
import { linearRegExp, type PatternPlan } from "../../runtime/guarded-regexp.js";
import {
  parseRegExp,
  type RegExpAlternation,
  type RegExpNode,
} from "../../runtime/parse-regexp.js";
import { patternConjuncts } from "./pattern-conjuncts.js";

type CheckSync = (source: string, flags: string, params?: Parameters) => Diagnostics;
let loadedCheckSync: CheckSync | undefined;

/**
 * recheck's checkSync, loaded on first use: the module is large (over half a second to load) and
 * documents whose patterns all take the fast path never need it. It ships CommonJS.
 */
function checkSync(source: string, flags: string, params?: Parameters): Diagnostics {
  loadedCheckSync ??= (createRequire(import.meta.url)("recheck") as { checkSync: CheckSync })
    .checkSync;
  return loadedCheckSync(source, flags, params);
}

/** Most recheck analyses one process runs (each is bounded by recheck's step limits). */
export const RECHECK_MAX_ANALYSES = 200;

/** The engine for one pattern, or why the pattern cannot be used. */
export type PatternVerdict =
  | { readonly engine: "native"; readonly unicodeNeutral: boolean }
  | { readonly engine: "linear" }
  | {
      readonly engine: "guarded";
      readonly plan: PatternPlan;
      /** Set when part of the pattern runs under the step budget: what and why. */
      readonly warning?: string;
    }
  | { readonly engine: "none"; readonly reason: string };

/**
 * True when the `u` flag cannot change what `pattern` (valid under `u`) matches: ASCII only, and
 * nothing that could match half of a surrogate pair without `u` (`.`, a negated class, `\D`, `\W`,
 * `\S`) or that only exists with `u` (`\u`, `\p`, `\P`). Such a pattern runs without the flag,
 * which V8 executes about 10% faster (Gcore's `^\d{1,3}\.\d{12}$` is one).
 */
export function isUnicodeNeutral(pattern: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point.
  if (!/^[\x00-\x7f]*$/.test(pattern)) return false;
  // Drop escaped characters other than the ones that matter, then look for what remains.
  const unescaped = pattern.replace(/\\([^DWSupP])/g, "");
  return !/[.]|\[\^|\\[DWSupP]/.test(unescaped);
}

/** Most backtracking choices (leaves of the choice tree) a pattern may have to skip recheck. */
export const FAST_PATH_CHOICES = 1000;

/**
 * Leaves of the backtracking choice tree of one start position (Infinity when unbounded, or
 * past {@link FAST_PATH_CHOICES}). With `starsOnce`, an unbounded quantifier counts as its body
 * once: what is left is the constant factor bounded repetitions add, which recheck ignores.
 */
function choices(node: RegExpNode | RegExpAlternation, starsOnce = false): number {
  const cap = (n: number) => (n > FAST_PATH_CHOICES ? Number.POSITIVE_INFINITY : n);
  switch (node.kind) {
    case "alt":
      return cap(
        node.branches.reduce(
          (sum, branch) =>
            sum + branch.reduce((product, term) => cap(product * choices(term, starsOnce)), 1),
          0,
        ),
      );
    case "group":
      return choices(node.body, starsOnce);
    case "look":
    case "backref":
      return Number.POSITIVE_INFINITY;
    case "repeat": {
      const body = choices(node.body, starsOnce);
      if (!Number.isFinite(node.max)) return starsOnce ? body : Number.POSITIVE_INFINITY;
      let sum = 0;
      for (let k = node.min; k <= node.max && Number.isFinite(sum); k++) sum = cap(sum + body ** k);
      return sum;
    }
    default:
      return 1;
  }
}

let recheckAnalyses = 0;

/** recheck's diagnosis of `pattern` (`u` flag), or null when the analysis budget is spent. */
function recheck(pattern: string, checker: "automaton" | "auto"): Diagnostics | null {
  if (recheckAnalyses >= RECHECK_MAX_ANALYSES) return null;
  recheckAnalyses++;
  // No timeout: recheck's step limits bound each analysis, and a fixed seed makes the fuzzer
  // deterministic, so the same document gives the same verdicts on every machine.
  return checkSync(pattern, "u", { checker, timeout: null, randomSeed: 0 });
}

function describe(diagnostics: Diagnostics | null): string {
  if (diagnostics === null)
    return `not analysed (codegen's ${RECHECK_MAX_ANALYSES} ReDoS analyses are spent)`;
  if (diagnostics.status === "vulnerable") {
    return `recheck finds it ${diagnostics.complexity.summary} (attack string ${JSON.stringify(diagnostics.attack.pattern)})`;
  }
  if (diagnostics.status === "safe") return `recheck's fuzzer found no attack (not a proof)`;
  return `recheck could not decide (${diagnostics.error.kind})`;
}

function canRunLinear(pattern: string): boolean {
  try {
    linearRegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** The run-time plan of a verdict (throws for `none`: such a pattern has no engine). */
export function planOf(pattern: string, verdict: PatternVerdict): PatternPlan {
  if (verdict.engine === "native")
    return { engine: "native", flags: verdict.unicodeNeutral ? "" : "u" };
  if (verdict.engine === "guarded") return verdict.plan;
  if (verdict.engine === "linear") return { engine: "linear" };
  throw new Error(`pattern ${JSON.stringify(pattern)} has no engine: ${verdict.reason}`);
}

function bounded(pattern: string, what: string): PatternVerdict {
  const diagnostics = recheck(pattern, "auto");
  return {
    engine: "guarded",
    plan: { engine: "bounded" },
    warning: `${what} that no linear-time engine runs, and ${describe(diagnostics)}; it runs on a step-budgeted matcher, and a string it cannot decide within the budget is reported as pattern-budget-exceeded`,
  };
}

function classifyValid(pattern: string): PatternVerdict {
  let parsed: ReturnType<typeof parseRegExp>;
  try {
    parsed = parseRegExp(pattern);
  } catch (error) {
    if (canRunLinear(pattern)) return { engine: "linear" };
    return {
      engine: "none",
      reason: `cannot be parsed for a bounded engine (${(error as Error).message})`,
    };
  }
  if (choices(parsed.body) <= FAST_PATH_CHOICES) {
    return { engine: "native", unicodeNeutral: isUnicodeNeutral(pattern) };
  }
  if (!parsed.hasLookaround && !parsed.hasBackreference) {
    const diagnostics = recheck(pattern, "automaton");
    // recheck's "safe" is asymptotic: `^(?:a|a){30}$` is "safe" and takes V8 4 s on 26 characters.
    if (
      diagnostics?.status === "safe" &&
      diagnostics.checker === "automaton" &&
      choices(parsed.body, true) <= FAST_PATH_CHOICES
    ) {
      return { engine: "native", unicodeNeutral: isUnicodeNeutral(pattern) };
    }
    if (canRunLinear(pattern)) return { engine: "linear" };
    return bounded(pattern, "uses syntax");
  }
  const conjuncts = patternConjuncts(parsed);
  if (conjuncts !== null) {
    const parts = conjuncts.map((part) => ({ ...part, verdict: classifyPattern(part.source) }));
    if (parts.every((part) => part.verdict.engine !== "none")) {
      const warnings = parts.flatMap(({ source, verdict }) =>
        verdict.engine === "guarded" && verdict.warning
          ? [`its part ${JSON.stringify(source)} ${verdict.warning}`]
          : [],
      );
      const plan: PatternPlan = {
        engine: "all",
        parts: parts.map(({ source, negate, verdict }) => ({
          source,
          negate,
          plan: planOf(source, verdict),
        })),
      };
      return warnings.length > 0
        ? { engine: "guarded", plan, warning: warnings.join("; ") }
        : { engine: "guarded", plan };
    }
  }
  const what = parsed.hasBackreference ? "has a backreference" : "has a lookaround";
  return bounded(pattern, what);
}

const verdicts = new Map<string, PatternVerdict>();

/**
 * Classify an ECMAScript pattern (see the module doc): invalid under the `u` flag → none; proven
 * safe → native; RE2-expressible → linear; otherwise guarded (split into parts, or step-budgeted).
 * Verdicts are cached per pattern for the life of the process.
 */
export function classifyPattern(pattern: string): PatternVerdict {
  const known = verdicts.get(pattern);
  if (known) return known;
  let invalid: string | undefined;
  try {
    new RegExp(pattern, "u");
  } catch (error) {
    invalid = (error as Error).message;
  }
  const verdict: PatternVerdict =
    invalid === undefined
      ? classifyValid(pattern)
      : { engine: "none", reason: `invalid under the RegExp 'u' flag: ${invalid}` };
  verdicts.set(pattern, verdict);
  return verdict;
}
