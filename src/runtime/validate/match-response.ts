/**
 * Which documented response and media type a response falls under.
 * @see https://spec.openapis.org/oas/v3.1.0#responses-object (exact codes, `2XX` ranges, `default`)
 * @see https://spec.openapis.org/oas/v3.1.0#media-types (ranges like `application/*`)
 */

import { mediaTypeEssence } from "../media-type.js";
import type {
  ResponseContentSpec,
  ResponseIndex,
  ResponseOperationSpec,
  ResponseSpec,
} from "../operation-index.js";
import { InvalidStatusError, UnknownOperationError } from "./operation-lookup-errors.js";

const byRoute = new WeakMap<ResponseIndex, Map<string, ResponseOperationSpec>>();

function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/**
 * The operation called `operation`: its key (operationId, or `"METHOD /path"` when it has none),
 * or `"METHOD /path/template"` for any operation (method case-insensitive).
 * @throws UnknownOperationError listing the known keys.
 */
export function findOperation(index: ResponseIndex, operation: string): ResponseOperationSpec {
  const direct = index.operations[operation];
  if (direct) return direct;
  let routes = byRoute.get(index);
  if (!routes) {
    routes = new Map(
      Object.values(index.operations).map((op) => [routeKey(op.method, op.path), op]),
    );
    byRoute.set(index, routes);
  }
  const space = operation.indexOf(" ");
  const route =
    space > 0 ? routeKey(operation.slice(0, space), operation.slice(space + 1).trim()) : "";
  const found = routes.get(route);
  if (found) return found;
  throw new UnknownOperationError(index.api, operation, Object.keys(index.operations));
}

/** The status as an integer from 100 to 599. @throws InvalidStatusError otherwise. */
export function parseStatus(status: number | string): number {
  const value =
    typeof status === "number"
      ? status
      : /^\s*\d{3}\s*$/.test(status)
        ? Number(status)
        : Number.NaN;
  if (!Number.isInteger(value) || value < 100 || value > 599) throw new InvalidStatusError(status);
  return value;
}

/** The response documented for `status`: the exact code, then its `2XX`-style range, then `default`. */
export function findResponse(
  operation: ResponseOperationSpec,
  status: number,
): ResponseSpec | undefined {
  const responses = operation.responses;
  const exact = responses[String(status)];
  if (exact) return exact;
  const range = `${Math.floor(status / 100)}XX`;
  return responses[range] ?? responses[range.toLowerCase()] ?? responses.default;
}

/** How well a documented media type (maybe a range) covers an actual one: 3 exact, 2 `type/*`, 1 `*\/*`, 0 no. */
function coverage(documented: string, actual: string): number {
  const doc = mediaTypeEssence(documented);
  if (doc === actual) return 3;
  if (doc === "*/*") return 1;
  if (doc.endsWith("/*") && actual.startsWith(doc.slice(0, -1))) return 2;
  return 0;
}

/**
 * The documented content entry for a response's content type (parameters such as `charset` are
 * ignored; the most specific documented type or range wins). Without a content type, the first
 * entry with a validator, else the first entry. Undefined when nothing matches.
 */
export function findContent(
  response: ResponseSpec,
  contentType: string | undefined,
): ResponseContentSpec | undefined {
  if (contentType === undefined) {
    return response.content.find((c) => c.validator !== null) ?? response.content[0];
  }
  const actual = mediaTypeEssence(contentType);
  let best: ResponseContentSpec | undefined;
  let bestScore = 0;
  for (const content of response.content) {
    const score = coverage(content.type, actual);
    if (score > bestScore) {
      best = content;
      bestScore = score;
    }
  }
  return best;
}
