/**
 * A semantic declaration must name what the document has: a filter or ordering parameter that no
 * operation takes, or a field (`/amount_totl`) that no response record declares, would turn its
 * check off without a word. This finds such names at load and fails with the declaration's JSON
 * Pointer and the closest known name (`did you mean /amount_total?`).
 *
 * Records are what the checks read (field-paths.ts): the items of a list page's results array,
 * or a single-item body; fields are JSON Pointers into them, `*` for every array item. Below a
 * schema that declares no properties (free-form), any field is accepted.
 */
import { didYouMean } from "../../document/closest-match.js";
import type { OpenApiDocument } from "../../document/load-document.js";
import { resolveSchema, schemaProperties, schemaType } from "../../document/schema-shape.js";
import { HTTP_METHOD_KEYS } from "../../document/walk-schemas.js";
import { parsePointer, toPointer } from "../../runtime/json-pointer.js";
import { isJsonObject } from "../../runtime/json-value.js";
import { isJsonMediaType } from "../../runtime/media-type.js";
import type { SchemaLike } from "../../runtime/operation-index.js";
import type { SemanticsConfig } from "./api-config.js";
import { ApiConfigError } from "./config-shape.js";

/** The default key of a list page's items (semantic-scope.ts), when no pagination is declared. */
const DEFAULT_RESULTS_KEY = "results";
/** Bounds on the names offered as close matches (the walk of a large document stays small). */
const MAX_DEPTH = 5;
const MAX_PATHS = 5000;

/** What a document offers declarations: query parameters, page schemas and record schemas. */
interface DocumentNames {
  readonly queryParams: Set<string>;
  /** Enum values of each query parameter that has them (items' enum for arrays). */
  readonly enums: Map<string, Set<string>>;
  readonly pages: SchemaLike[];
  readonly records: SchemaLike[];
}

function jsonSchemasOf(document: OpenApiDocument, responses: unknown): SchemaLike[] {
  if (!isJsonObject(responses)) return [];
  const found: SchemaLike[] = [];
  for (const [status, response] of Object.entries(responses)) {
    if (!/^2/.test(status)) continue;
    const content = resolveSchema(document, response).content;
    if (!isJsonObject(content)) continue;
    for (const [type, media] of Object.entries(content)) {
      if (!isJsonMediaType(type)) continue;
      if (isJsonObject(media) && media.schema !== undefined)
        found.push(resolveSchema(document, media.schema));
    }
  }
  return found;
}

function namesOf(document: OpenApiDocument, resultsKey: string): DocumentNames {
  const names: DocumentNames = { queryParams: new Set(), enums: new Map(), pages: [], records: [] };
  const paths = isJsonObject(document.paths) ? document.paths : {};
  for (const item of Object.values(paths)) {
    if (!isJsonObject(item)) continue;
    for (const method of HTTP_METHOD_KEYS) {
      const operation = item[method];
      if (!isJsonObject(operation)) continue;
      const parameters = [
        ...(Array.isArray(item.parameters) ? item.parameters : []),
        ...(Array.isArray(operation.parameters) ? operation.parameters : []),
      ];
      for (const raw of parameters) {
        const parameter = resolveSchema(document, raw);
        if (parameter.in !== "query" || typeof parameter.name !== "string") continue;
        names.queryParams.add(parameter.name);
        const schema = resolveSchema(document, parameter.schema);
        const values =
          schemaType(schema) === "array" ? resolveSchema(document, schema.items).enum : schema.enum;
        if (Array.isArray(values)) {
          const known = names.enums.get(parameter.name) ?? new Set<string>();
          for (const value of values) if (typeof value === "string") known.add(value);
          names.enums.set(parameter.name, known);
        }
      }
      for (const body of jsonSchemasOf(document, operation.responses)) {
        const results = schemaProperties(document, body)[resultsKey];
        if (results !== undefined && schemaType(results) === "array") {
          names.pages.push(body);
          names.records.push(resolveSchema(document, results.items));
        } else if (schemaType(body) === "object") {
          names.records.push(body);
        }
      }
    }
  }
  return names;
}

/** The branches a value of `schema` may take (`oneOf`/`anyOf`), or the schema itself. */
function branches(document: OpenApiDocument, schema: SchemaLike): SchemaLike[] {
  const alternatives = [
    ...(Array.isArray(schema.oneOf) ? schema.oneOf : []),
    ...(Array.isArray(schema.anyOf) ? schema.anyOf : []),
  ];
  return alternatives.length > 0
    ? alternatives.map((branch) => resolveSchema(document, branch))
    : [schema];
}

/** True when `schema` says nothing about its members, so that any path below it may exist. */
function freeForm(document: OpenApiDocument, schema: SchemaLike): boolean {
  return (
    schema.items === undefined &&
    Object.keys(schemaProperties(document, schema)).length === 0 &&
    branches(document, schema).every((b) => b === schema)
  );
}

/** True when the JSON Pointer `path` (with `*` for array items) may exist in a value of `schema`. */
function pathExists(
  document: OpenApiDocument,
  schema: SchemaLike,
  tokens: readonly string[],
  depth = 0,
): boolean {
  if (tokens.length === 0) return true;
  if (depth > 32) return false;
  const [token, ...rest] = tokens as [string, ...string[]];
  return branches(document, schema).some((branch) => {
    if (freeForm(document, branch)) return true;
    if (token === "*") {
      return (
        branch.items !== undefined &&
        pathExists(document, resolveSchema(document, branch.items), rest, depth + 1)
      );
    }
    const property = schemaProperties(document, branch)[token];
    return property !== undefined && pathExists(document, property, rest, depth + 1);
  });
}

/** Every path a value of `schema` declares, to offer as close matches (bounded). */
function knownPaths(
  document: OpenApiDocument,
  schema: SchemaLike,
  prefix: string,
  depth: number,
  into: Set<string>,
): void {
  if (depth >= MAX_DEPTH || into.size >= MAX_PATHS) return;
  for (const branch of branches(document, schema)) {
    if (branch.items !== undefined && schemaType(branch) === "array") {
      knownPaths(document, resolveSchema(document, branch.items), `${prefix}/*`, depth + 1, into);
    }
    for (const [name, property] of Object.entries(schemaProperties(document, branch))) {
      const path = `${prefix}${toPointer([name])}`;
      into.add(path);
      knownPaths(document, property, path, depth + 1, into);
    }
  }
}

/**
 * Check every parameter and field a semantics declaration names against `document`.
 * @throws ApiConfigError naming `file`, the declaration's JSON Pointer, the unknown name and the
 *   closest known one.
 */
export function checkSemanticFields(
  semantics: SemanticsConfig,
  document: OpenApiDocument,
  file: string,
): void {
  const resultsKey = semantics.pagination?.results ?? DEFAULT_RESULTS_KEY;
  const names = namesOf(document, resultsKey);
  let candidates: Set<string> | undefined;
  const fail = (
    at: readonly (string | number)[],
    what: string,
    value: string,
    known: Iterable<string>,
    where: string,
  ): never => {
    const pointer = toPointer(["semantics", ...at]);
    throw new ApiConfigError(
      `${file}: ${pointer}: ${what} '${value}' is not in the document${didYouMean(value, known)}; ${where}. Fix the name, or remove the declaration`,
      file,
      pointer,
    );
  };
  const field = (at: readonly (string | number)[], path: string): void => {
    const tokens = parsePointer(path);
    if (names.records.some((record) => pathExists(document, record, tokens))) return;
    if (candidates === undefined) {
      candidates = new Set();
      for (const record of names.records) knownPaths(document, record, "", 0, candidates);
    }
    fail(
      at,
      "field",
      path,
      candidates,
      "fields are JSON Pointers into a list item or a single-item response body",
    );
  };
  const param = (at: readonly (string | number)[], name: string): void => {
    if (!names.queryParams.has(name)) {
      fail(
        at,
        "query parameter",
        name,
        names.queryParams,
        "name a query parameter of one of the document's operations",
      );
    }
  };
  semantics.filters?.forEach((filter, i) => {
    param(["filters", i, "param"], filter.param);
    field(["filters", i, "field"], filter.field);
  });
  if (semantics.ordering) {
    const { param: name, keys } = semantics.ordering;
    param(["ordering", "param"], name);
    const allowed = names.enums.get(name);
    for (const [key, binding] of Object.entries(keys)) {
      if (allowed && allowed.size > 0 && !allowed.has(key) && !allowed.has(`-${key}`)) {
        fail(
          ["ordering", "keys", key],
          "ordering key",
          key,
          allowed,
          `'${name}' takes ${[...allowed].join(", ")}`,
        );
      }
      field(["ordering", "keys", key, "field"], binding.field);
    }
  }
  if (semantics.pagination) {
    if (names.pages.length === 0) {
      const key = semantics.pagination.results ?? DEFAULT_RESULTS_KEY;
      fail(
        ["pagination", semantics.pagination.results === undefined ? "itemKey" : "results"],
        "list results key",
        key,
        [],
        "no 2xx JSON response has an array of items under that key",
      );
    }
    field(["pagination", "itemKey"], semantics.pagination.itemKey);
  }
  semantics.money?.forEach((rule, i) => {
    rule.parts.forEach((part, j) => {
      field(["money", i, "parts", j], part);
    });
    field(["money", i, "total"], rule.total);
  });
  semantics.dates?.forEach((rule, i) => {
    field(["dates", i, "from"], rule.from);
    field(["dates", i, "to"], rule.to);
  });
}
