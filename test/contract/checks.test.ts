import { beforeAll, describe, expect, it } from "vitest";
import type { CheckContext } from "../../src/contract/checks/check.js";
import {
  CASE_GENERATION,
  prismRefusedCase,
} from "../../src/contract/checks/prism-request-conformance.js";
import { checks, runChecks } from "../../src/contract/checks/registry.js";
import {
  type ApiSemantics,
  defineSemantics,
} from "../../src/contract/semantics/define-semantics.js";
import type {
  ContractCase,
  Exchange,
  FillOrigin,
  ObservedBody,
  ParamValues,
  TargetName,
} from "../../src/contract/types.js";
import { type FixtureApi, loadShop } from "./fixture-api.js";

const semantics: ApiSemantics = defineSemantics({
  api: "shop-orders",
  filters: [
    { param: "status", field: "/status", match: "equal" },
    { param: "total_min", field: "/total", match: "equal" },
    { param: "placed_from", field: "/placed", match: "at-least" },
  ],
  ordering: {
    param: "ordering",
    keys: {
      id: { field: "/id", compare: "number" },
      placed: { field: "/placed", compare: "date" },
      total: { field: "/total", compare: "decimal" },
    },
  },
  pagination: { itemKey: "/id" },
  money: [
    { name: "net + tax = total", parts: ["/net", "/tax"], total: "/total" },
    { name: "lines", parts: ["/lines/*/amount"], total: "/gross", tolerance: "0.01" },
  ],
  dates: [{ from: "/placed", to: "/due" }],
  retrieveMatchesList: true,
});

const BASE = "http://127.0.0.1:1";

let shop: FixtureApi;
beforeAll(async () => {
  shop = await loadShop();
});

function body(value: unknown): ObservedBody {
  return value === undefined ? { kind: "none" } : { kind: "json", value };
}

interface Given {
  readonly operation?: string;
  readonly target?: TargetName;
  readonly prism?: boolean;
  readonly params?: ParamValues;
  readonly status?: number;
  readonly contentType?: string;
  readonly body?: ObservedBody;
  /** Several pages instead of one response: [query string, body]. */
  readonly pages?: readonly (readonly [string, unknown])[];
  readonly headers?: Record<string, string>;
  readonly expectStatus?: number;
  readonly credentials?: boolean;
  readonly origin?: FillOrigin;
}

function exchange(given: Given, url: string, observed: ObservedBody): Exchange {
  return {
    method: "GET",
    url,
    requestHeaders: {},
    status: given.status ?? 200,
    contentType: observed.kind === "none" ? undefined : (given.contentType ?? "application/json"),
    responseHeaders: given.headers ?? {},
    body: observed,
    durationMs: 1,
  };
}

function context(given: Given): CheckContext {
  const key = given.operation ?? "orders_list";
  const operation = shop.index.operations[key];
  if (!operation) throw new Error(key);
  const contractCase: ContractCase = {
    id: `${key} test`,
    operation: key,
    kind: given.pages ? "pagination" : "optional-param",
    params: given.params ?? {},
    fills: [],
    credentials: given.credentials ?? true,
    ...(given.expectStatus ? { expectStatus: given.expectStatus } : {}),
    ...(given.pages ? { walk: { pages: given.pages.length, pageSize: 2 } } : {}),
  };
  const exchanges = given.pages
    ? given.pages.map(([query, page]) =>
        exchange(given, `${BASE}${operation.path}?${query}`, body(page)),
      )
    : [exchange(given, `${BASE}${operation.path}`, given.body ?? body({ count: 0, results: [] }))];
  return {
    api: "shop-orders",
    target: given.target ?? "live",
    prism: given.prism ?? false,
    index: shop.index,
    validators: shop.validators,
    operation,
    run: {
      case: contractCase,
      params: contractCase.params,
      exchanges,
      ...(given.origin ? { origin: given.origin } : {}),
    },
    semantics,
  };
}

const order = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  placed: "2025-03-01",
  total: "1.30",
  ...extra,
});
const page = (...results: unknown[]) => ({
  count: results.length,
  next: null,
  previous: null,
  results,
});

/** [check, pointer, severity] of every failure of `check`. */
function found(given: Given, check: string): [string, string][] {
  return runChecks(context(given))
    .failures.filter((f) => f.check === check)
    .map((f) => [f.pointer, f.severity ?? "error"]);
}

describe("conformance checks", () => {
  it.each([
    ["undocumented status", { given: { status: 500 }, want: [["", "error"]] }],
    ["documented success", { given: {}, want: [] }],
    [
      "error case gets another status",
      {
        given: {
          operation: "orders_retrieve",
          expectStatus: 404,
          status: 200,
          body: body(order(1)),
        },
        want: [["", "error"]],
      },
    ],
    [
      "error case gets its status",
      { given: { expectStatus: 401, status: 401, body: body(undefined) }, want: [] },
    ],
    [
      "valid request answered with a documented error",
      { given: { status: 401, body: body(undefined) }, want: [["", "error"]] },
    ],
  ])("status_code_conformance: %s", (_, { given, want }) => {
    expect(found(given as Given, "status_code_conformance")).toEqual(want);
  });

  it.each([
    ["undocumented content type", { given: { contentType: "text/html" }, want: [["", "error"]] }],
    [
      "charset parameter is fine",
      { given: { contentType: "application/json; charset=utf-8" }, want: [] },
    ],
    [
      "body where none is documented: warning",
      {
        given: { status: 401, expectStatus: 401, body: body({ detail: "no" }) },
        want: [["", "warning"]],
      },
    ],
    [
      "no body where one is documented",
      { given: { body: body(undefined) }, want: [["", "error"]] },
    ],
  ])("content_type_conformance: %s", (_, { given, want }) => {
    expect(found(given as Given, "content_type_conformance")).toEqual(want);
  });

  it.each([
    ["valid page", { given: { body: body(page(order(1))) }, want: [] }],
    [
      "missing required field, at its pointer",
      {
        given: { body: body(page({ id: 1, placed: "2025-03-01" })) },
        want: [["/results/0/total", "error"]],
      },
    ],
    [
      "broken pattern and type, each listed",
      {
        given: { body: body(page(order(1, { total: "1.3" }), order(2, { id: "x" }))) },
        want: [
          ["/results/0/total", "error"],
          ["/results/1/id", "error"],
        ],
      },
    ],
    [
      "not JSON although JSON is documented",
      {
        given: { body: { kind: "text", text: "<html>", parseError: "Unexpected token" } },
        want: [["", "error"]],
      },
    ],
    [
      "binary body: content type only",
      {
        given: {
          operation: "orders_receipt",
          contentType: "application/pdf",
          body: { kind: "binary", bytes: 10 },
        },
        want: [],
      },
    ],
  ])("response_schema_conformance: %s", (_, { given, want }) => {
    expect(found(given as Given, "response_schema_conformance")).toEqual(want);
  });

  const rejection = {
    type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
    status: 422,
    validation: [
      { location: ["query", "limit"], severity: "Error", code: "type", message: "must be integer" },
    ],
  };
  const violations = (code: number) =>
    JSON.stringify([
      { location: ["request"], severity: "Error", code, message: "Invalid security scheme used" },
    ]);
  it.each([
    [
      "Prism's 422 names the parameter",
      {
        given: {
          prism: true,
          status: 422,
          contentType: "application/problem+json",
          body: body(rejection),
        },
        want: [["/query/limit", "error"]],
      },
    ],
    [
      "a request violation in sl-violations",
      {
        given: { prism: true, headers: { "sl-violations": violations(401) } },
        want: [["/request", "error"]],
      },
    ],
    [
      "the 401 case leaves credentials out on purpose",
      {
        given: {
          prism: true,
          credentials: false,
          expectStatus: 401,
          status: 401,
          body: body(undefined),
          headers: { "sl-violations": violations(401) },
        },
        want: [],
      },
    ],
    [
      "not Prism: nothing to say",
      { given: { prism: false, status: 422, body: body(rejection) }, want: [] },
    ],
  ])("case_generation: %s", (_, { given, want }) => {
    expect(found(given as Given, "case_generation")).toEqual(want);
  });

  it.each([
    [
      "Prism's 422: api-contracts' defect, with Prism's detail",
      {
        given: { prism: true, status: 422, body: body(rejection) } as Given,
        want: {
          refused: true,
          message:
            /case-generation defect of api-contracts, not a vendor violation\): Prism answered 422 UNPROCESSABLE_ENTITY: must be integer/,
        },
      },
    ],
    [
      "Prism's 415 for a body sent as the wrong media type",
      {
        given: {
          prism: true,
          status: 415,
          body: body({
            type: "https://stoplight.io/prism/errors#INVALID_CONTENT_TYPE",
            status: 415,
            detail: "Supported content types: application/json",
          }),
        } as Given,
        want: {
          refused: true,
          message:
            /not a vendor violation\): Prism answered 415 INVALID_CONTENT_TYPE: Supported content types/,
        },
      },
    ],
    [
      "a vendor's own 404 (documented, not Prism's type): not ours",
      {
        given: {
          prism: true,
          status: 404,
          expectStatus: 404,
          body: body({ type: "https://vendor.example/not-found" }),
        } as Given,
        want: { refused: false, message: undefined },
      },
    ],
  ])("case_generation says whose defect it is: %s", (_, { given, want }) => {
    const ctx = context(given);
    expect(prismRefusedCase(ctx)).toBe(want.refused);
    const message = runChecks(ctx).failures.find((f) => f.check === CASE_GENERATION)?.message;
    if (want.message) expect(message).toMatch(want.message);
    else expect(message).toBeUndefined();
  });

  it("reports Prism's 422 once, not also as an undocumented status", () => {
    const given: Given = {
      prism: true,
      status: 422,
      contentType: "application/problem+json",
      body: body(rejection),
    };
    expect(found(given, "status_code_conformance")).toEqual([]);
  });
});

describe("semantic checks", () => {
  it.each([
    [
      "equal filter broken at one record",
      {
        given: {
          params: { query: { status: "open" } },
          body: body(page(order(1, { status: "open" }), order(2, { status: "closed" }))),
        },
        want: [["/results/1/status", "error"]],
      },
    ],
    [
      "numbers compare as numbers",
      {
        given: { params: { query: { total_min: 2 } }, body: body(page(order(1, { total: 2 }))) },
        want: [],
      },
    ],
    [
      "date bound, inclusive",
      {
        given: {
          params: { query: { placed_from: "2025-03-01" } },
          body: body(page(order(1), order(2, { placed: "2025-02-28" }))),
        },
        want: [["/results/1/placed", "error"]],
      },
    ],
    [
      "a null date does not satisfy a bound",
      {
        given: {
          params: { query: { placed_from: "2025-03-01" } },
          body: body(page(order(1, { placed: null }))),
        },
        want: [["/results/0/placed", "error"]],
      },
    ],
    [
      "mock target: silent",
      {
        given: {
          target: "mock",
          params: { query: { status: "open" } },
          body: body(page(order(1, { status: "closed" }))),
        },
        want: [],
      },
    ],
  ])("filters_honoured: %s", (_, { given, want }) => {
    expect(found(given as Given, "filters_honoured")).toEqual(want);
  });

  it.each([
    [
      "descending date then ascending id",
      {
        ordering: ["-placed", "id"],
        orders: [order(3, { placed: "2025-03-02" }), order(1), order(2)],
        want: [],
      },
    ],
    [
      "second key broken",
      {
        ordering: ["-placed", "id"],
        orders: [order(2), order(1)],
        want: [["/results/1/id", "error"]],
      },
    ],
    [
      "decimals as numbers, not strings",
      {
        ordering: ["total"],
        orders: [order(1, { total: "99.00" }), order(2, { total: "100.00" })],
        want: [],
      },
    ],
    [
      "descending broken",
      { ordering: ["-id"], orders: [order(1), order(2)], want: [["/results/1/id", "error"]] },
    ],
    [
      "nulls last when ascending",
      { ordering: ["placed"], orders: [order(1), order(2, { placed: null })], want: [] },
    ],
  ])("ordering_honoured: %s", (_, { ordering, orders, want }) => {
    expect(
      found({ params: { query: { ordering } }, body: body(page(...orders)) }, "ordering_honoured"),
    ).toEqual(want);
  });

  const link = (offset: number) => `${BASE}/orders?limit=2&offset=${offset}`;
  const walkPage = (
    count: number,
    ids: number[],
    next: string | null,
    previous: string | null,
  ) => ({
    count,
    next,
    previous,
    results: ids.map((id) => order(id)),
  });
  it.each([
    [
      "coherent walk",
      {
        pages: [
          ["limit=2&offset=0", walkPage(5, [1, 2], link(2), null)],
          ["limit=2&offset=2", walkPage(5, [3, 4], link(4), `${BASE}/orders?limit=2`)],
          ["limit=2&offset=4", walkPage(5, [5], null, link(2))],
        ],
        want: [],
      },
    ],
    [
      "an item repeated on the next page",
      {
        pages: [
          ["limit=2&offset=0", walkPage(5, [1, 2], link(2), null)],
          ["limit=2&offset=2", walkPage(5, [2, 3], link(4), link(0))],
        ],
        want: [["/results/0/id", "error"]],
      },
    ],
    [
      "count changes",
      {
        pages: [
          ["limit=2&offset=0", walkPage(5, [1, 2], link(2), null)],
          ["limit=2&offset=2", walkPage(6, [3, 4], link(4), link(0))],
        ],
        want: [["/count", "error"]],
      },
    ],
    [
      "more items than the limit",
      {
        pages: [["limit=2&offset=0", walkPage(5, [1, 2, 3], link(2), null)]],
        want: [["/results", "error"]],
      },
    ],
    [
      "next past the end",
      {
        pages: [["limit=2&offset=0", walkPage(2, [1, 2], link(2), null)]],
        want: [["/next", "error"]],
      },
    ],
  ])("pagination_coherent: %s", (_, { pages, want }) => {
    expect(found({ pages: pages as [string, unknown][] }, "pagination_coherent")).toEqual(want);
  });

  it.each([
    [
      "exact decimals (1.1 + 0.2 is 1.3, unlike floats)",
      { record: { net: "1.10", tax: "0.20", total: "1.30" }, want: [] },
    ],
    [
      "off by 10^-12",
      {
        record: { net: "1.000000000000", tax: "0.000000000000", total: "1.000000000001" },
        want: [["/results/0/total", "error"]],
      },
    ],
    [
      "line numbers within a cent",
      { record: { lines: [{ amount: 10.1 }, { amount: 0.2 }], gross: 10.305 }, want: [] },
    ],
    [
      "line numbers off by more than a cent",
      {
        record: { lines: [{ amount: 10.1 }, { amount: 0.2 }], gross: 10.32 },
        want: [["/results/0/gross", "error"]],
      },
    ],
    ["parts left out by a select: skipped", { record: { gross: 5 }, want: [] }],
  ])("money_exact: %s", (_, { record, want }) => {
    expect(found({ body: body(page(order(1, record))) }, "money_exact")).toEqual(want);
  });

  it.each([
    ["in order", { record: { placed: "2025-03-01", due: "2025-03-31" }, want: [] }],
    [
      "due before placed",
      { record: { placed: "2025-03-01", due: "2025-02-28" }, want: [["/results/0/due", "error"]] },
    ],
    ["null skipped", { record: { placed: "2025-03-01", due: null }, want: [] }],
  ])("dates_in_order: %s", (_, { record, want }) => {
    expect(found({ body: body(page(order(1, record))) }, "dates_in_order")).toEqual(want);
  });

  it.each([
    ["same item", { retrieved: order(7), want: [] }],
    ["a field differs", { retrieved: order(7, { total: "9.99" }), want: [["/total", "error"]] }],
  ])("retrieve_matches_list: %s", (_, { retrieved, want }) => {
    const origin: FillOrigin = { operation: "orders_list", item: order(7), pointer: "/results/0" };
    expect(
      found(
        { operation: "orders_retrieve", body: body(retrieved), origin },
        "retrieve_matches_list",
      ),
    ).toEqual(want);
  });
});

describe("registry", () => {
  it("has unique snake_case names and marks exactly the semantic checks", () => {
    const names = checks.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => /^[a-z]+(_[a-z]+)*$/.test(n))).toBe(true);
    expect(checks.filter((c) => c.semantic).map((c) => c.name)).toEqual([
      "filters_honoured",
      "ordering_honoured",
      "pagination_coherent",
      "money_exact",
      "dates_in_order",
      "retrieve_matches_list",
    ]);
  });

  it("runs no semantic check against a mock", () => {
    const outcome = runChecks(context({ target: "mock", params: { query: { status: "open" } } }));
    expect(outcome.applied).toEqual([
      "status_code_conformance",
      "content_type_conformance",
      "response_schema_conformance",
    ]);
  });
});
