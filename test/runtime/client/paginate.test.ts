import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import type { components, paths as GcorePaths } from "../../../generated/gcore-billing/types.js";
import type { paths as SoftwareonePaths } from "../../../generated/softwareone-marketplace/types.js";
import { PaginationError } from "../../../src/runtime/client/client-errors.js";
import { createApiClient } from "../../../src/runtime/client/create-api-client.js";
import { json, type RecordingServer, startRecordingServer } from "../../client/recording-server.js";
import { gcoreIndex } from "../../fixtures/client/api-indexes.js";
import { validators } from "../../fixtures/client/validators.js";

const KEY = "gk_test_Pq8Zr2Wm5Yt1";
const LIST = "/billing/org/v1/erp-invoices";
type Invoice = components["schemas"]["ErpInvoiceExternal"];

let server: RecordingServer;
let foreign: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
  foreign = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
  await foreign.close();
});
beforeEach(() => {
  server.reset();
  foreign.reset();
});

const client = () =>
  createApiClient<GcorePaths>(
    gcoreIndex,
    { baseUrl: server.origin, credential: KEY, retry: { baseDelayMs: 1 } },
    { loadValidators: async () => ({ validators }) },
  );

/** An invoice whose id is its position in the list. */
const invoice = (id: number) => ({ id, amount_total: "1.000000000000", payment_state: "paid" });
const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => invoice(from + i));

interface Page {
  readonly count?: number;
  readonly next?: string | null;
  readonly results: unknown[];
  readonly status?: number;
}

/** Serve `pages` in order, whatever the request; `next` may use `{origin}`/`{foreign}`. */
function serve(pages: readonly Page[]): void {
  server.reset((_request, response) => {
    const page = pages[server.requests.length - 1] ?? { results: [] };
    const next =
      typeof page.next === "string"
        ? page.next.replace("{origin}", server.origin).replace("{foreign}", foreign.origin)
        : page.next;
    json(response, page.status ?? 200, {
      count: page.count ?? 5,
      next,
      previous: null,
      results: page.results,
    });
  });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("paginate walks", () => {
  it("three pages over absolute same-origin next URLs, each followed as given", async () => {
    serve([
      { results: range(0, 2), next: `{origin}${LIST}?limit=2&offset=2&ordering=id` },
      { results: range(2, 4), next: `{origin}${LIST}?limit=2&offset=4&ordering=id` },
      { results: range(4, 5), next: null },
    ]);
    const items = await collect(
      client().paginate(LIST, { params: { query: { ordering: ["id"] } }, pageSize: 2 }),
    );
    expect(items.map((i) => i.id)).toEqual([0, 1, 2, 3, 4]);
    expect(server.requests.map((r) => r.line)).toEqual([
      `GET ${LIST}?ordering=id&limit=2&offset=0 HTTP/1.1`,
      `GET ${LIST}?limit=2&offset=2&ordering=id HTTP/1.1`,
      `GET ${LIST}?limit=2&offset=4&ordering=id HTTP/1.1`,
    ]);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(
      Array(3).fill(`apikey ${KEY}`),
    );
  });

  it.each([
    ["another local origin", "{foreign}"],
    ["Prism's example host", "http://api.example.org"],
    ["the same host over another scheme", "https://127.0.0.1"],
  ])("a next on %s is never contacted; offsets are computed instead", async (_name, host) => {
    serve([
      { results: range(0, 2), next: `${host}${LIST}?limit=2&offset=2` },
      { results: range(2, 4), next: `${host}${LIST}?limit=2&offset=4` },
      { results: range(4, 5), next: null },
    ]);
    const items = await collect(
      client().paginate(LIST, { params: { query: { payment_state: "paid" } }, pageSize: 2 }),
    );
    expect(items.map((i) => i.id)).toEqual([0, 1, 2, 3, 4]);
    expect(foreign.requests).toEqual([]);
    expect(server.requests.map((r) => r.target)).toEqual([
      `${LIST}?payment_state=paid&limit=2&offset=0`,
      `${LIST}?payment_state=paid&limit=2&offset=2`,
      `${LIST}?payment_state=paid&limit=2&offset=4`,
    ]);
  });

  it.each([
    ["next: null", [{ results: range(0, 2), next: null }], 1],
    ["an empty page", [{ results: range(0, 2), next: "{foreign}/x" }, { results: [] }], 2],
    ["no next field once count is reached", [{ results: range(0, 2), count: 2 }], 1],
  ])("stops on %s", async (_name, pages, requests) => {
    serve(pages as Page[]);
    const items = await collect(client().paginate(LIST, { pageSize: 2 }));
    expect(items).toHaveLength(2);
    expect(server.requests).toHaveLength(requests);
  });

  it("the default page size is 100", async () => {
    serve([{ results: [], next: null }]);
    await collect(client().paginate(LIST));
    expect(server.requests[0]?.target).toBe(`${LIST}?limit=100&offset=0`);
  });
});

describe("paginate guards", () => {
  it.each([
    [
      "a next that repeats an offset",
      [
        { results: range(0, 2), next: `{origin}${LIST}?limit=2&offset=2` },
        { results: range(2, 4), next: `{origin}${LIST}?limit=2&offset=2` },
      ],
      { problem: "repeated-offset", offset: 2 },
    ],
    [
      "a page longer than limit",
      [{ results: range(0, 3), next: null }],
      { problem: "page-too-long", offset: 0 },
    ],
    [
      "a count that changes mid-walk",
      [
        { results: range(0, 2), next: "{foreign}/p2", count: 5 },
        { results: range(2, 4), next: "{foreign}/p3", count: 6 },
      ],
      { problem: "count-changed", offset: 2 },
    ],
    [
      "more items than count",
      [
        { results: range(0, 2), next: "{foreign}/p2", count: 3 },
        { results: range(2, 4), next: null, count: 3 },
      ],
      { problem: "beyond-count", offset: 2 },
    ],
    [
      "a page without results",
      [{ results: "nope" as unknown as unknown[] }],
      { problem: "not-a-page", offset: 0 },
    ],
    [
      "a 401 page (not retried)",
      [{ results: [], status: 401 }],
      { problem: "error-status", offset: 0, status: 401 },
    ],
  ])("%s raises PaginationError", async (_name, pages, want) => {
    serve(pages as Page[]);
    const error = await collect(client().paginate(LIST, { pageSize: 2 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({
      api: "gcore-billing",
      operation: "v1_erp_invoices_list",
      ...want,
    });
    expect(foreign.requests).toEqual([]);
    expect(server.requests.length).toBeLessThanOrEqual(2);
  });

  it.each([
    ["pageSize 0", 0],
    ["pageSize 2.5", 2.5],
  ])("%s is refused before any request", (_name, pageSize) => {
    expect(() => client().paginate(LIST, { pageSize })).toThrow(PaginationError);
    expect(server.requests).toEqual([]);
  });

  it("an operation that is not a list is refused before any request", () => {
    const untyped = client() as unknown as { paginate: (path: string) => unknown };
    expect(() => untyped.paginate("/billing/org/v1/erp-invoices/{id}")).toThrow(
      "is not a list operation",
    );
    expect(server.requests).toEqual([]);
  });
});

describe("paginate types", () => {
  it("yields the list's item type and accepts only list paths and their filters", () => {
    const gcore = client();
    expectTypeOf(gcore.paginate(LIST)).toEqualTypeOf<AsyncGenerator<Invoice, void, undefined>>();
    // @ts-expect-error retrieve answers one invoice, not a page
    void (() => gcore.paginate("/billing/org/v1/erp-invoices/{id}"));
    // @ts-expect-error limit and offset belong to paginate
    void (() => gcore.paginate(LIST, { params: { query: { limit: 5 } } }));
    // @ts-expect-error not one of the ten ordering values
    void (() => gcore.paginate(LIST, { params: { query: { ordering: ["amount"] } } }));
    const swo = createApiClient<SoftwareonePaths>(
      { ...gcoreIndex, operations: {} },
      { baseUrl: server.origin },
      { loadValidators: async () => ({ validators }) },
    );
    // @ts-expect-error SoftwareOne's get-invoice is no list
    void (() => swo.paginate("/public/v1/billing/invoices/{id}"));
  });
});
