/**
 * A syntax tree of an ECMAScript pattern that is valid under the `u` flag (the only patterns the
 * validators keep: JSON Schema patterns are ECMA-262 regular expressions, compiled with `u`).
 * Used by the step-budgeted matcher (bounded-regexp.ts) and by codegen to split leading
 * lookaheads and trailing lookbehinds into separate patterns (classify-pattern.ts).
 *
 * Why a parser here rather than a library: none of the ECMAScript regex parsers on npm
 * (regexpp, regjsparser) is a dependency, the `u`-mode grammar is small and strict, and every
 * pattern reaching this parser has already been accepted by `new RegExp(pattern, "u")`, so the
 * parser only has to split a valid pattern into its parts. Single-character atoms (classes,
 * escapes, `.`) keep their source text and are tested by V8 itself (one code point at a time), so
 * their semantics are the engine's own.
 */

/** A node of the tree; `start`/`end` are offsets into the pattern source. */
export type RegExpNode =
  | { readonly kind: "char"; readonly cp: number; readonly start: number; readonly end: number }
  | { readonly kind: "set"; readonly source: string; readonly start: number; readonly end: number }
  | {
      readonly kind: "group";
      /** Capture number (1-based), or 0 for `(?:…)`. */
      readonly capture: number;
      readonly body: RegExpAlternation;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: "look";
      readonly ahead: boolean;
      readonly negate: boolean;
      readonly body: RegExpAlternation;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: "assert";
      readonly what: "^" | "$" | "b" | "B";
      readonly start: number;
      readonly end: number;
    }
  | { readonly kind: "backref"; group: number; readonly start: number; readonly end: number }
  | {
      readonly kind: "repeat";
      readonly min: number;
      readonly max: number;
      readonly greedy: boolean;
      readonly body: RegExpNode;
      readonly start: number;
      readonly end: number;
    };

/** Alternatives (`a|b`), each a sequence of terms. */
export interface RegExpAlternation {
  readonly kind: "alt";
  readonly branches: readonly (readonly RegExpNode[])[];
  readonly start: number;
  readonly end: number;
}

/** A parsed pattern: its tree, capture count and what a linear engine could not run. */
export interface ParsedRegExp {
  readonly source: string;
  readonly body: RegExpAlternation;
  readonly groups: number;
  readonly hasLookaround: boolean;
  readonly hasBackreference: boolean;
}

const HEX = /^[0-9a-fA-F]+$/;

class Parser {
  i = 0;
  groups = 0;
  hasLookaround = false;
  hasBackreference = false;
  readonly names = new Map<string, number>();
  readonly refs: { node: Extract<RegExpNode, { kind: "backref" }>; name: string }[] = [];

  constructor(readonly s: string) {}

  fail(what: string): never {
    throw new SyntaxError(`cannot parse pattern /${this.s}/ at ${this.i}: ${what}`);
  }

  alternation(): RegExpAlternation {
    const start = this.i;
    const branches: RegExpNode[][] = [this.sequence()];
    while (this.s[this.i] === "|") {
      this.i++;
      branches.push(this.sequence());
    }
    return { kind: "alt", branches, start, end: this.i };
  }

  sequence(): RegExpNode[] {
    const terms: RegExpNode[] = [];
    while (this.i < this.s.length && this.s[this.i] !== "|" && this.s[this.i] !== ")") {
      terms.push(this.term());
    }
    return terms;
  }

  term(): RegExpNode {
    const { s } = this;
    const start = this.i;
    const c = s[start];
    if (c === "^" || c === "$") {
      this.i++;
      return { kind: "assert", what: c, start, end: this.i };
    }
    if (c === "\\" && (s[start + 1] === "b" || s[start + 1] === "B")) {
      this.i += 2;
      return { kind: "assert", what: s[start + 1] as "b" | "B", start, end: this.i };
    }
    const look = /^\(\?(<?)([=!])/.exec(s.slice(start, start + 4));
    if (look) {
      this.i += look[0].length;
      this.hasLookaround = true;
      const body = this.alternation();
      this.expect(")");
      // Under `u` a lookaround takes no quantifier.
      return {
        kind: "look",
        ahead: look[1] === "",
        negate: look[2] === "!",
        body,
        start,
        end: this.i,
      };
    }
    return this.quantified(this.atom(), start);
  }

  expect(c: string): void {
    if (this.s[this.i] !== c) this.fail(`expected '${c}'`);
    this.i++;
  }

  quantified(atom: RegExpNode, start: number): RegExpNode {
    const { s } = this;
    let min: number;
    let max: number;
    const c = s[this.i];
    if (c === "*" || c === "+" || c === "?") {
      min = c === "+" ? 1 : 0;
      max = c === "?" ? 1 : Number.POSITIVE_INFINITY;
      this.i++;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i));
      if (!m) this.fail("malformed quantifier");
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
      this.i += m[0].length;
    } else {
      return atom;
    }
    const greedy = s[this.i] !== "?";
    if (!greedy) this.i++;
    return { kind: "repeat", min, max, greedy, body: atom, start, end: this.i };
  }

  atom(): RegExpNode {
    const { s } = this;
    const start = this.i;
    const c = s[start];
    if (c === "(") {
      let capture = 0;
      if (s.startsWith("(?:", start)) {
        this.i += 3;
      } else if (s.startsWith("(?<", start)) {
        const close = s.indexOf(">", start);
        if (close < 0) this.fail("unterminated group name");
        capture = ++this.groups;
        this.names.set(s.slice(start + 3, close), capture);
        this.i = close + 1;
      } else if (s[start + 1] === "?") {
        this.fail("unsupported group modifier");
      } else {
        capture = ++this.groups;
        this.i++;
      }
      const body = this.alternation();
      this.expect(")");
      return { kind: "group", capture, body, start, end: this.i };
    }
    if (c === ".") {
      this.i++;
      return { kind: "set", source: ".", start, end: this.i };
    }
    if (c === "[") {
      let j = start + 1;
      if (s[j] === "^") j++;
      // In `u` mode a class holds no nested class, and `]` ends it unless escaped.
      while (j < s.length && s[j] !== "]") j += s[j] === "\\" ? 2 : 1;
      if (j >= s.length) this.fail("unterminated character class");
      this.i = j + 1;
      return { kind: "set", source: s.slice(start, this.i), start, end: this.i };
    }
    if (c === "\\") return this.escape();
    const cp = s.codePointAt(start) as number;
    this.i += cp > 0xffff ? 2 : 1;
    return { kind: "char", cp, start, end: this.i };
  }

  escape(): RegExpNode {
    const { s } = this;
    const start = this.i;
    const e = s[start + 1];
    if (e === undefined) this.fail("pattern ends with a backslash");
    const char = (cp: number, length: number): RegExpNode => {
      this.i = start + length;
      return { kind: "char", cp, start, end: this.i };
    };
    if ("dDwWsS".includes(e)) {
      this.i = start + 2;
      return { kind: "set", source: s.slice(start, this.i), start, end: this.i };
    }
    if (e === "p" || e === "P") {
      const close = s.indexOf("}", start);
      if (close < 0) this.fail("unterminated property escape");
      this.i = close + 1;
      return { kind: "set", source: s.slice(start, this.i), start, end: this.i };
    }
    if (e >= "1" && e <= "9") {
      const digits = /^\d+/.exec(s.slice(start + 1))?.[0] as string;
      this.i = start + 1 + digits.length;
      this.hasBackreference = true;
      return { kind: "backref", group: Number(digits), start, end: this.i };
    }
    if (e === "k") {
      const close = s.indexOf(">", start);
      if (s[start + 2] !== "<" || close < 0) this.fail("malformed named backreference");
      this.i = close + 1;
      this.hasBackreference = true;
      const node: Extract<RegExpNode, { kind: "backref" }> = {
        kind: "backref",
        group: 0,
        start,
        end: this.i,
      };
      this.refs.push({ node, name: s.slice(start + 3, close) });
      return node;
    }
    if (e === "0") return char(0, 2);
    if (e === "x") return char(Number.parseInt(s.slice(start + 2, start + 4), 16), 4);
    if (e === "c") return char((s.codePointAt(start + 2) as number) % 32, 3);
    if (e === "u") {
      if (s[start + 2] === "{") {
        const close = s.indexOf("}", start);
        return char(Number.parseInt(s.slice(start + 3, close), 16), close + 1 - start);
      }
      const unit = Number.parseInt(s.slice(start + 2, start + 6), 16);
      const next = s.slice(start + 6, start + 12);
      // Under `u`, an escaped surrogate pair is one code point.
      if (unit >= 0xd800 && unit <= 0xdbff && next.startsWith("\\u") && HEX.test(next.slice(2))) {
        const low = Number.parseInt(next.slice(2), 16);
        if (low >= 0xdc00 && low <= 0xdfff) {
          return char((unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000, 12);
        }
      }
      return char(unit, 6);
    }
    const controls: Record<string, number> = { f: 12, n: 10, r: 13, t: 9, v: 11 };
    if (e in controls) return char(controls[e] as number, 2);
    return char(s.codePointAt(start + 1) as number, 2);
  }
}

/**
 * Parse a pattern that `new RegExp(source, "u")` accepts. Throws a SyntaxError for anything else
 * (callers check validity first).
 */
export function parseRegExp(source: string): ParsedRegExp {
  const parser = new Parser(source);
  const body = parser.alternation();
  if (parser.i !== source.length) parser.fail("unbalanced ')'");
  for (const { node, name } of parser.refs) {
    const group = parser.names.get(name);
    if (group === undefined) return parser.fail(`unknown group name '${name}'`);
    node.group = group;
  }
  return {
    source,
    body,
    groups: parser.groups,
    hasLookaround: parser.hasLookaround,
    hasBackreference: parser.hasBackreference,
  };
}
