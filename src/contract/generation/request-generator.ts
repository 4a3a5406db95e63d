/**
 * Per operation, fast-check arbitraries of whole requests (path, query and header parameters, JSON
 * body) from the operation's request schema (request-schema.ts), through src/generate: valid
 * requests (positive mode) and single-keyword mutants of valid ones (negative mode), each mutant
 * labelled with the keyword and the parameter or body member it breaks. A parameter mutant counts
 * only when it is invalid on the wire too: query, path and header values travel as text, so a
 * number where a string is expected (`7` → `"7"`) or a dropped optional value is not invalid there
 * and is discarded, as is anything our validator accepts.
 */
import fc from "fast-check";
import type { OpenApiDocument } from "../../document/load-document.js";
import { CannotGenerate } from "../../generate/cannot-generate.js";
import type { Validate } from "../../generate/generate-values.js";
import { type Mutant, mutateValue } from "../../generate/mutate-value.js";
import { SchemaArbitraries } from "../../generate/schema-arbitrary.js";
import { SchemaSource } from "../../generate/schema-source.js";
import { findUnsatisfied } from "../../generate/unsatisfied.js";
import { parsePointer, toPointer } from "../../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../../runtime/json-value.js";
import type { ApiIndex } from "../../runtime/operation-index.js";
import { buildRequestDocument, LOCATIONS } from "./request-schema.js";

/** One generated request, unserialised (the client serialises it as the spec says). */
export interface GeneratedRequest {
  readonly path: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly header: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
}

/** What a negative request breaks: the keyword, and where (`/query/limit`, `/body/name`). */
export interface BrokenKeyword {
  readonly keyword: string;
  readonly pointer: string;
}

/** A request of negative mode: invalid, with what it breaks. */
export interface NegativeRequest {
  readonly request: GeneratedRequest;
  readonly breaks: BrokenKeyword;
}

/**
 * Our validators for the schemas at `pointers` of `document` (the validators' own dialect and
 * formats). Compiling is codegen's job, a layer above cannot reach it: the caller hands it in.
 */
export type CompileRequestSchemas = (
  document: OpenApiDocument,
  pointers: readonly string[],
) => ReadonlyMap<string, Validate | { readonly skipped: string }>;

/** One operation's request arbitraries, or why it has none. */
export type OperationGenerator =
  | {
      readonly operation: string;
      readonly bodyType: string | undefined;
      /** Valid requests (checked again by `validate` before sending). */
      readonly positive: fc.Arbitrary<GeneratedRequest>;
      /** Mutants of valid requests; undefined when a drawn request has no confirmed mutant. */
      readonly negative: fc.Arbitrary<NegativeRequest | undefined>;
      /** Our validator of the whole request. */
      readonly validate: Validate;
    }
  | { readonly operation: string; readonly skipped: string };

/** Mutants tried per drawn request (the first found, depth-first). */
const MUTANTS_PER_REQUEST = 40;

/** A text value as a server reading it might take it: a number, a boolean, or the text. */
function coerce(text: string): unknown {
  if (/^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(text)) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  return text;
}

/** How a parameter value may be read on the other side of the wire (absent: `undefined`). */
function wireReadings(value: unknown): unknown[] {
  if (value === undefined || value === null) return [undefined];
  if (Array.isArray(value))
    return [value.map((v) => String(v)), value.map((v) => coerce(String(v)))];
  if (isJsonObject(value)) return [value];
  const text = String(value);
  return [text, coerce(text)];
}

function withParam(
  request: GeneratedRequest,
  location: (typeof LOCATIONS)[number],
  name: string,
  value: unknown,
): GeneratedRequest {
  const params: JsonObject = { ...request[location] };
  if (value === undefined) delete params[name];
  else params[name] = value;
  return { ...request, [location]: params };
}

/**
 * True when a mutant is invalid as the server receives it: a parameter mutant whose every wire
 * reading our validator still rejects; a body mutant as it is. An empty path segment is another
 * URL, not a malformed parameter.
 */
function invalidOnTheWire(mutant: GeneratedRequest, pointer: string, validate: Validate): boolean {
  const [location, name] = parsePointer(pointer);
  // A path without one of its values is another URL (or no request at all), not a malformed one.
  if (location === "path" && name === undefined) return false;
  if (location === "body" || name === undefined) return true;
  const where = LOCATIONS.find((l) => l === location);
  if (where === undefined) return true;
  const value = mutant[where][name];
  if (where === "path" && (value === undefined || value === null || String(value) === ""))
    return false;
  return wireReadings(value).every((reading) => !validate(withParam(mutant, where, name, reading)));
}

/** True when `mutant` still fills every path parameter `valid` fills (else it is another URL). */
function keepsPath(valid: GeneratedRequest, mutant: GeneratedRequest): boolean {
  return Object.keys(valid.path).every((name) => {
    const value = mutant.path[name];
    return value !== undefined && value !== null && String(value) !== "";
  });
}

/** True when every parameter can be sent as is (no lone surrogate; header values are ASCII). */
export function sendable(request: GeneratedRequest): boolean {
  const texts = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.flatMap(texts)
      : value === null || value === undefined
        ? []
        : [String(value)];
  try {
    for (const value of [...Object.values(request.path), ...Object.values(request.query)])
      for (const text of texts(value)) encodeURIComponent(text);
  } catch {
    return false;
  }
  return Object.values(request.header).every((value) =>
    texts(value).every((text) => /^[\x20-\x7e]*$/.test(text) && text.trim() === text),
  );
}

/** How far past a numeric bound a mutant may go (shrinks to the bound itself). */
const MAX_DISTANCE = 1000;

/**
 * A bound mutant moved `distance` further past its bound (a negative limit, not only 0), when
 * it stays invalid: the distance shrinks, so a failure ends at the bound nearest to valid.
 */
function farther(mutant: Mutant, distance: number, validate: Validate): unknown {
  const below = mutant.keyword === "minimum" || mutant.keyword === "exclusiveMinimum";
  const above = mutant.keyword === "maximum" || mutant.keyword === "exclusiveMaximum";
  if ((!below && !above) || distance === 0) return mutant.value;
  const tokens = parsePointer(mutant.pointer);
  const old = tokens.reduce<unknown>(
    (node, token) =>
      isJsonObject(node) || Array.isArray(node) ? (node as JsonObject)[token] : undefined,
    mutant.value,
  );
  if (typeof old !== "number") return mutant.value;
  const moved = replaceAt(mutant.value, tokens, below ? old - distance : old + distance);
  return validate(moved) ? mutant.value : moved;
}

/** A copy of `root` with the value at `tokens` replaced. */
function replaceAt(root: unknown, tokens: readonly string[], value: unknown): unknown {
  const [head, ...rest] = tokens;
  if (head === undefined) return value;
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[Number(head)] = replaceAt(copy[Number(head)], rest, value);
    return copy;
  }
  const copy: JsonObject = { ...(root as JsonObject) };
  copy[head] = replaceAt(copy[head], rest, value);
  return copy;
}

/** The request part of a drawn value (the generator's own object). */
function asRequest(value: unknown): GeneratedRequest {
  const object = isJsonObject(value) ? value : {};
  const part = (name: string) => (isJsonObject(object[name]) ? object[name] : {});
  return {
    path: part("path"),
    query: part("query"),
    header: part("header"),
    ...(Object.hasOwn(object, "body") ? { body: object.body } : {}),
  };
}

/** Request arbitraries for every operation of an API, compiled once. */
export function buildOperationGenerators(
  document: OpenApiDocument,
  index: ApiIndex,
  compile: CompileRequestSchemas,
): Map<string, OperationGenerator> {
  const prepared = buildRequestDocument(document, index);
  const source = new SchemaSource(prepared.document);
  const arbitraries = new SchemaArbitraries(source);
  const pointers = [...prepared.requests.values()].flatMap((r) =>
    "tokens" in r ? [toPointer(r.tokens)] : [],
  );
  const validators = compile(prepared.document, pointers);
  const out = new Map<string, OperationGenerator>();
  for (const [key, request] of prepared.requests) {
    if ("skipped" in request) {
      out.set(key, { operation: key, skipped: request.skipped });
      continue;
    }
    const validator = validators.get(toPointer(request.tokens));
    if (validator === undefined || typeof validator !== "function") {
      out.set(key, {
        operation: key,
        skipped: `its request schema has no validator (${validator?.skipped ?? "not compiled"})`,
      });
      continue;
    }
    let values: fc.Arbitrary<unknown>;
    try {
      values = arbitraries.forPointer(request.tokens, validator);
    } catch (error) {
      if (!(error instanceof CannotGenerate)) throw error;
      out.set(key, { operation: key, skipped: `${error.keyword}: ${error.reason}` });
      continue;
    }
    const validate = validator;
    // A draw whose bounded retries found nothing is kept (fast-check's filter would loop until
    // one passes) and skipped where it is used (exploreOperation, the mutants below).
    const positive = values.map(asRequest);
    const negative = fc
      .tuple(positive, fc.nat(), fc.nat(MAX_DISTANCE))
      .map(([valid, pick, distance]) => {
        if (findUnsatisfied(valid) !== undefined) return undefined;
        const mutation = mutateValue(
          arbitraries,
          request.tokens,
          valid,
          validate,
          MUTANTS_PER_REQUEST,
        );
        // Judged as sent: a location dropped or a member added at the root does not reach the wire.
        const confirmed = mutation.mutants.filter(
          (m) =>
            !validate(asRequest(m.value)) &&
            keepsPath(asRequest(valid), asRequest(m.value)) &&
            invalidOnTheWire(asRequest(m.value), m.pointer, validate),
        );
        const chosen = confirmed[pick % Math.max(1, confirmed.length)];
        if (chosen === undefined) return undefined;
        const value = farther(chosen, distance, validate);
        return {
          request: asRequest(value),
          breaks: { keyword: chosen.keyword, pointer: chosen.pointer },
        };
      });
    out.set(key, { operation: key, bodyType: request.bodyType, positive, negative, validate });
  }
  return out;
}
