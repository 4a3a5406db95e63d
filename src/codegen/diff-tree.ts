/** Comparing generated files in memory with what is on disk (`codegen --check`). */

/** Relative paths that differ, each list sorted. */
export interface TreeDiff {
  /** On disk with other content. */
  readonly stale: string[];
  /** Expected but not on disk. */
  readonly missing: string[];
  /** On disk but not expected. */
  readonly extra: string[];
}

/** True when the diff lists nothing. */
export function isEmptyDiff(diff: TreeDiff): boolean {
  return diff.stale.length + diff.missing.length + diff.extra.length === 0;
}

/**
 * Differences between `expected` and `actual` (both by relative path). `inScope` limits which
 * paths of `actual` can count as extra (for a partial run); by default every path does.
 */
export function diffTree(
  expected: Readonly<Record<string, string>>,
  actual: Readonly<Record<string, string>>,
  inScope: (path: string) => boolean = () => true,
): TreeDiff {
  const stale: string[] = [];
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [path, text] of Object.entries(expected)) {
    if (!Object.hasOwn(actual, path)) missing.push(path);
    else if (actual[path] !== text) stale.push(path);
  }
  for (const path of Object.keys(actual)) {
    if (!Object.hasOwn(expected, path) && inScope(path)) extra.push(path);
  }
  return { stale: stale.sort(), missing: missing.sort(), extra: extra.sort() };
}
