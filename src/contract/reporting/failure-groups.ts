/**
 * Failures grouped the way a person reads them: one vendor change often breaks the same field in
 * every case, so identical findings (same check, same JSON Pointer with item indexes folded, same
 * message) become one group with its count, the cases it hit and one example body excerpt.
 */
import type { ApiResult } from "../run/run-api.js";
import type { Failure } from "../types.js";
import { isError } from "./tally.js";

/** Identical failures of one API. */
export interface FailureGroup {
  readonly api: string;
  readonly check: string;
  /** The pointer with array indexes shown as `*` (`/results/*\/amount_untaxed`). */
  readonly pointer: string;
  readonly message: string;
  readonly severity: "error" | "warning";
  readonly count: number;
  /** The cases it was found in (ids), in report order, without repeats. */
  readonly cases: readonly string[];
  /** One failing response's body excerpt (redacted), when there was a body. */
  readonly example?: { readonly case: string; readonly pointer: string; readonly excerpt: string };
}

/** A pointer with its array indexes folded: `/results/3/id` → `/results/*\/id`. */
export function foldPointer(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, "/*");
}

/** Messages differ by the value shown (`got "12.5"`); the group keeps the first one's text. */
function messageKey(message: string): string {
  return message.replace(/\/\d+(?=\/|$|\b)/g, "/*");
}

/** The failure groups of one API, largest first (errors before warnings). */
export function groupFailures(result: ApiResult): FailureGroup[] {
  const groups = new Map<string, FailureGroup & { cases: string[] }>();
  for (const { run, failures } of result.cases) {
    for (const failure of failures as readonly Failure[]) {
      const severity = isError(failure) ? "error" : "warning";
      const pointer = foldPointer(failure.pointer);
      const key = JSON.stringify([failure.check, pointer, messageKey(failure.message), severity]);
      let group = groups.get(key);
      if (!group) {
        const excerpt = run.exchanges[failure.exchange ?? 0]?.excerpt;
        group = {
          api: result.api,
          check: failure.check,
          pointer,
          message: failure.message,
          severity,
          count: 0,
          cases: [],
          ...(excerpt === undefined
            ? {}
            : { example: { case: failure.case, pointer: failure.pointer, excerpt } }),
        };
        groups.set(key, group);
      }
      (group as { count: number }).count++;
      if (!group.cases.includes(failure.case)) group.cases.push(failure.case);
    }
  }
  return [...groups.values()].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) || b.count - a.count,
  );
}
