/**
 * A backtracking matcher with a step budget, for the patterns no linear engine can run
 * (lookaround, backreferences) and codegen could not rewrite into linear ones
 * (src/codegen/validators/classify-pattern.ts).
 *
 * Choice: a synchronous RegExp cannot be given a time limit (V8 runs `test` to the end, and a
 * worker with a timeout makes validation asynchronous and costs a thread per call), and a length
 * cap alone does not bound an exponential pattern (40 characters take 13 s on V8; a schema's
 * `maxLength` is not known where ajv shares one pattern object between schemas). No npm package
 * offers an ECMAScript backtracking engine with a step limit, so these patterns run on this small
 * VM (program: regexp-program.ts), which counts its steps (one per instruction, backtrack and
 * stack entry) and stops at {@link MAX_STEPS}, or at {@link MAX_MILLISECONDS} of wall clock,
 * whichever comes first: the caller then reports `pattern-budget-exceeded`, never a pass. Once V8
 * has optimised the VM it runs about 100 M steps/s here, so MAX_STEPS is about 10 ms; the clock
 * covers the first calls of a process (about 1 µs a step) and a loaded machine. The 100 ms bound
 * is measured in test/validate/guarded-regexp.test.ts on recheck's attack strings.
 *
 * Semantics follow ECMA-262 with the `u` flag (the flags the validators use): greedy and lazy
 * quantifiers with the empty-iteration check, captures reset on each iteration, backreferences
 * (an unset group matches empty), lookahead, and lookbehind (tried from each start position
 * back to 0; the match/no-match answer equals ECMAScript's, the captures a lookbehind sets may not
 * when it contains a backreference). Single-character atoms keep their source and are asked of V8
 * one code point at a time (memoised), so classes, `\p{…}` and `.` mean what they mean in V8.
 */
import { parseRegExp } from "./parse-regexp.js";
import {
  BACKREF,
  BOL,
  CHAR,
  type CodePointSet,
  compileRegExpProgram,
  ENTER,
  EOL,
  HEAD,
  INIT,
  JMP,
  LOOK,
  LOOKEND,
  MATCH,
  NWORDB,
  SAVE,
  SET,
  SPLIT,
  STRIDE,
  TAIL,
  UNBOUNDED,
  WORDB,
} from "./regexp-program.js";

/**
 * Steps one test may take. A linear pattern takes about five steps per character, so strings up
 * to about 200,000 characters fit; an exponential one stops within this many steps (about 10 ms
 * once V8 has compiled the VM).
 */
export const MAX_STEPS = 1_000_000;

/**
 * Wall-clock limit of one test, checked every {@link CLOCK_EVERY} steps: before V8 compiles the
 * VM (the first validations of a process) a step costs up to a microsecond, so the step count
 * alone would not keep a cold run under 100 ms.
 */
export const MAX_MILLISECONDS = 25;
const CLOCK_EVERY = 256;
/**
 * Steps always allowed before the clock counts: a small match (a short string) is never cut by
 * the process being descheduled on a loaded machine, so its verdict does not depend on load.
 */
const CLOCK_AFTER = 20_000;

/** A match that ran out of steps. */
export const EXCEEDED = "exceeded";

const BRANCH = 0;
const UNDO = 1;

class Budget extends Error {}

function isWordUnit(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 // a-z A-Z 0-9 _
  );
}

/**
 * One pattern compiled for the step-budgeted VM. `run` answers true/false, or
 * {@link EXCEEDED} when the match needed more than `maxSteps` steps or {@link MAX_MILLISECONDS}.
 */
export class BoundedRegExp {
  /** The program, {@link STRIDE} integers an instruction (flat: fast even before V8 optimises). */
  private readonly code: Int32Array;
  private readonly sets: readonly (CodePointSet | null)[];
  private readonly registers: number;
  private readonly anchored: boolean;
  private steps = 0;
  private budget = 0;
  private deadline = 0;
  private input = "";
  private regs = new Int32Array(0);
  /** Backtrack entries, three numbers each: BRANCH pc pos, or UNDO register value. */
  private stack = new Int32Array(3 * 1024);
  private top = 0;

  constructor(
    readonly source: string,
    readonly maxSteps: number = MAX_STEPS,
  ) {
    const parsed = parseRegExp(source);
    const program = compileRegExpProgram(parsed);
    this.code = program.code;
    this.sets = program.sets;
    this.registers = program.registers;
    this.anchored = parsed.body.branches.every((b) => b[0]?.kind === "assert" && b[0].what === "^");
  }

  /** Whether `input` contains a match, or {@link EXCEEDED}. */
  run(input: string): boolean | typeof EXCEEDED {
    this.steps = 0;
    this.budget = Math.min(this.maxSteps, CLOCK_EVERY);
    this.deadline = performance.now() + MAX_MILLISECONDS;
    this.input = input;
    try {
      for (let start = 0; start <= input.length; start++) {
        // A match starts on a code point boundary (`u`), never inside a surrogate pair.
        if (start > 0 && isLow(input.charCodeAt(start)) && isHigh(input.charCodeAt(start - 1))) {
          continue;
        }
        this.regs = new Int32Array(this.registers).fill(-1);
        this.top = 0;
        if (this.exec(0, start, -1) >= 0) return true;
        if (this.anchored) return false;
      }
      return false;
    } catch (error) {
      if (error instanceof Budget) return EXCEEDED;
      throw error;
    } finally {
      this.input = "";
    }
  }

  /** Steps the last {@link run} took. */
  get lastSteps(): number {
    return this.steps;
  }

  /** Called when `steps` passes `budget`: out of steps or time, or the next stretch of steps. */
  private checkBudget(): void {
    if (
      this.steps > this.maxSteps ||
      (this.steps > CLOCK_AFTER && performance.now() > this.deadline)
    ) {
      throw new Budget();
    }
    this.budget = Math.min(this.maxSteps, this.steps + CLOCK_EVERY);
  }

  /** Every entry counts as a step, so the stack (memory) is bounded by the budget too. */
  private push(tag: number, a: number, b: number): void {
    this.steps++;
    if (this.top + 3 > this.stack.length) {
      const grown = new Int32Array(this.stack.length * 2);
      grown.set(this.stack);
      this.stack = grown;
    }
    const at = this.top;
    this.stack[at] = tag;
    this.stack[at + 1] = a;
    this.stack[at + 2] = b;
    this.top = at + 3;
  }

  private set(register: number, value: number): void {
    this.push(UNDO, register, this.regs[register] as number);
    this.regs[register] = value;
  }

  /** Run from `startPc` at `startPos` until MATCH/LOOKEND (end position) or failure (-1). */
  private exec(startPc: number, startPos: number, target: number): number {
    const code = this.code;
    const s = this.input;
    const n = s.length;
    const base = this.top;
    let pc = startPc;
    let pos = startPos;
    for (;;) {
      if (++this.steps > this.budget) this.checkBudget();
      const at = pc * STRIDE;
      const op = code[at] as number;
      let ok = true;
      switch (op) {
        case CHAR:
        case SET: {
          if (pos >= n) {
            ok = false;
            break;
          }
          let cp = s.charCodeAt(pos);
          let width = 1;
          if (cp >= 0xd800 && cp <= 0xdbff && pos + 1 < n && isLow(s.charCodeAt(pos + 1))) {
            cp = (cp - 0xd800) * 0x400 + (s.charCodeAt(pos + 1) - 0xdc00) + 0x10000;
            width = 2;
          }
          ok = op === CHAR ? cp === code[at + 1] : (this.sets[pc] as CodePointSet).has(cp);
          if (ok) {
            pos += width;
            pc++;
          }
          break;
        }
        case SPLIT:
          this.push(BRANCH, code[at + 2] as number, pos);
          pc = code[at + 1] as number;
          break;
        case JMP:
          pc = code[at + 1] as number;
          break;
        case SAVE:
          this.set(code[at + 1] as number, pos);
          pc++;
          break;
        case BOL:
          ok = pos === 0;
          pc++;
          break;
        case EOL:
          ok = pos === n;
          pc++;
          break;
        case WORDB:
        case NWORDB: {
          const before = pos > 0 && isWordUnit(s.charCodeAt(pos - 1));
          const after = pos < n && isWordUnit(s.charCodeAt(pos));
          ok = (before !== after) === (op === WORDB);
          pc++;
          break;
        }
        case BACKREF: {
          const group = code[at + 1] as number;
          const from = this.regs[2 * group] as number;
          const to = this.regs[2 * group + 1] as number;
          if (from >= 0 && to >= 0) {
            this.steps += to - from;
            if (this.steps > this.budget) this.checkBudget();
            ok = s.startsWith(s.slice(from, to), pos);
            if (ok) pos += to - from;
          }
          pc++;
          break;
        }
        case LOOK: {
          const snapshot = this.regs.slice();
          const mark = this.top;
          let found = false;
          if (code[at + 1] === 1) {
            found = this.exec(pc + 1, pos, -1) >= 0;
          } else {
            for (let q = pos; q >= 0 && !found; q--) {
              if (q > 0 && isLow(s.charCodeAt(q)) && isHigh(s.charCodeAt(q - 1))) continue;
              if (++this.steps > this.budget) this.checkBudget();
              found = this.exec(pc + 1, q, pos) >= 0;
            }
          }
          this.top = mark;
          const negate = code[at + 2] === 1;
          if (found && !negate) {
            // Captures set inside the lookaround stay; undo entries let a later backtrack reset them.
            for (let r = 0; r < snapshot.length; r++) {
              if (this.regs[r] !== snapshot[r]) this.push(UNDO, r, snapshot[r] as number);
            }
            pc = code[at + 3] as number;
          } else if (!found && negate) {
            pc = code[at + 3] as number;
          } else {
            this.regs = snapshot;
            ok = false;
          }
          break;
        }
        case LOOKEND:
          if (target < 0 || pos === target) return pos;
          ok = false;
          break;
        case INIT:
          this.set(code[at + 1] as number, 0);
          pc++;
          break;
        case HEAD: {
          const count = this.regs[code[at + 1] as number] as number;
          const max = code[at + 5] as number;
          const exit = code[at + 4] as number;
          if (count < (code[at + 2] as number)) {
            pc++;
          } else if (max !== UNBOUNDED && count >= max) {
            pc = exit;
          } else if (code[at + 3] === 1) {
            this.push(BRANCH, exit, pos);
            pc++;
          } else {
            this.push(BRANCH, pc + 1, pos);
            pc = exit;
          }
          break;
        }
        case ENTER: {
          const counter = code[at + 1] as number;
          this.set(counter, (this.regs[counter] as number) + 1);
          this.set(code[at + 2] as number, pos);
          // Each iteration starts with the body's captures unset (RepeatMatcher, step 4).
          for (let g = code[at + 3] as number; g <= (code[at + 4] as number); g++) {
            if (this.regs[2 * g] !== -1) this.set(2 * g, -1);
            if (this.regs[2 * g + 1] !== -1) this.set(2 * g + 1, -1);
          }
          pc++;
          break;
        }
        case TAIL:
          // An iteration past the minimum that matched nothing fails (no endless empty loops).
          if (
            pos === this.regs[code[at + 2] as number] &&
            (this.regs[code[at + 1] as number] as number) > (code[at + 3] as number)
          ) {
            ok = false;
          } else {
            pc = code[at + 4] as number;
          }
          break;
        case MATCH:
          return pos;
      }
      if (ok) continue;
      for (;;) {
        if (this.top === base) return -1;
        if (++this.steps > this.budget) this.checkBudget();
        const entry = this.top - 3;
        this.top = entry;
        const a = this.stack[entry + 1] as number;
        const b = this.stack[entry + 2] as number;
        if (this.stack[entry] === BRANCH) {
          pc = a;
          pos = b;
          break;
        }
        this.regs[a] = b;
      }
    }
  }
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
