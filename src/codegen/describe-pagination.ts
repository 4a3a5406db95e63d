/**
 * The pagination description of a list operation, computed once here and written into
 * `generated/<api>/operations.ts` (`pagination` on the operation), so the client's `paginate`, the
 * contract cases and the `pagination_coherent` check read one answer instead of each guessing.
 * Recognised: a GET with `limit` and `offset` query parameters whose success JSON body holds an
 * items array (`results`, else its only array property) and a total (`count`, `total`, …), the
 * shape of Django REST framework's LimitOffsetPagination. Anything else has no description.
 * @see https://www.django-rest-framework.org/api-guide/pagination/#limitoffsetpagination
 */
import type { OpenApiDocument } from "../document/load-document.js";
import {
  responseSchema,
  schemaProperties,
  schemaType,
  successStatus,
} from "../document/schema-shape.js";
import type { OperationSpec, PaginationSpec } from "../runtime/operation-index.js";

/** Page keys that hold the total, in the order they are preferred. */
const COUNT_KEYS = ["count", "total", "total_count", "totalCount"];

/** The pagination of `operation` (built from `document`), or undefined when it is no list. */
export function describePagination(
  document: OpenApiDocument,
  operation: Pick<OperationSpec, "method" | "path" | "parameters" | "responses">,
): PaginationSpec | undefined {
  if (operation.method !== "get") return undefined;
  const query = new Set(operation.parameters.filter((p) => p.in === "query").map((p) => p.name));
  if (!query.has("limit") || !query.has("offset")) return undefined;
  const status = successStatus(operation);
  const schema = status === undefined ? undefined : responseSchema(document, operation, status);
  if (status === undefined || schema === undefined) return undefined;
  const properties = schemaProperties(document, schema);
  const arrays = Object.keys(properties).filter(
    (name) => schemaType(properties[name] ?? {}) === "array",
  );
  const results = arrays.includes("results")
    ? "results"
    : arrays.length === 1
      ? arrays[0]
      : undefined;
  const count = COUNT_KEYS.find((name) => Object.hasOwn(properties, name));
  if (results === undefined || count === undefined) return undefined;
  return {
    style: "limit-offset",
    status,
    limit: "limit",
    offset: "offset",
    results,
    count,
    next: Object.hasOwn(properties, "next") ? "next" : null,
    previous: Object.hasOwn(properties, "previous") ? "previous" : null,
  };
}
