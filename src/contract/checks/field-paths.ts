/**
 * Field paths of the semantics declarations: JSON Pointers where a `*` token means every index of
 * an array (`/lines/*\/price/amount`), resolved against one record, and the records of a body.
 * @see https://www.rfc-editor.org/rfc/rfc6901
 */
import { escapePointerToken, parsePointer } from "../../runtime/json-pointer.js";

/** One value a path reached, with its pointer from the body's root. */
export interface Reached {
  readonly pointer: string;
  readonly value: unknown;
  /** The array index each `*` took, in order. */
  readonly indices: readonly number[];
}

/** One record of a body: a list item (`/results/3`) or the whole body (""). */
export interface BodyRecord {
  readonly pointer: string;
  readonly value: unknown;
}

function child(node: unknown, token: string): unknown {
  if (node === null || typeof node !== "object") return undefined;
  if (Array.isArray(node)) return /^(0|[1-9]\d*)$/.test(token) ? node[Number(token)] : undefined;
  return Object.hasOwn(node, token) ? (node as Record<string, unknown>)[token] : undefined;
}

/**
 * Every value `path` reaches in `record` (whose own pointer is `base`). A `*` over a missing or
 * non-array value reaches nothing; a missing plain token reaches `undefined` (reported with its
 * pointer, so a check can say which field is absent). Returns undefined when a `*` has no array
 * to walk (the record does not carry that part, e.g. a `select` left it out).
 */
export function reach(record: unknown, path: string, base = ""): Reached[] | undefined {
  let frontier: Reached[] = [{ pointer: base, value: record, indices: [] }];
  for (const token of parsePointer(path)) {
    const next: Reached[] = [];
    for (const at of frontier) {
      if (token === "*") {
        if (!Array.isArray(at.value)) return undefined;
        for (const [i, item] of at.value.entries()) {
          next.push({ pointer: `${at.pointer}/${i}`, value: item, indices: [...at.indices, i] });
        }
      } else {
        next.push({
          pointer: `${at.pointer}/${escapePointerToken(token)}`,
          value: child(at.value, token),
          indices: at.indices,
        });
      }
    }
    frontier = next;
  }
  return frontier;
}

/** `path` with its `*` tokens replaced by `indices`, in order (a shorter list leaves the rest). */
export function bindIndices(path: string, indices: readonly number[]): string {
  let i = 0;
  return path
    .split("/")
    .map((token) => (token === "*" && i < indices.length ? String(indices[i++]) : token))
    .join("/");
}

/** The one value at a path without `*` (undefined when absent). */
export function valueAt(record: unknown, path: string): unknown {
  return reach(record, path)?.[0]?.value;
}

/**
 * The records of a JSON body: the items of its `resultsKey` array when it has one (a list page),
 * else the body itself when it is an object.
 */
export function bodyRecords(body: unknown, resultsKey: string): BodyRecord[] {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return [];
  const results = (body as Record<string, unknown>)[resultsKey];
  if (Array.isArray(results)) {
    const base = `/${escapePointerToken(resultsKey)}`;
    return results.map((value, i) => ({ pointer: `${base}/${i}`, value }));
  }
  return [{ pointer: "", value: body }];
}

/** The first pointer (relative, from "") where two JSON values differ, or undefined when equal. */
export function firstDifference(a: unknown, b: unknown, at = ""): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return at;
  if (Array.isArray(a) !== Array.isArray(b)) return at;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of [...keys].sort()) {
    const found = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${at}/${escapePointerToken(key)}`,
    );
    if (found !== undefined) return found;
  }
  return undefined;
}
