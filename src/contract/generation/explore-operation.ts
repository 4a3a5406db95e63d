/**
 * One operation, one mode, explored with fast-check's own runner: `fc.asyncProperty` over the
 * operation's request arbitrary and `fc.check` with the run's seed and `maxExamples` runs. Every
 * drawn request is sent through `send` and checked; the first failing check becomes the target,
 * fast-check shrinks the request to the smallest one still failing that same check, and the round
 * is repeated with the checks already found left out (at most {@link MAX_ROUNDS} rounds), so that
 * distinct defects of one operation are each found once. Requests are bounded: `maxExamples` per
 * round plus at most {@link SHRINK_SENDS} sent while shrinking.
 */
import fc from "fast-check";
import { findUnsatisfied } from "../../generate/unsatisfied.js";
import { toPointer } from "../../runtime/json-pointer.js";
import type { CaseResult } from "../run/case-executor.js";
import type { GenerationMode } from "./generated-case.js";
import {
  type GeneratedRequest,
  type NegativeRequest,
  type OperationGenerator,
  sendable,
} from "./request-generator.js";

/** Distinct failing checks looked for per operation and mode. */
export const MAX_ROUNDS = 4;
/** Requests sent while shrinking one counterexample, at most. */
export const SHRINK_SENDS = 200;

/** A drawn request of either mode. */
export type Drawn = {
  readonly request: GeneratedRequest;
  readonly breaks?: NegativeRequest["breaks"];
};

/** Sends one drawn request and checks it; the result carries the failures. */
export type SendDrawn = (drawn: Drawn, mode: GenerationMode) => Promise<CaseResult>;

/** What exploring one operation in one mode produced. */
export interface Exploration {
  /** The shrunk counterexample of each distinct failing check, as last sent and checked. */
  readonly found: readonly { readonly check: string; readonly result: CaseResult }[];
  /** Every request sent and checked (generation and shrinking), for coverage. */
  readonly sent: number;
  /** Valid-mode values our validator rejected: generator bugs, never sent. */
  readonly generatorBugs: readonly GeneratedRequest[];
}

/** A 31-bit seed for one operation, mode and round, stable whatever order operations run in. */
export function seedFor(
  seed: number,
  operation: string,
  mode: GenerationMode,
  round: number,
): number {
  let hash = (seed | 0) ^ 0x811c9dc5;
  for (const char of `${operation}\u0000${mode}\u0000${round}`) {
    hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193);
  }
  return hash & 0x7fffffff;
}

const keyOf = (drawn: Drawn): string => JSON.stringify([drawn.request, drawn.breaks ?? null]);

/** Explore `generator` in `mode`: see the module comment. */
export async function exploreOperation(
  generator: Extract<OperationGenerator, { positive: unknown }>,
  mode: GenerationMode,
  options: {
    readonly seed: number;
    readonly maxExamples: number;
    /** Checks not looked for (saved failures of this operation and mode still failing). */
    readonly exclude?: readonly string[];
    readonly send: SendDrawn;
    /** True once the run must stop (fail-fast, abort): no more requests are sent. */
    readonly stopped: () => boolean;
  },
): Promise<Exploration> {
  const found: { check: string; result: CaseResult }[] = [];
  const generatorBugs: GeneratedRequest[] = [];
  const excluded = new Set<string>(options.exclude);
  let sent = 0;
  const arbitrary: fc.Arbitrary<Drawn | undefined> =
    mode === "positive" ? generator.positive.map((request) => ({ request })) : generator.negative;
  for (let round = 0; round < MAX_ROUNDS && !options.stopped(); round++) {
    let target: string | undefined;
    let shrinkSends = 0;
    const failing = new Map<string, CaseResult>();
    const property = fc.asyncProperty(arbitrary, async (drawn) => {
      if (drawn === undefined || !sendable(drawn.request) || options.stopped()) fc.pre(false);
      const request = (drawn as Drawn).request;
      // Retries that found no value (unsatisfied): nothing to send, and no generator bug.
      if (findUnsatisfied(request) !== undefined) fc.pre(false);
      if (mode === "positive" && !generator.validate(request)) {
        generatorBugs.push(request);
        fc.pre(false);
      }
      if (target !== undefined && shrinkSends++ >= SHRINK_SENDS) fc.pre(false);
      sent++;
      const result = await options.send(drawn as Drawn, mode);
      const failures = result.failures.filter(
        (f) =>
          f.severity !== "warning" &&
          !excluded.has(f.check) &&
          (target === undefined || f.check === target),
      );
      const first = failures[0];
      if (first === undefined) return true;
      target ??= first.check;
      failing.set(keyOf(drawn as Drawn), result);
      return false;
    });
    const details = await fc.check(property, {
      seed: seedFor(options.seed, generator.operation, mode, round),
      numRuns: options.maxExamples,
    });
    const counterexample = details.counterexample?.[0];
    if (!details.failed || counterexample === undefined || counterexample === null) break;
    let result = failing.get(keyOf(counterexample));
    if (result === undefined || target === undefined) break;
    const dropped = await dropMembers(counterexample, mode, target, generator.validate, options);
    sent += dropped.sent;
    result = dropped.result ?? result;
    found.push({ check: target, result });
    excluded.add(target);
  }
  return { found, sent, generatorBugs };
}

/**
 * fast-check's shrinking leaves optional parameters in place (their arbitrary is built lazily);
 * this last step drops each one whose absence keeps the request valid (positive) or still
 * breaking the same keyword (negative) and the same check failing. One request per parameter.
 */
async function dropMembers(
  drawn: Drawn,
  mode: GenerationMode,
  target: string,
  validate: (value: unknown) => boolean,
  options: { readonly send: SendDrawn; readonly stopped: () => boolean },
): Promise<{ result: CaseResult | undefined; sent: number }> {
  let current = drawn;
  let result: CaseResult | undefined;
  let sent = 0;
  for (const location of ["query", "header"] as const) {
    for (const name of Object.keys(current.request[location])) {
      if (options.stopped()) return { result, sent };
      if (current.breaks?.pointer.startsWith(toPointer([location, name]))) continue;
      const params = { ...current.request[location] };
      delete params[name];
      const candidate: Drawn = { ...current, request: { ...current.request, [location]: params } };
      if (validate(candidate.request) !== (mode === "positive")) continue;
      sent++;
      const tried = await options.send(candidate, mode);
      if (tried.failures.some((f) => f.check === target && f.severity !== "warning")) {
        current = candidate;
        result = tried;
      }
    }
  }
  return { result, sent };
}
