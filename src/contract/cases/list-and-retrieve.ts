/**
 * Which operations list items (limit/offset pagination over `{ count, results }` pages) and which
 * operations take one item's id, linked to the list that supplies it.
 * @see https://www.django-rest-framework.org/api-guide/pagination/#limitoffsetpagination
 */

import type { OpenApiDocument } from "../../document/load-document.js";
import type { ApiIndex, OperationSpec } from "../../runtime/operation-index.js";
import { resolveSchema, responseSchema, schemaProperties, schemaType } from "./response-schema.js";

/** A list operation's pagination: its parameter names and page keys. */
export interface ListShape {
  readonly limit: string;
  readonly offset: string;
  readonly results: string;
  readonly count: string;
  /** The item schema's properties (from `results.items`). */
  readonly itemProperties: Readonly<Record<string, Record<string, unknown>>>;
}

/** The status of an operation's success response with a JSON body (`200`, else the first 2XX). */
export function successStatus(operation: OperationSpec): string | undefined {
  const statuses = Object.keys(operation.responses);
  return statuses.includes("200") ? "200" : statuses.find((s) => /^2/.test(s));
}

/**
 * The list shape of a GET with `limit` and `offset` query parameters whose success body holds a
 * `results` array and a `count`; undefined for any other operation.
 */
export function listShape(
  document: OpenApiDocument,
  operation: OperationSpec,
): ListShape | undefined {
  if (operation.method !== "get") return undefined;
  const query = new Set(operation.parameters.filter((p) => p.in === "query").map((p) => p.name));
  if (!query.has("limit") || !query.has("offset")) return undefined;
  const status = successStatus(operation);
  const schema = status === undefined ? undefined : responseSchema(document, operation, status);
  if (!schema) return undefined;
  const properties = schemaProperties(document, schema);
  const results = properties.results;
  if (!results || schemaType(results) !== "array" || !properties.count) return undefined;
  return {
    limit: "limit",
    offset: "offset",
    results: "results",
    count: "count",
    itemProperties: schemaProperties(document, resolveSchema(document, results.items)),
  };
}

/** An operation that takes one item's id in its path, and the list operation that supplies ids. */
export interface ItemLink {
  /** The path parameter that holds the id. */
  readonly parameter: string;
  /** Key of the list operation at the path before `/{parameter}`. */
  readonly listOperation: string;
  /** The item field holding the value: the parameter's name when items have it, else `id`. */
  readonly field: string;
}

/**
 * For an operation with a path parameter `{x}`, the GET list operation at the path that precedes
 * `/{x}` (`/invoices/{id}` and `/invoices/{id}/download` both link to `/invoices`). Undefined when
 * no such list exists (SoftwareOne documents only get-by-id).
 */
export function itemLink(
  document: OpenApiDocument,
  index: ApiIndex,
  operation: OperationSpec,
): ItemLink | undefined {
  const segments = operation.path.split("/");
  for (let i = segments.length - 1; i > 0; i--) {
    const name = /^\{(.+)\}$/.exec(segments[i] ?? "")?.[1];
    if (name === undefined) continue;
    const parent = segments.slice(0, i).join("/");
    const list = Object.values(index.operations).find(
      (candidate) => candidate.path === parent && listShape(document, candidate) !== undefined,
    );
    if (!list) return undefined;
    const shape = listShape(document, list);
    const field = shape && Object.hasOwn(shape.itemProperties, name) ? name : "id";
    return { parameter: name, listOperation: list.key, field };
  }
  return undefined;
}
