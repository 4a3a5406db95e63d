/**
 * `pagination_coherent`: the pages of a limit/offset walk fit together: no item twice across
 * pages, `count` stable, at most `limit` items (exactly `min(limit, count - offset)`), and `next` /
 * `previous` pointing at the neighbouring offsets, or null at either end. Parameter names and page
 * keys are the operation's pagination description (computed at codegen); the semantics declaration
 * adds only which field identifies an item (`itemKey`).
 * @see https://www.django-rest-framework.org/api-guide/pagination/#limitoffsetpagination
 */
import { escapePointerToken } from "../../runtime/json-pointer.js";
import type { PaginationSpec } from "../../runtime/operation-index.js";
import type { Failure } from "../types.js";
import { type Check, type CheckContext, failure, jsonBody, show } from "./check.js";
import { valueAt } from "./field-paths.js";
import { semanticTarget, sentQuery, successfulRecords } from "./semantic-scope.js";

const NAME = "pagination_coherent";

function integer(text: string | null): number | undefined {
  return text !== null && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** limit and offset of a link, or undefined when it is no URL. */
function linkWindow(
  link: string,
  p: PaginationSpec,
): { limit?: number; offset: number } | undefined {
  try {
    const params = new URL(link).searchParams;
    return { limit: integer(params.get(p.limit)), offset: integer(params.get(p.offset)) ?? 0 };
  } catch {
    return undefined;
  }
}

function checkLinks(
  ctx: CheckContext,
  p: PaginationSpec,
  page: Record<string, unknown>,
  window: { limit: number; offset: number; count: number },
  index: number,
): Failure[] {
  const found: Failure[] = [];
  const { limit, offset, count } = window;
  const expectations: [string | null, number | null][] = [
    [p.next, offset + limit >= count ? null : offset + limit],
    [p.previous, offset <= 0 ? null : Math.max(0, offset - limit)],
  ];
  for (const [key, wanted] of expectations) {
    // A page that documents no such link has nothing to check.
    if (key === null) continue;
    const link = page[key];
    const pointer = `/${escapePointerToken(key)}`;
    if (wanted === null) {
      if (link !== null && link !== undefined) {
        found.push(
          failure(
            ctx,
            NAME,
            pointer,
            `${key} should be null at offset ${offset} of ${count}, got ${show(link)}`,
            { exchange: index },
          ),
        );
      }
      continue;
    }
    const target = typeof link === "string" ? linkWindow(link, p) : undefined;
    if (
      !target ||
      target.offset !== wanted ||
      (target.limit !== undefined && target.limit !== limit)
    ) {
      found.push(
        failure(
          ctx,
          NAME,
          pointer,
          `${key} should point at offset ${wanted} with limit ${limit}, got ${show(link)}`,
          {
            exchange: index,
          },
        ),
      );
    }
  }
  return found;
}

/** The check. */
export const paginationCoherent: Check = {
  name: NAME,
  description: "pages of a walk fit together (no repeats, stable count, limits, next/previous)",
  semantic: true,
  appliesTo: (ctx) =>
    semanticTarget(ctx) &&
    ctx.semantics?.pagination !== undefined &&
    ctx.operation.pagination !== undefined &&
    ctx.run.case.walk !== undefined &&
    successfulRecords(ctx).length > 0,
  run(ctx) {
    const p = ctx.operation.pagination;
    const itemKey = ctx.semantics?.pagination?.itemKey;
    if (!p || itemKey === undefined) return [];
    const found: Failure[] = [];
    const seen = new Map<string, { page: number; pointer: string }>();
    let firstCount: unknown;
    for (const { exchange, index, records } of successfulRecords(ctx)) {
      const page = jsonBody(exchange) as Record<string, unknown>;
      const query = sentQuery(exchange);
      const limit = integer(query.get(p.limit));
      const offset = integer(query.get(p.offset)) ?? 0;
      const count = page[p.count];
      const countPointer = `/${escapePointerToken(p.count)}`;
      if (index === 0) firstCount = count;
      else if (count !== firstCount) {
        found.push(
          failure(
            ctx,
            NAME,
            countPointer,
            `count changed from ${show(firstCount)} on page 1 to ${show(count)} on page ${index + 1}`,
            { exchange: index },
          ),
        );
      }
      if (limit !== undefined && typeof count === "number") {
        const wanted = Math.max(0, Math.min(limit, count - offset));
        if (records.length !== wanted) {
          found.push(
            failure(
              ctx,
              NAME,
              `/${escapePointerToken(p.results)}`,
              `expected ${wanted} items at offset ${offset} (limit ${limit}, count ${count}), got ${records.length}`,
              { exchange: index },
            ),
          );
        }
        found.push(...checkLinks(ctx, p, page, { limit, offset, count }, index));
      }
      for (const record of records) {
        const key = valueAt(record.value, itemKey);
        const pointer = `${record.pointer}${itemKey}`;
        const id = JSON.stringify(key);
        const earlier = seen.get(id);
        if (earlier) {
          found.push(
            failure(
              ctx,
              NAME,
              pointer,
              `item ${itemKey}=${id} on page ${index + 1} (offset ${offset}) already appeared on page ${earlier.page + 1} at ${earlier.pointer}`,
              { exchange: index },
            ),
          );
        } else {
          seen.set(id, { page: index, pointer });
        }
      }
    }
    return found;
  },
};
