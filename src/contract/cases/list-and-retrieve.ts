/**
 * Which operations list items (the pagination codegen described in the operation index) and which
 * operations take one item's id, linked to the list that supplies it.
 * @see https://www.django-rest-framework.org/api-guide/pagination/#limitoffsetpagination
 */

import type { OpenApiDocument } from "../../document/load-document.js";
import {
  resolveSchema,
  responseSchema,
  schemaProperties,
  successStatus,
} from "../../document/schema-shape.js";
import type { ApiIndex, OperationSpec } from "../../runtime/operation-index.js";

/** A list operation's pagination: its parameter names and page keys. */
export interface ListShape {
  readonly limit: string;
  readonly offset: string;
  readonly results: string;
  readonly count: string;
  /** The item schema's properties (from `results.items`). */
  readonly itemProperties: Readonly<Record<string, Record<string, unknown>>>;
}

export { successStatus };

/**
 * The list shape of an operation the index describes as paginated (`operation.pagination`), with
 * its item schema's properties read from the document; undefined for any other operation.
 */
export function listShape(
  document: OpenApiDocument,
  operation: OperationSpec,
): ListShape | undefined {
  const pagination = operation.pagination;
  if (pagination === undefined) return undefined;
  const schema = responseSchema(document, operation, pagination.status);
  const results = schema ? schemaProperties(document, schema)[pagination.results] : undefined;
  return {
    limit: pagination.limit,
    offset: pagination.offset,
    results: pagination.results,
    count: pagination.count,
    itemProperties: schemaProperties(document, resolveSchema(document, results?.items)),
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
