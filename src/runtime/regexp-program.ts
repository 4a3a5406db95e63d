/**
 * Compiles a parsed pattern (parse-regexp.ts) into the flat program the step-budgeted VM of
 * bounded-regexp.ts runs: one instruction per node, loops with counter registers (no unrolling,
 * so `{1,1000}` costs four instructions), lookarounds as sub-programs ending in LOOKEND.
 */
import type { ParsedRegExp, RegExpNode } from "./parse-regexp.js";

/** Match the code point a. */
export const CHAR = 0;
/** Match one code point of the instruction's CodePointSet. */
export const SET = 1;
/** Try pc a, on failure pc b. */
export const SPLIT = 2;
/** Go to pc a. */
export const JMP = 3;
/** Store the position in register a (a capture bound). */
export const SAVE = 4;
/** Assert the start of the input (`^`, no `m` flag). */
export const BOL = 5;
/** Assert the end of the input (`$`). */
export const EOL = 6;
/** Assert a word boundary (`\b`). */
export const WORDB = 7;
/** Assert no word boundary (`\B`). */
export const NWORDB = 8;
/** Match again what group a captured (empty when unset). */
export const BACKREF = 9;
/** Lookaround (a: ahead, b: negated) whose body follows; continue at c. */
export const LOOK = 10;
/** End of a lookaround body. */
export const LOOKEND = 11;
/** Reset loop counter a before a quantified atom. */
export const INIT = 12;
/** Loop head: counter a, min b, greedy c, exit d, max e. */
export const HEAD = 13;
/** Start an iteration: count it, note its start, unset the body's captures. */
export const ENTER = 14;
/** End an iteration: fail an empty one past the minimum, else back to the head. */
export const TAIL = 15;
/** The pattern matched. */
export const MATCH = 16;

/** A single-character atom, asked of V8 once per code point. */
export class CodePointSet {
  private readonly re: RegExp;
  private readonly ascii = new Int8Array(128);
  private readonly other = new Map<number, boolean>();

  constructor(source: string) {
    this.re = new RegExp(`^(?:${source})$`, "u");
  }

  has(cp: number): boolean {
    if (cp < 128) {
      const known = this.ascii[cp];
      if (known !== 0) return known === 1;
      const yes = this.re.test(String.fromCharCode(cp));
      this.ascii[cp] = yes ? 1 : 2;
      return yes;
    }
    const known = this.other.get(cp);
    if (known !== undefined) return known;
    const yes = this.re.test(String.fromCodePoint(cp));
    if (this.other.size < 4096) this.other.set(cp, yes);
    return yes;
  }
}

interface Instruction {
  op: number;
  a: number;
  b: number;
  c: number;
  d: number;
  /** A HEAD's max (Infinity when unbounded). */
  e: number;
  set: CodePointSet | null;
}

function capturesIn(node: RegExpNode | ParsedRegExp["body"], out: number[]): void {
  if (node.kind === "alt") {
    for (const branch of node.branches) for (const term of branch) capturesIn(term, out);
  } else if (node.kind === "group") {
    if (node.capture > 0) out.push(node.capture);
    capturesIn(node.body, out);
  } else if (node.kind === "look") {
    capturesIn(node.body, out);
  } else if (node.kind === "repeat") {
    capturesIn(node.body, out);
  }
}

/** Compiled program of one pattern. */
class Program {
  readonly code: Instruction[] = [];
  registers: number;
  private readonly sets = new Map<string, CodePointSet>();

  constructor(readonly parsed: ParsedRegExp) {
    this.registers = 2 * (parsed.groups + 1);
    this.alternation(parsed.body);
    this.emit(MATCH);
  }

  emit(op: number, a = 0, b = 0, c = 0, d = 0, set: CodePointSet | null = null): number {
    this.code.push({ op, a, b, c, d, e: 0, set });
    return this.code.length - 1;
  }

  alternation(node: ParsedRegExp["body"]): void {
    const jumps: number[] = [];
    node.branches.forEach((branch, i) => {
      const last = i === node.branches.length - 1;
      const split = last ? -1 : this.emit(SPLIT);
      if (split >= 0) (this.code[split] as Instruction).a = split + 1;
      for (const term of branch) this.node(term);
      if (!last) jumps.push(this.emit(JMP));
      if (split >= 0) (this.code[split] as Instruction).b = this.code.length;
    });
    for (const jump of jumps) (this.code[jump] as Instruction).a = this.code.length;
  }

  node(node: RegExpNode): void {
    switch (node.kind) {
      case "char":
        this.emit(CHAR, node.cp);
        return;
      case "set": {
        let set = this.sets.get(node.source);
        if (!set) {
          set = new CodePointSet(node.source);
          this.sets.set(node.source, set);
        }
        this.emit(SET, 0, 0, 0, 0, set);
        return;
      }
      case "assert":
        this.emit({ "^": BOL, $: EOL, b: WORDB, B: NWORDB }[node.what]);
        return;
      case "backref":
        this.emit(BACKREF, node.group);
        return;
      case "group":
        if (node.capture > 0) this.emit(SAVE, 2 * node.capture);
        this.alternation(node.body);
        if (node.capture > 0) this.emit(SAVE, 2 * node.capture + 1);
        return;
      case "look": {
        const look = this.emit(LOOK, node.ahead ? 1 : 0, node.negate ? 1 : 0);
        this.alternation(node.body);
        this.emit(LOOKEND);
        (this.code[look] as Instruction).c = this.code.length;
        return;
      }
      case "repeat": {
        const count = this.registers++;
        const startAt = this.registers++;
        const captures: number[] = [];
        capturesIn(node.body, captures);
        const low = captures.length > 0 ? Math.min(...captures) : 1;
        const high = captures.length > 0 ? Math.max(...captures) : 0;
        this.emit(INIT, count);
        const head = this.emit(HEAD, count, node.min, node.greedy ? 1 : 0);
        this.emit(ENTER, count, startAt, low, high);
        this.node(node.body);
        this.emit(TAIL, count, startAt, node.min, head);
        const instruction = this.code[head] as Instruction;
        instruction.d = this.code.length;
        instruction.e = node.max;
      }
    }
  }
}

/** Integers per instruction in the flat program: op, four operands, and the max of a HEAD. */
export const STRIDE = 6;
/** A HEAD's max when unbounded (or beyond any string length). */
export const UNBOUNDED = -1;

/** A compiled pattern: {@link STRIDE} integers an instruction, the atom of each SET, registers used. */
export interface RegExpProgram {
  readonly code: Int32Array;
  readonly sets: readonly (CodePointSet | null)[];
  readonly registers: number;
}

/** Compile `parsed` into a flat program (flat: fast even before V8 optimises the VM). */
export function compileRegExpProgram(parsed: ParsedRegExp): RegExpProgram {
  const program = new Program(parsed);
  const code = new Int32Array(program.code.length * STRIDE);
  program.code.forEach((ins, pc) => {
    code.set(
      [ins.op, ins.a, ins.b, ins.c, ins.d, ins.e > 0x7fffffff ? UNBOUNDED : ins.e],
      pc * STRIDE,
    );
  });
  return { code, sets: program.code.map((ins) => ins.set), registers: program.registers };
}
