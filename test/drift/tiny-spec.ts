/**
 * Test helpers: the smallest OpenAPI documents that show one change. One operation,
 * `POST /items/{id}`, whose parts a case fills in; `schemaAt` places a schema where a rule looks.
 */
import { diffDocuments } from "../../src/drift/diff-documents.js";
import type { Json } from "./edit-specs.js";

/** Where a case's schema sits: a parameter, a request or response body, or a property of one. */
export type Place =
  | "query"
  | "path"
  | "header"
  | "request-body"
  | "request-property"
  | "response-body"
  | "response-property";

/** A document with `POST /items/{id}` (path parameter `id`, a 200 JSON response), edited by `edit`. */
export function tinySpec(edit: (operation: Json, doc: Json) => void = () => {}): Json {
  const operation: Json = {
    operationId: "createItem",
    parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
    responses: { "200": { description: "ok" } },
  };
  const doc: Json = {
    openapi: "3.0.3",
    info: { title: "tiny", version: "1" },
    paths: { "/items/{id}": { post: operation } },
    components: { schemas: {} },
  };
  edit(operation, doc);
  return doc;
}

/** A document whose one schema at `place` is `schema` (a property is named `p`; a parameter `q`). */
export function schemaAt(place: Place, schema: Json): Json {
  return tinySpec((operation) => {
    if (place === "query" || place === "header") {
      operation.parameters.push({ name: "q", in: place, schema });
    } else if (place === "path") {
      operation.parameters[0].schema = schema;
    } else if (place.startsWith("request")) {
      const body =
        place === "request-body" ? schema : { type: "object", properties: { p: schema } };
      operation.requestBody = { required: true, content: { "application/json": { schema: body } } };
    } else {
      const body =
        place === "response-body" ? schema : { type: "object", properties: { p: schema } };
      operation.responses["200"].content = { "application/json": { schema: body } };
    }
  });
}

/** Distinct `"id level"` strings, sorted, of the diff of two documents. */
export function diffIds(base: Json, revision: Json): string[] {
  const changes = diffDocuments(base, revision);
  return [...new Set(changes.map((c) => `${c.id} ${c.level}`))].sort();
}

/** A table row: a base and a revision, and every `[id, level]` wanted. */
export interface RuleCase {
  readonly base: Json;
  readonly revision: Json;
  readonly want: readonly (readonly [string, string])[];
}

/** The sorted `"id level"` strings of a row's `want`. */
export function wanted(given: RuleCase): string[] {
  return given.want.map(([id, level]) => `${id} ${level}`).sort();
}

/** A row whose base and revision differ only in the schema at `place`. */
export function row(
  place: Place,
  base: Json,
  revision: Json,
  ...want: [string, string][]
): RuleCase {
  return { base: schemaAt(place, base), revision: schemaAt(place, revision), want };
}

/** A row whose base and revision are `tinySpec` edited by `base` and `revision`. */
export function edited(
  base: (operation: Json, doc: Json) => void,
  revision: (operation: Json, doc: Json) => void,
  ...want: [string, string][]
): RuleCase {
  return { base: tinySpec(base), revision: tinySpec(revision), want };
}
