/** Types of dist-freshness.js (plain JavaScript, run before anything is compiled). */

/** Folders compiled into dist/ (tsconfig.build.json's "include"). */
export const COMPILED_FOLDERS: readonly string[];

/** When the build of `root`'s dist/ started (ms since the epoch), or undefined without a stamp. */
export function builtAt(root: string): number | undefined;

/**
 * The first `.ts` file or folder under `root`'s compiled folders written after `since`, as a path
 * relative to `root`; undefined when there is none.
 */
export function changedSince(root: string, since: number): string | undefined;
