/**
 * Pairing the `oneOf`/`anyOf` alternatives of two versions of a schema by content, not position:
 * inserting an alternative at the front must not make every later one look changed.
 */
import { SCHEMA_DATA_KEYWORDS, SUBSCHEMA_MAP } from "../document/walk-schemas.js";
import { isJsonObject } from "../runtime/json-value.js";
import { type Located, refOf } from "./document-side.js";
import type { NormalSchema, SchemaNormaliser } from "./normalise-schema.js";

/** Which old alternative became which new one; the rest were added or removed. */
export interface AlternativeMatch {
  /** `[oldIndex, newIndex]`, in new order. */
  readonly pairs: readonly (readonly [number, number])[];
  readonly added: readonly number[];
  readonly removed: readonly number[];
}

/** Keys that document a schema: left out of its shape. */
const DOCUMENTATION = new Set([
  "description",
  "title",
  "example",
  "examples",
  "externalDocs",
  "$comment",
]);

/** Depth to which nested `$ref`s are expanded in a shape key; bounded so that cycles terminate. */
const SHAPE_DEPTH = 4;

/** A text equal for two schemas of the same shape, whatever their component names. */
export function shapeKey(loc: Located, schemas: SchemaNormaliser): string {
  let byPointer = shapes.get(schemas);
  if (!byPointer) {
    byPointer = new Map();
    shapes.set(schemas, byPointer);
  }
  // A pointer always names the same node of one document: shared alternatives are keyed once.
  let key = byPointer.get(loc.pointer);
  if (key === undefined) {
    key = JSON.stringify(strip(schemas.side.deref(loc).node, schemas, SHAPE_DEPTH));
    byPointer.set(loc.pointer, key);
  }
  return key;
}

const shapes = new WeakMap<SchemaNormaliser, Map<string, string>>();

function strip(node: unknown, schemas: SchemaNormaliser, depth: number): unknown {
  if (Array.isArray(node)) return node.map((item) => strip(item, schemas, depth));
  if (!isJsonObject(node)) return node;
  const ref = refOf(node);
  if (ref !== undefined) {
    if (depth <= 0 || !ref.startsWith("#")) return { $ref: ref };
    return strip(schemas.side.deref({ node, pointer: "" }).node, schemas, depth - 1);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node).sort()) {
    if (DOCUMENTATION.has(key) || key.startsWith("x-")) continue;
    // enum, const, default, examples: values, kept as they are (a `$ref` there is data).
    const value = node[key];
    if (SCHEMA_DATA_KEYWORDS.includes(key)) out[key] = value;
    else if (SUBSCHEMA_MAP.includes(key) && isJsonObject(value)) {
      // Names chosen by the author: a property called `description` is kept.
      out[key] = Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((name) => [name, strip(value[name], schemas, depth)]),
      );
    } else out[key] = strip(value, schemas, depth);
  }
  return out;
}

/** How alike two alternatives are, from 0 (nothing in common) to 1. */
function similarity(a: NormalSchema, b: NormalSchema): number {
  const typesA = [...(a.types ?? [])].sort().join();
  const typesB = [...(b.types ?? [])].sort().join();
  if (typesA !== typesB) return 0;
  const namesA = new Set(a.properties.keys());
  const namesB = new Set(b.properties.keys());
  if (namesA.size === 0 && namesB.size === 0) return 0.5;
  let common = 0;
  for (const name of namesA) if (namesB.has(name)) common++;
  return common / (namesA.size + namesB.size - common);
}

const cache = new WeakMap<SchemaNormaliser, Map<string, AlternativeMatch>>();

/**
 * Pair alternatives: first those of the same shape, then those naming the same component, then the
 * most alike of the same type sharing at least half their property names. Cached per pair of lists.
 */
export function matchAlternatives(
  olds: readonly Located[],
  news: readonly Located[],
  oldSchemas: SchemaNormaliser,
  newSchemas: SchemaNormaliser,
): AlternativeMatch {
  const key = `${olds.map((l) => l.pointer).join(",")}\u0000${news.map((l) => l.pointer).join(",")}`;
  let byKey = cache.get(oldSchemas);
  if (!byKey) {
    byKey = new Map();
    cache.set(oldSchemas, byKey);
  }
  const known = byKey.get(key);
  if (known) return known;
  const oldFree = new Set(olds.keys());
  const newFree = new Set(news.keys());
  const pairs: [number, number][] = [];
  const take = (i: number, j: number) => {
    pairs.push([i, j]);
    oldFree.delete(i);
    newFree.delete(j);
  };
  const oldShapes = olds.map((loc) => shapeKey(loc, oldSchemas));
  const newShapes = news.map((loc) => shapeKey(loc, newSchemas));
  for (const j of [...newFree]) {
    const i = [...oldFree].find((candidate) => oldShapes[candidate] === newShapes[j]);
    if (i !== undefined) take(i, j);
  }
  const refName = (loc: Located) => refOf(loc.node)?.split("/").pop();
  for (const j of [...newFree]) {
    const name = refName(news[j] as Located);
    if (name === undefined) continue;
    const i = [...oldFree].find((candidate) => refName(olds[candidate] as Located) === name);
    if (i !== undefined) take(i, j);
  }
  const scored: { i: number; j: number; score: number }[] = [];
  for (const i of oldFree) {
    for (const j of newFree) {
      const score = similarity(
        oldSchemas.normalise(olds[i] as Located),
        newSchemas.normalise(news[j] as Located),
      );
      if (score >= 0.5) scored.push({ i, j, score });
    }
  }
  scored.sort((a, b) => b.score - a.score || a.j - b.j || a.i - b.i);
  for (const { i, j } of scored) if (oldFree.has(i) && newFree.has(j)) take(i, j);
  const result: AlternativeMatch = {
    pairs: pairs.sort((a, b) => a[1] - b[1]),
    added: [...newFree].sort((a, b) => a - b),
    removed: [...oldFree].sort((a, b) => a - b),
  };
  byKey.set(key, result);
  return result;
}
