/**
 * Lookarounds that split off a pattern: `^(?=A)(?!B)R(?<!C)$` matches exactly when `^(?:A)`
 * matches, `^(?:B)` does not, `^R$` does and `(?:C)$` does not. Why it is exact: without `m`, `^`
 * only holds at 0, so the lookaheads and R are all tried at position 0 and, as no backreference can
 * see their captures, each only asks whether *some* match exists there, which is what testing the
 * part on its own answers; a lookbehind just before the final `$` only looks at the end of the
 * string, whatever R matched. Each part is then free of that lookaround, and usually fit for a
 * linear engine (classify-pattern.ts). Patterns with a backreference are left whole.
 */
import type { PatternPart } from "../../runtime/guarded-regexp.js";
import type { ParsedRegExp, RegExpNode } from "../../runtime/parse-regexp.js";

/** A part before its engine is chosen. */
export type Conjunct = Omit<PatternPart, "plan">;

const isAssert = (node: RegExpNode | undefined, what: "^" | "$"): boolean =>
  node?.kind === "assert" && node.what === what;

/**
 * The conjuncts of `parsed` (the remaining pattern first), or null when no lookaround splits off.
 */
export function patternConjuncts(parsed: ParsedRegExp): Conjunct[] | null {
  const { source, body } = parsed;
  if (parsed.hasBackreference || body.branches.length !== 1) return null;
  const terms = body.branches[0] as readonly RegExpNode[];
  const caret = isAssert(terms[0], "^");
  const dollar = terms.length > 1 && isAssert(terms.at(-1), "$");
  const lookarounds: Conjunct[] = [];
  let first = caret ? 1 : 0;
  for (let term = terms[first]; caret && term?.kind === "look" && term.ahead; term = terms[first]) {
    const inner = source.slice(term.body.start, term.body.end);
    lookarounds.push({ source: `^(?:${inner})`, negate: term.negate });
    first++;
  }
  let last = dollar ? terms.length - 2 : terms.length - 1;
  for (let term = terms[last]; dollar && last >= first && term?.kind === "look" && !term.ahead; ) {
    const inner = source.slice(term.body.start, term.body.end);
    lookarounds.push({ source: `(?:${inner})$`, negate: term.negate });
    last--;
    term = terms[last];
  }
  if (lookarounds.length === 0) return null;
  const from = terms[first];
  const to = terms[last];
  const middle = from && to && first <= last ? source.slice(from.start, to.end) : "";
  const rest = `${caret ? "^" : ""}${middle}${dollar ? "$" : ""}`;
  return [{ source: rest, negate: false }, ...lookarounds];
}
