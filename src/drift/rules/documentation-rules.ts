import { toPointer } from "../../runtime/json-pointer.js";
import { isJsonObject } from "../../runtime/json-value.js";
import { defineRule } from "../define-rule.js";
import { refOf } from "../document-side.js";

/** Keys whose values document the API without changing what goes over the wire. */
const DOC_KEYS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
]);

/** Objects whose keys are names chosen by the author (a property called `description` is not a description). */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "schemas",
  "parameters",
  "responses",
  "headers",
  "requestBodies",
  "securitySchemes",
  "links",
  "callbacks",
  "pathItems",
  "variables",
  "mapping",
  "definitions",
  "$defs",
]);

function isDocumentation(tokens: readonly string[]): boolean {
  const [first, second] = tokens;
  // The whole info object documents the API; only `info.version` is excluded altogether (see below).
  if (first === "info" && second !== undefined) return true;
  const key = tokens.at(-1);
  const parent = tokens.at(-2);
  if (key === undefined || (parent !== undefined && NAME_MAPS.has(parent))) return false;
  // x-sunset is a date clients plan by: the deprecation rules judge it.
  return DOC_KEYS.has(key) || (key.startsWith("x-") && key !== "x-sunset");
}

interface Found {
  count: number;
  first?: string;
}

/**
 * Collect documentation keys whose values differ; structural differences are the other rules' business.
 * `tokens` is one shared stack (pushed and popped): whole documents run to millions of nodes.
 */
function walk(before: unknown, after: unknown, tokens: string[], found: Found): void {
  if (before === after) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.min(before.length, after.length);
    for (let i = 0; i < length; i++) {
      tokens.push(String(i));
      walk(before[i], after[i], tokens, found);
      tokens.pop();
    }
    return;
  }
  if (!isJsonObject(before) || !isJsonObject(after)) return;
  // A schema replaced by a `$ref` (or pointed elsewhere) moved: its text is compared where it now lives
  // only if that place exists on both sides; the structural rules judge the move itself.
  if (refOf(before) !== refOf(after)) return;
  for (const key of Object.keys(before)) visit(before[key], after[key], key, tokens, found);
  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(before, key)) visit(undefined, after[key], key, tokens, found);
  }
}

function visit(was: unknown, is: unknown, key: string, tokens: string[], found: Found): void {
  tokens.push(key);
  if (tokens.length === 2 && tokens[0] === "info" && key === "version") {
    // Not documentation, not structure: upstream rewrites it on every build.
  } else if (isDocumentation(tokens)) {
    if (was !== is && JSON.stringify(was) !== JSON.stringify(is)) {
      found.count++;
      found.first ??= toPointer(tokens);
    }
  } else if (was !== undefined && is !== undefined) {
    walk(was, is, tokens, found);
  }
  tokens.pop();
}

/**
 * Descriptions, summaries, titles, examples and `x-` extensions changed: at most one info change for
 * the whole document, however many places changed, so that documentation churn is never noise.
 * `info.version` alone is not reported at all: upstream regenerates it on every build.
 */
export const documentationChanged = defineRule({
  name: "documentation",
  scope: "document",
  levels: { "api-documentation-changed": "info" },
  check(pair, emit) {
    const found: Found = { count: 0 };
    walk(pair.old.doc, pair.new.doc, [], found);
    if (found.count === 0 || found.first === undefined) return;
    emit(
      "api-documentation-changed",
      found.first,
      `documentation (descriptions, summaries, examples or x- extensions) changed in ${found.count} place(s); the first is shown`,
    );
  },
});
