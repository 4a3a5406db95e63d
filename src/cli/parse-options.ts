import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "../errors.js";

/**
 * `util.parseArgs` with unknown flags and bad values turned into a {@link UsageError} (exit 2);
 * a misspelt flag gets the closest known one suggested (`--taget`: "did you mean --target?").
 */
export function parseOptions<T extends ParseArgsConfig>(
  command: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    if (unknown !== undefined) {
      const flags = Object.keys(config.options ?? {}).map((name) => `--${name}`);
      const guess = closest(unknown.split("=")[0] ?? unknown, flags);
      const hint = guess ? ` (did you mean ${guess}?)` : "";
      throw new UsageError(
        `Unknown option '${unknown}'${hint}; see 'api-contracts ${command} --help'`,
      );
    }
    throw new UsageError(`${message}; see 'api-contracts ${command} --help'`);
  }
}

/**
 * The candidate closest to `word` by edit distance, if it is close enough to be a typo: at most
 * 2 edits, and fewer than half the word's length.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const bare = word.replace(/^-+/, "");
  return bestDistance <= 2 && bestDistance < Math.max(2, bare.length / 2) ? best : undefined;
}

/** Levenshtein distance, with a swap of two neighbours counting as one edit (Damerau, OSA). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, at(i - 2, j - 2) + 1);
      }
      (d[i] as number[])[j] = value;
    }
  }
  return at(a.length, b.length);
}
