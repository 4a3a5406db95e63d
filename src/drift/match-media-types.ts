/** Pairing the media types of two versions of a request body or response. */
import { mediaTypeEssence } from "../runtime/media-type.js";

/** Media types found on both sides, renamed (same essence, other parameters), removed and added. */
export interface MediaTypeMatch {
  /** `[old, new]` keys: the same media type, maybe spelt with other parameters. */
  readonly pairs: readonly (readonly [string, string])[];
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

/**
 * Exact keys pair first; then a removed and an added key with the same essence
 * (`application/json` and `application/json; charset=utf-8`) are one media type whose parameters
 * changed, not a removal: the runtime matches content types by essence too (match-response.ts).
 */
export function matchMediaTypes(before: Iterable<string>, after: Iterable<string>): MediaTypeMatch {
  const olds = [...before];
  const news = new Set(after);
  const pairs: [string, string][] = [];
  const removed: string[] = [];
  for (const key of olds) {
    if (news.has(key)) {
      pairs.push([key, key]);
      news.delete(key);
    }
  }
  for (const key of olds) {
    if (pairs.some(([old]) => old === key)) continue;
    const essence = mediaTypeEssence(key);
    const match = [...news].find((candidate) => mediaTypeEssence(candidate) === essence);
    if (match === undefined) removed.push(key);
    else {
      pairs.push([key, match]);
      news.delete(match);
    }
  }
  return { pairs, removed, added: [...news] };
}

/** The parameters of a media type (`charset=utf-8`), lower-cased and sorted, as one text. */
export function mediaTypeParameters(mediaType: string): string[] {
  return mediaType
    .split(";")
    .slice(1)
    .map((part) =>
      part
        .trim()
        .toLowerCase()
        .replace(/\s*=\s*/, "="),
    )
    .filter((part) => part !== "")
    .sort();
}
