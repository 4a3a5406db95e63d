import { isDeepStrictEqual } from "node:util";
import { SpecError } from "../errors.js";
import { toPointer } from "../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import type { OpenApiDocument } from "./load-document.js";

/** One parsed upstream document and the file it came from (for error messages). */
export interface NamedDocument {
  readonly file: string;
  readonly document: OpenApiDocument;
}

type Json = unknown;

/**
 * Tokens of the first place where `a` and `b` differ (depth first, `a`'s key order, then keys only
 * in `b`), or `undefined` when they are deep-equal. Key order does not count as a difference.
 */
export function firstDifference(a: Json, b: Json): (string | number)[] | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return [i];
      const inner = firstDifference(a[i], b[i]);
      if (inner) return [i, ...inner];
    }
    return [];
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    for (const key of [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))]) {
      if (!Object.hasOwn(a, key) || !Object.hasOwn(b, key)) return [key];
      const inner = firstDifference(a[key], b[key]);
      if (inner) return [key, ...inner];
    }
    // isDeepStrictEqual differs only by key order here, which JSON does not care about.
    return undefined;
  }
  return [];
}

/** `info.version` as a time, for "newest page wins"; a version that is not a timestamp is an error. */
function versionTime(named: NamedDocument): number {
  const info = named.document.info;
  const version = isJsonObject(info) ? info.version : undefined;
  const time = typeof version === "string" ? Date.parse(version) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new SpecError(
      `${named.file}: info.version ${JSON.stringify(version)} is not a timestamp, so the newest of several pages cannot be chosen; vendor this API from one document instead`,
      named.file,
      "/info/version",
    );
  }
  return time;
}

/**
 * How deep each top-level member is united: at depth 0 a value must be equal in every page that has
 * it; at depth 1 its entries are united by key; and so on. `paths` unite per path and per operation
 * (or path-level field), `components` per section and name. Everything else must agree as a whole.
 */
const UNION_DEPTH: Readonly<Record<string, number>> = { paths: 2, components: 2, webhooks: 2 };

function unite(
  target: JsonObject,
  incoming: JsonObject,
  depth: number,
  tokens: (string | number)[],
  owners: Map<string, string>,
  file: string,
): void {
  for (const [key, value] of Object.entries(incoming)) {
    const here = [...tokens, key];
    const pointer = toPointer(here);
    if (!Object.hasOwn(target, key)) {
      target[key] = structuredClone(value);
      owners.set(pointer, file);
      continue;
    }
    const existing = target[key];
    if (depth > 0 && isJsonObject(existing) && isJsonObject(value)) {
      unite(existing, value, depth - 1, here, owners, file);
      continue;
    }
    const diff = firstDifference(existing, value);
    if (diff) {
      const first = ownerOf(owners, here);
      throw new SpecError(
        `${pointer} is defined differently in ${first} and ${file}; they first differ at ${toPointer([...here, ...diff])}; make the pages agree or vendor from one of them`,
        file,
        toPointer([...here, ...diff]),
      );
    }
  }
}

/** The page that first defined the member at `tokens` (or the nearest enclosing member). */
function ownerOf(owners: Map<string, string>, tokens: readonly (string | number)[]): string {
  for (let n = tokens.length; n > 0; n--) {
    const owner = owners.get(toPointer(tokens.slice(0, n)));
    if (owner !== undefined) return owner;
  }
  return "an earlier page";
}

/**
 * Merge the documents of several pages of one API into one document.
 * `paths` and `components` are united; a path operation or component defined differently in two
 * pages is a {@link SpecError} naming both pages and the JSON Pointer where they first differ.
 * Top-level `tags` are united by name under the same rule. Every other member must agree, except
 * `info.version`, which is the newest page's (compared as timestamps). Key order follows the first
 * page, with members first seen in later pages appended in their order.
 */
export function mergeDocuments(documents: readonly NamedDocument[]): OpenApiDocument {
  const [first] = documents;
  if (first === undefined) throw new SpecError("nothing to merge: no documents given");
  if (documents.length === 1) return structuredClone(first.document);
  const newest = documents.reduce((a, b) => (versionTime(b) > versionTime(a) ? b : a));
  const merged: JsonObject = {};
  const owners = new Map<string, string>();
  const tagOwners = new Map<string, string>();
  for (const { file, document } of documents) {
    for (const [key, value] of Object.entries(document)) {
      if (key === "tags" && Array.isArray(value)) {
        merged.tags = uniteTags((merged.tags as Json[] | undefined) ?? [], value, tagOwners, file);
      } else if (key === "info" && isJsonObject(value)) {
        const withoutVersion = { ...value, version: undefined };
        unite(merged, { info: withoutVersion }, 1, [], owners, file);
      } else {
        unite(merged, { [key]: value }, UNION_DEPTH[key] ?? 0, [], owners, file);
      }
    }
  }
  const newestInfo = newest.document.info;
  if (isJsonObject(merged.info) && isJsonObject(newestInfo))
    merged.info.version = newestInfo.version;
  return merged;
}

function uniteTags(
  target: Json[],
  incoming: readonly Json[],
  owners: Map<string, string>,
  file: string,
): Json[] {
  const result = [...target];
  for (const tag of incoming) {
    const name = isJsonObject(tag) ? tag.name : undefined;
    const index = result.findIndex((t) => isJsonObject(t) && t.name === name);
    const existing = result[index];
    if (index < 0 || existing === undefined) {
      result.push(structuredClone(tag));
      owners.set(String(name), file);
      continue;
    }
    const diff = firstDifference(existing, tag);
    if (diff) {
      const pointer = toPointer(["tags", index, ...diff]);
      throw new SpecError(
        `tag '${String(name)}' is defined differently in ${owners.get(String(name))} and ${file}; they first differ at ${pointer}`,
        file,
        pointer,
      );
    }
  }
  return result;
}
