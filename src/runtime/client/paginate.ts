/**
 * `client.paginate(path, { params, pageSize })`: an async iterator over the items of a
 * limit/offset list operation (`{ count, next, previous, results }` pages, as Django REST
 * framework's LimitOffsetPagination writes them). A list operation is one the index describes as
 * paginated (`operation.pagination`, computed at codegen): its parameter names and page keys are
 * read from there; its types (`ListPath`) require `results` and `count` in the 200 response.
 *
 * `next` is followed only when it is on the base URL's origin and the same path; otherwise (the
 * spec's example says `http://api.example.org/...`) the next offset is computed and the request
 * goes to the base URL, so no credential ever reaches another host.
 * @see https://www.django-rest-framework.org/api-guide/pagination/#limitoffsetpagination
 */
import type { OperationSpec, PaginationSpec } from "../operation-index.js";
import { PaginationError } from "./client-errors.js";
import { isSameOrigin } from "./request-pipeline.js";

type JsonBody<Response> = Response extends { content: { "application/json": infer Body } }
  ? Body
  : never;
type OkBody<Operation> = Operation extends { responses: { 200: infer Response } }
  ? JsonBody<Response>
  : never;
type GetOf<Paths, P extends keyof Paths> = Paths[P] extends { get: infer Operation }
  ? Operation
  : never;
type ListBody<Paths, P extends keyof Paths> = [OkBody<GetOf<Paths, P>>] extends [never]
  ? never
  : OkBody<GetOf<Paths, P>> extends { results: readonly unknown[]; count: number }
    ? OkBody<GetOf<Paths, P>>
    : never;

/** Paths whose GET answers 200 with a JSON `{ count, results: [...] }` page. */
export type ListPath<Paths> = {
  [P in keyof Paths]: [ListBody<Paths, P>] extends [never] ? never : P;
}[keyof Paths];

/** The type of one item of a list operation's `results`. */
export type ListItem<Paths, P extends keyof Paths> =
  ListBody<Paths, P> extends {
    results: readonly (infer Item)[];
  }
    ? Item
    : never;

type ParametersOf<Operation> = Operation extends { parameters: infer Parameters }
  ? Parameters
  : never;
type QueryOf<Operation> =
  ParametersOf<Operation> extends { query?: infer Query }
    ? Omit<NonNullable<Query>, "limit" | "offset">
    : never;
type OtherParams<Operation> = Omit<NonNullable<ParametersOf<Operation>>, "query">;

/** Options of `paginate`: the operation's parameters except `limit`/`offset`, and a page size. */
export interface PaginateOptions<Paths, P extends keyof Paths> {
  readonly params?: OtherParams<GetOf<Paths, P>> & { readonly query?: QueryOf<GetOf<Paths, P>> };
  /** Items per request (the `limit` sent). Default 100, or the spec's `maximum` if lower. */
  readonly pageSize?: number;
  /** Aborts the walk (rejects the pending `next()` with the signal's reason). */
  readonly signal?: AbortSignal;
}

/** One page request's outcome, however it was sent. */
export interface PageResult {
  readonly status: number;
  readonly ok: boolean;
  /** The parsed body (JSON), or the error body of a non-2xx response. */
  readonly body: unknown;
  /** URL that was requested, to resolve a relative `next` against. */
  readonly url: string;
}

/** What the walker needs from the client. */
export interface PaginatorDeps {
  readonly api: string;
  readonly baseOrigin: string;
  readonly find: (method: string, path: string) => OperationSpec | undefined;
  /** GET `path` with openapi-fetch (spec serialisation, credential, retries, validation). */
  readonly getPage: (path: string, params: RawParams, signal?: AbortSignal) => Promise<PageResult>;
  /** GET an absolute same-origin `next` URL through the same pipeline. */
  readonly getUrl: (
    url: string,
    operation: OperationSpec,
    params: RawParams,
    signal?: AbortSignal,
  ) => Promise<PageResult>;
  /** Removes credentials from an error body before it goes into an error. */
  readonly scrub: (value: unknown) => unknown;
}

/** Untyped parameters as the walker passes them on. */
export interface RawParams {
  readonly query?: Record<string, unknown>;
  readonly path?: Record<string, unknown>;
  readonly header?: Record<string, unknown>;
  readonly cookie?: Record<string, unknown>;
}

const DEFAULT_PAGE_SIZE = 100;

/** Start a walk; throws PaginationError at once when `path` is no list operation or pageSize is bad. */
export function paginate(
  deps: PaginatorDeps,
  path: string,
  options: {
    readonly params?: RawParams;
    readonly pageSize?: number;
    readonly signal?: AbortSignal;
  },
): AsyncGenerator<unknown, void, undefined> {
  const operation = deps.find("get", path);
  const pagination = operation?.pagination;
  if (!operation || !pagination) {
    throw new PaginationError(
      deps.api,
      operation?.key ?? `GET ${path}`,
      "not-a-list",
      `GET ${path} is not a list operation; paginate needs a GET with limit and offset query parameters and a JSON success response with a results array and a count`,
    );
  }
  const limitParam = operation.parameters.find(
    (p) => p.in === "query" && p.name === pagination.limit,
  );
  const maximum = limitParam?.schema.maximum;
  const max = typeof maximum === "number" ? maximum : Number.POSITIVE_INFINITY;
  const pageSize = options.pageSize ?? Math.min(DEFAULT_PAGE_SIZE, max);
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > max) {
    throw new PaginationError(
      deps.api,
      operation.key,
      "bad-page-size",
      `pageSize must be a whole number from 1 to ${Number.isFinite(max) ? max : "any"}; got ${pageSize}`,
    );
  }
  return walk(deps, operation, pagination, path, pageSize, options.params ?? {}, options.signal);
}

async function* walk(
  deps: PaginatorDeps,
  operation: OperationSpec,
  p: PaginationSpec,
  path: string,
  pageSize: number,
  params: RawParams,
  signal: AbortSignal | undefined,
): AsyncGenerator<unknown, void, undefined> {
  const fail = (problem: PaginationError["problem"], message: string, at: number) =>
    new PaginationError(
      deps.api,
      operation.key,
      problem,
      message,
      Number.isNaN(at) ? undefined : at,
    );
  const requested = new Set<number | string>();
  let offset = 0;
  let limit = pageSize;
  let nextUrl: string | null = null;
  let count: number | undefined;
  let seen = 0;
  for (;;) {
    // A followed `next` without an offset (cursor style) is guarded by its URL instead.
    const key: number | string = nextUrl !== null && Number.isNaN(offset) ? nextUrl : offset;
    if (requested.has(key)) {
      throw fail(
        "repeated-offset",
        `the API sent offset ${String(key)} again; stopping so the walk cannot loop`,
        offset,
      );
    }
    requested.add(key);
    const query = { ...params.query, [p.limit]: limit, [p.offset]: offset };
    const page: PageResult =
      nextUrl === null
        ? await deps.getPage(path, { ...params, query }, signal)
        : await deps.getUrl(nextUrl, operation, params, signal);
    if (!page.ok) {
      throw new PaginationError(
        deps.api,
        operation.key,
        "error-status",
        `page at offset ${offset} answered ${page.status}; the error body is on .error`,
        Number.isNaN(offset) ? undefined : offset,
        page.status,
        deps.scrub(page.body),
      );
    }
    const body = page.body as Record<string, unknown> | null;
    const results = typeof body === "object" && body !== null ? body[p.results] : undefined;
    const pageCount = typeof body === "object" && body !== null ? body[p.count] : undefined;
    if (
      !Array.isArray(results) ||
      typeof pageCount !== "number" ||
      !Number.isSafeInteger(pageCount)
    ) {
      throw fail(
        "not-a-page",
        `page at offset ${offset} has no ${p.results} array and integer ${p.count}`,
        offset,
      );
    }
    if (count === undefined) count = pageCount;
    if (pageCount !== count) {
      throw fail(
        "count-changed",
        `count changed from ${count} to ${pageCount} at offset ${offset}; the list changed during the walk, start again`,
        offset,
      );
    }
    if (results.length > limit) {
      throw fail(
        "page-too-long",
        `page at offset ${offset} has ${results.length} items, more than limit ${limit}`,
        offset,
      );
    }
    if (results.length === 0) return;
    seen += results.length;
    if (seen > count) {
      throw fail("beyond-count", `the walk has ${seen} items, more than count ${count}`, offset);
    }
    yield* results;
    // A page without a documented `next` key is walked by offset until `count` items are seen.
    const next = p.next === null || body === null ? undefined : body[p.next];
    if (next === null) return;
    if (next === undefined && seen >= count) return;
    const computed = Number.isNaN(offset) ? seen : offset + results.length;
    const target: URL | null = typeof next === "string" ? resolve(next, page.url) : null;
    if (target && isSameOrigin(target.href, deps.baseOrigin) && samePath(target, page.url)) {
      nextUrl = target.href;
      offset = integerParam(target, p.offset);
      limit = Number.isNaN(integerParam(target, p.limit))
        ? pageSize
        : integerParam(target, p.limit);
    } else {
      // Foreign (or unusable) `next`: never contacted; the next page comes from the base URL.
      nextUrl = null;
      offset = computed;
      limit = pageSize;
    }
  }
}

function resolve(next: string, base: string): URL | null {
  try {
    return new URL(next, base);
  } catch {
    return null;
  }
}

function samePath(target: URL, previous: string): boolean {
  return target.pathname === new URL(previous).pathname;
}

/** A non-negative integer query parameter of `url`, or NaN when absent or not one. */
function integerParam(url: URL, name: string): number {
  const value = url.searchParams.get(name);
  return value !== null && /^\d+$/.test(value) ? Number(value) : Number.NaN;
}
