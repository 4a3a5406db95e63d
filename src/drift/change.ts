/**
 * One classified difference between two OpenAPI documents, and the levels it is ranked by.
 * @see https://github.com/oasdiff/oasdiff/blob/main/docs/BREAKING-CHANGES.md (levels and check ids)
 */

/** How much a change can hurt a client written against OLD: `breaking` can fail, `warning` may, `info` won't. */
export type ChangeLevel = "breaking" | "warning" | "info";

/** Levels from most to least severe. */
export const CHANGE_LEVELS: readonly ChangeLevel[] = ["breaking", "warning", "info"];

/** A classified change, as printed by `api-contracts diff` and `drift`. */
export interface Change {
  /** oasdiff's check id where one exists (`response-property-became-nullable`), else our own in its style. */
  readonly id: string;
  readonly level: ChangeLevel;
  /** `"METHOD /path"` (the NEW path, or the OLD one for a removed operation), or null for document-wide changes. */
  readonly operation: string | null;
  /** JSON Pointer into NEW, or into OLD for removals. */
  readonly location: string;
  readonly message: string;
  /** Set when an ignore file accepts the change: it is reported, but never fails the gate. */
  readonly accepted?: { readonly reason: string; readonly source: string };
}

/** The `--fail-on` threshold: a level, or `never`. */
export type FailOn = ChangeLevel | "never";

/** Accepted `--fail-on` values, most severe first. */
export const FAIL_ON_VALUES: readonly FailOn[] = [...CHANGE_LEVELS, "never"];

/** Severity rank: 0 for breaking, 1 for warning, 2 for info. */
export function levelRank(level: ChangeLevel): number {
  return CHANGE_LEVELS.indexOf(level);
}

/** Whether `level` is at least as severe as `threshold` (`never` is never reached). */
export function reaches(level: ChangeLevel, threshold: FailOn): boolean {
  return threshold !== "never" && levelRank(level) <= levelRank(threshold);
}

/** Whether any change not accepted by an ignore file reaches the `--fail-on` threshold: exit 1. */
export function anyChangeReaches(changes: readonly Change[], threshold: FailOn): boolean {
  return changes.some((change) => !change.accepted && reaches(change.level, threshold));
}

/** Count per level of the changes not accepted by an ignore file. */
export function countByLevel(changes: readonly Change[]): Record<ChangeLevel, number> {
  const counts: Record<ChangeLevel, number> = { breaking: 0, warning: 0, info: 0 };
  for (const change of changes) if (!change.accepted) counts[change.level]++;
  return counts;
}

/** Report order: most severe first, then by operation, id, location and message, so output is stable. */
export function compareChanges(a: Change, b: Change): number {
  return (
    levelRank(a.level) - levelRank(b.level) ||
    compareText(a.operation ?? "", b.operation ?? "") ||
    compareText(a.id, b.id) ||
    compareText(a.location, b.location) ||
    compareText(a.message, b.message)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
