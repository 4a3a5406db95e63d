/**
 * The subset of RQL's `select` projection the sandbox supports: a comma-separated list of dotted field
 * paths, `-path` to exclude a field, `+path` (or a bare path) to include one. The sandbox's default
 * representation is already complete, so inclusions only have to be well-formed.
 * @see https://docs.platform.softwareone.com/developer-resources/rest-api/resource-query-language (Projection)
 */

/** A parsed `select`: the dotted paths to remove. */
export interface RqlSelect {
  exclude: string[];
  include: string[];
}

const TERM = /^([+-]?)([A-Za-z$][\w$]*(?:\.[A-Za-z$][\w$]*)*)$/;

/** Parses a `select` value; returns an error message for a malformed term. */
export function parseRqlSelect(text: string): RqlSelect | { error: string } {
  const select: RqlSelect = { exclude: [], include: [] };
  for (const term of text.split(",").map((t) => t.trim())) {
    if (term === "") continue;
    const match = TERM.exec(term);
    if (!match) return { error: `invalid select term '${term}': expected [+|-]field[.field…]` };
    const path = match[2] ?? "";
    (match[1] === "-" ? select.exclude : select.include).push(path);
  }
  return select;
}

function removePath(value: unknown, segments: readonly string[]): boolean {
  if (Array.isArray(value)) {
    // A path through an array applies to each element, e.g. `-lines.erpData`.
    return value.map((item) => removePath(item, segments)).some(Boolean);
  }
  if (value === null || typeof value !== "object") return false;
  const [head, ...rest] = segments;
  if (head === undefined || !Object.hasOwn(value, head)) return false;
  const record = value as Record<string, unknown>;
  if (rest.length > 0) return removePath(record[head], rest);
  delete record[head];
  return true;
}

/**
 * A copy of `resource` without the excluded paths; when something was removed, `$meta.omitted` lists
 * it, as the Marketplace API reports omitted fields. Unknown paths are ignored.
 * @see softwareone-marketplace components.schemas.PlatformMetadata
 */
export function applyRqlSelect<T extends object>(resource: T, select: RqlSelect): T {
  const copy = structuredClone(resource) as Record<string, unknown>;
  const omitted = select.exclude.filter((path) => removePath(copy, path.split(".")));
  if (omitted.length === 0) return copy as T;
  return { $meta: { omitted }, ...copy } as T;
}
