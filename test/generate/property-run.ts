/**
 * Test helper: the property run shared by the bench-spec and JSON Schema Test Suite tests. For each
 * schema: seeded values from src/generate/, each checked by ours (before use, inside
 * generateValues) and then by the reference; single-keyword mutants of the first values, each
 * confirmed invalid by ours (inside mutateValue) and then checked against the reference.
 */

import type { OpenApiDocument } from "../../src/document/load-document.js";
import { generateValues, type Validate } from "../../src/generate/generate-values.js";
import { mutateValue } from "../../src/generate/mutate-value.js";
import type { SchemaArbitraries } from "../../src/generate/schema-arbitrary.js";
import { parsePointer, toPointer } from "../../src/runtime/json-pointer.js";
import { seeded } from "../support/json-schema-faker.js";

/** What happened to one schema. */
export interface SchemaOutcome {
  readonly name: string;
  readonly values: number;
  /** Values ours rejected (withheld by generateValues) that plain ajv rejects too: generator bugs. */
  readonly generatorBugs: readonly unknown[];
  /** Values ours rejected and plain ajv accepts: the two validators disagree (ours stricter). */
  readonly oursStricter: readonly unknown[];
  /** Values or mutants on which plain ajv threw (say, a stack overflow): never counted as a verdict. */
  readonly referenceErrors: number;
  /** Generated values ours accepted and the reference rejected. */
  readonly referenceRejected: readonly unknown[];
  readonly mutants: number;
  /** Mutants ours rejected and the reference accepted: `keyword pointer`. */
  readonly referenceAccepted: readonly string[];
  readonly discarded: number;
  /** Set when nothing could be generated: `keyword: reason`. */
  readonly cannot?: string;
  /** Mutant keywords produced, for coverage. */
  readonly keywords: readonly string[];
}

/** Values and mutants of the schema at `tokens`, checked by ours and the reference. */
export function runSchema(
  name: string,
  arbitraries: SchemaArbitraries,
  tokens: readonly (string | number)[],
  ours: Validate,
  reference: Validate,
  options: { readonly seed: number; readonly count: number; readonly mutated: number },
): SchemaOutcome {
  const generated = generateValues(arbitraries, tokens, ours, options);
  if (generated.kind === "cannot-generate") {
    return {
      name,
      values: 0,
      generatorBugs: [],
      oursStricter: [],
      referenceErrors: 0,
      referenceRejected: [],
      mutants: 0,
      referenceAccepted: [],
      discarded: 0,
      cannot: `${generated.keyword}: ${generated.reason}`,
      keywords: [],
    };
  }
  let referenceErrors = 0;
  const verdict = (value: unknown): boolean | undefined => {
    try {
      return reference(value);
    } catch {
      referenceErrors++;
      return undefined;
    }
  };
  const referenceRejected = generated.values.filter((value) => verdict(value) === false);
  const generatorBugs = generated.generatorBugs.filter((value) => verdict(value) === false);
  const oursStricter = generated.generatorBugs.filter((value) => verdict(value) === true);
  let mutants = 0;
  let discarded = 0;
  const referenceAccepted: string[] = [];
  const keywords = new Set<string>();
  for (const value of generated.values.slice(0, options.mutated)) {
    const mutation = mutateValue(arbitraries, tokens, value, ours);
    discarded += mutation.discarded;
    for (const mutant of mutation.mutants) {
      mutants++;
      keywords.add(mutant.keyword);
      if (verdict(mutant.value) === true)
        referenceAccepted.push(
          `${mutant.keyword} at '${mutant.pointer}': ${JSON.stringify(mutant.value).slice(0, 200)}`,
        );
    }
  }
  return {
    name,
    values: generated.values.length,
    generatorBugs,
    oursStricter,
    referenceErrors,
    referenceRejected,
    mutants,
    referenceAccepted,
    discarded,
    ...(generated.values.length === 0 && generated.unsatisfied.length > 0
      ? { cannot: `retries: ${generated.unsatisfied[0]}` }
      : {}),
    keywords: [...keywords],
  };
}

/** `count` items of `items` chosen with `seed` (Fisher–Yates prefix), in a stable order. */
export function sampleOf<T>(items: readonly T[], count: number, seed: number): T[] {
  const copy = [...items];
  const random = seeded(seed);
  for (let i = 0; i < Math.min(count, copy.length); i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, count);
}

/** One line per outcome kind, for the test output. */
export function summarise(
  label: string,
  outcomes: readonly SchemaOutcome[],
  skipped: ReadonlyMap<string, number>,
): string {
  const generated = outcomes.filter((o) => o.values > 0);
  const cannot = new Map<string, number>();
  for (const o of outcomes)
    if (o.cannot) cannot.set(o.cannot.slice(0, 120), (cannot.get(o.cannot.slice(0, 120)) ?? 0) + 1);
  const lines = [
    `${label}: ${outcomes.length} schemas; values for ${generated.length} (${generated.reduce((n, o) => n + o.values, 0)} values; withheld: ${outcomes.reduce((n, o) => n + o.generatorBugs.length, 0)} generator bugs, ${outcomes.reduce((n, o) => n + o.oursStricter.length, 0)} that only ours rejects), cannot generate ${outcomes.length - generated.length}; ${outcomes.reduce((n, o) => n + o.mutants, 0)} mutants (${outcomes.reduce((n, o) => n + o.discarded, 0)} candidates discarded: ours accepted them); plain ajv threw on ${outcomes.reduce((n, o) => n + o.referenceErrors, 0)}`,
    ...[...skipped].map(([why, n]) => `  skipped ${n}: ${why}`),
    ...[...cannot].sort((a, b) => b[1] - a[1]).map(([why, n]) => `  cannot generate ${n}: ${why}`),
  ];
  return lines.join("\n");
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Pointers of every JSON request-body and 2xx response schema (through component refs). */
export function bodySchemaPointers(document: OpenApiDocument): string[] {
  const found = new Set<string>();
  const follow = (node: unknown, pointer: string): [unknown, string] => {
    if (isObject(node) && typeof node.$ref === "string" && node.$ref.startsWith("#/")) {
      const target = node.$ref.slice(1);
      let value: unknown = document;
      for (const token of parsePointer(target)) value = isObject(value) ? value[token] : undefined;
      return [value, target];
    }
    return [node, pointer];
  };
  const content = (holder: unknown, pointer: string): void => {
    const [node, at] = follow(holder, pointer);
    if (!isObject(node) || !isObject(node.content)) return;
    for (const [media, entry] of Object.entries(node.content)) {
      if (
        !/^application\/(?:[\w.-]+\+)?json(?:;|$)/.test(media) ||
        !isObject(entry) ||
        entry.schema === undefined
      )
        continue;
      found.add(`${at}${toPointer(["content", media, "schema"])}`);
    }
  };
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of ["get", "put", "post", "delete", "patch"]) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const at = toPointer(["paths", path, method]);
      content(operation.requestBody, `${at}/requestBody`);
      for (const [status, response] of Object.entries(
        isObject(operation.responses) ? operation.responses : {},
      )) {
        if (/^2(?:\d\d|XX)$/.test(status))
          content(response, `${at}${toPointer(["responses", status])}`);
      }
    }
  }
  return [...found];
}

/** Whether the schema at `pointer`, or any schema it reaches through local `$ref`s, uses `oneOf`. */
export function reachesOneOf(document: unknown, pointer: string): boolean {
  const seen = new Set<string>();
  const pending = [pointer];
  for (let at = pending.pop(); at !== undefined; at = pending.pop()) {
    if (seen.has(at)) continue;
    seen.add(at);
    let node: unknown = document;
    for (const token of parsePointer(at)) node = isObject(node) ? node[token] : undefined;
    const text = JSON.stringify(node) ?? "";
    if (text.includes('"oneOf"')) return true;
    for (const [, ref] of text.matchAll(/"\$ref":"(#[^"]*)"/g))
      pending.push((ref as string).slice(1));
  }
  return false;
}
