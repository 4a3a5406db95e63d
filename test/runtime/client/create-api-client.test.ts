import { describe, expect, it } from "vitest";
import type { paths as GcorePaths } from "../../../generated/gcore-billing/types.js";
import {
  ClientOptionsError,
  NetworkError,
  RedirectNotFollowedError,
} from "../../../src/runtime/client/client-errors.js";
import { createApiClient } from "../../../src/runtime/client/create-api-client.js";
import type { ApiIndex } from "../../../src/runtime/operation-index.js";
import { GCORE_KEY, LIST, SWO_TOKEN, useHarness } from "../../client/client-harness.js";
import { deepText } from "../../client/deep-text.js";
import { json, startRecordingServer } from "../../client/recording-server.js";
import { gcoreIndex, stylesIndex } from "../../fixtures/client/api-indexes.js";

const h = useHarness();
const { gcore, softwareone, hooks } = h;

describe("request line and headers", () => {
  it.each([
    ["list, no parameters", { call: () => gcore().GET(LIST), want: `GET ${LIST} HTTP/1.1` }],
    [
      "ordering: array, form, explode false → one key, literal comma",
      {
        call: () => gcore().GET(LIST, { params: { query: { ordering: ["-invoice_date", "id"] } } }),
        want: `GET ${LIST}?ordering=-invoice_date,id HTTP/1.1`,
      },
    ],
    [
      "ordering with one value",
      {
        call: () => gcore().GET(LIST, { params: { query: { ordering: ["-amount_total"] } } }),
        want: `GET ${LIST}?ordering=-amount_total HTTP/1.1`,
      },
    ],
    [
      "enum, number, date and integer query parameters",
      {
        call: () =>
          gcore().GET(LIST, {
            params: {
              query: {
                payment_state: "not_paid",
                move_type: "out_refund",
                client_id: 1234567,
                payer_id: 42,
                invoice_date__from: "2026-01-01",
                invoice_date__to: "2026-01-31",
                billing_period_from__from: "2025-12-01",
                billing_period_to__to: "2025-12-31",
                limit: 50,
                offset: 100,
              },
            },
          }),
        want:
          `GET ${LIST}?payment_state=not_paid&move_type=out_refund&client_id=1234567&payer_id=42` +
          "&invoice_date__from=2026-01-01&invoice_date__to=2026-01-31" +
          "&billing_period_from__from=2025-12-01&billing_period_to__to=2025-12-31&limit=50&offset=100 HTTP/1.1",
      },
    ],
    [
      "string with reserved characters is percent-encoded",
      {
        call: () => gcore().GET(LIST, { params: { query: { currency: "EUR&x=1 +#" } } }),
        want: `GET ${LIST}?currency=EUR%26x%3D1%20%2B%23 HTTP/1.1`,
      },
    ],
    [
      "undefined parameters are left out",
      {
        call: () => gcore().GET(LIST, { params: { query: { currency: undefined, ordering: [] } } }),
        want: `GET ${LIST} HTTP/1.1`,
      },
    ],
    [
      "retrieve: integer path parameter",
      {
        call: () =>
          gcore().GET("/billing/org/v1/erp-invoices/{id}", { params: { path: { id: 987654 } } }),
        want: "GET /billing/org/v1/erp-invoices/987654 HTTP/1.1",
      },
    ],
    [
      "download: path parameter in the middle",
      {
        call: () =>
          gcore().GET("/billing/org/v1/erp-invoices/{id}/download", {
            params: { path: { id: 7 } },
            parseAs: "arrayBuffer",
          }),
        want: "GET /billing/org/v1/erp-invoices/7/download HTTP/1.1",
      },
    ],
  ])("Gcore %s", async (_name, { call, want }) => {
    await call();
    expect(h.server.requests.map((r) => r.line)).toEqual([want]);
    expect(h.server.requests[0]?.headers.authorization).toBe(`apikey ${GCORE_KEY}`);
    expect(h.server.requests[0]?.headers["content-type"]).toBeUndefined();
  });

  const INVOICE = "/public/v1/billing/invoices/{id}";
  it.each([
    [
      "plain id",
      { id: "INV-1234-5678", select: undefined, want: "/public/v1/billing/invoices/INV-1234-5678" },
    ],
    [
      "id with reserved and non-ASCII characters is percent-encoded",
      {
        id: "a/b c?d#é",
        select: undefined,
        want: "/public/v1/billing/invoices/a%2Fb%20c%3Fd%23%C3%A9",
      },
    ],
    [
      "RQL select: decoded byte-identical; ',' and '+' percent-encoded",
      {
        id: "INV-1",
        select: "-lines,+audit",
        want: "/public/v1/billing/invoices/INV-1?select=-lines%2C%2Baudit",
      },
    ],
    [
      "RQL select with parentheses and dots",
      {
        id: "INV-1",
        select: "+lines.price,-seller(name)",
        want: "/public/v1/billing/invoices/INV-1?select=%2Blines.price%2C-seller%28name%29",
      },
    ],
  ])("SoftwareOne %s", async (_name, { id, select, want }) => {
    await softwareone().GET(INVOICE, {
      params: { path: { id }, ...(select === undefined ? {} : { query: { select } }) },
    });
    expect(h.server.requests.map((r) => r.line)).toEqual([`GET ${want} HTTP/1.1`]);
    expect(h.server.requests[0]?.headers.authorization).toBe(`Bearer ${SWO_TOKEN}`);
    const sent = new URL(h.server.requests[0]?.target ?? "", h.server.origin);
    // What the server reads back is exactly what the caller passed.
    expect(sent.searchParams.get("select")).toBe(select ?? null);
    expect(decodeURIComponent(sent.pathname.split("/").pop() ?? "")).toBe(id);
  });

  it("serialises every parameter kind of the styles fixture by its own style", async () => {
    const client = createApiClient<Record<string, never>>(
      stylesIndex,
      { baseUrl: h.server.origin },
      hooks,
    );
    const untyped = client as unknown as {
      GET: (path: string, init: unknown) => Promise<unknown>;
    };
    await untyped.GET(stylesIndex.operations.styles?.path ?? "", {
      params: {
        path: {
          simple: "a b",
          label: "l",
          matrix: "m",
          simpleList: ["x", "y"],
          labelList: ["p", "q"],
          matrixList: [1, 2],
          simpleObj: { k: "v", n: 1 },
        },
        query: {
          formList: ["a", "b"],
          csvList: ["c,d", "e"],
          spaceList: ["s", "t"],
          pipeList: ["u", "v"],
          deep: { from: "2026-01-01", to: "2026-01-31" },
          formObj: { r: 1, g: 2 },
          csvObj: { r: 1, g: 2 },
          reserved: "a/b?c,d+e",
          text: "x y",
        },
        header: { "X-Trace": ["t1", "t2"] },
        cookie: { session: "s 1" },
      },
    });
    expect(h.server.requests[0]?.line).toBe(
      "GET /things/a%20b/.l/;matrix=m/x,y/.p.q/;matrixList=1;matrixList=2/k,v,n,1" +
        "?formList=a&formList=b&csvList=c%2Cd,e&spaceList=s%20t&pipeList=u|v" +
        "&deep[from]=2026-01-01&deep[to]=2026-01-31&r=1&g=2&csvObj=r,1,g,2" +
        "&reserved=a/b?c,d+e&text=x%20y HTTP/1.1",
    );
    expect(h.server.requests[0]?.headers["x-trace"]).toBe("t1,t2");
    expect(h.server.requests[0]?.headers.cookie).toBe("session=s%201");
    expect(h.server.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe("the credential goes to the base URL's origin only", () => {
  it("a per-request baseUrl on another origin gets no Authorization", async () => {
    await gcore().GET(LIST, { baseUrl: h.foreign.origin });
    expect(h.foreign.requests).toHaveLength(1);
    expect(h.foreign.requests[0]?.headers.authorization).toBeUndefined();
    expect(h.server.requests).toHaveLength(0);
  });

  it("a redirect to another origin is not followed: RedirectNotFollowedError names where it pointed", async () => {
    h.server.reset((_request, response) => {
      response.writeHead(302, { location: `${h.foreign.origin}/elsewhere` });
      response.end();
    });
    const error = await gcore()
      .GET(LIST)
      .catch((e: unknown) => e);
    expect(h.server.requests[0]?.headers.authorization).toBe(`apikey ${GCORE_KEY}`);
    expect(h.foreign.requests).toEqual([]);
    expect(error).toBeInstanceOf(RedirectNotFollowedError);
    expect((error as Error).message).toContain(
      `answered 302, redirected to ${h.foreign.origin}/elsewhere; not followed`,
    );
    expect((error as Error).message).not.toContain(GCORE_KEY);
  });

  it("a same-origin redirect of a GET is followed, with the credential attached again", async () => {
    h.server.reset((request, response) => {
      if (request.target.startsWith(LIST)) {
        response.writeHead(301, { location: "/moved" });
        response.end();
        return;
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"ok":true}');
    });
    const { data } = await gcore().GET(LIST);
    expect(data).toEqual({ ok: true });
    expect(h.server.requests.map((r) => [r.target, r.headers.authorization])).toEqual([
      [LIST, `apikey ${GCORE_KEY}`],
      ["/moved", `apikey ${GCORE_KEY}`],
    ]);
  });

  it("middleware registered with use() never sees the credential", async () => {
    const client = gcore();
    const seen: string[] = [];
    client.use({
      onRequest({ request }) {
        seen.push(JSON.stringify([...request.headers]));
      },
    });
    await client.GET(LIST);
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toContain(GCORE_KEY);
    expect(h.server.requests[0]?.headers.authorization).toBe(`apikey ${GCORE_KEY}`);
  });
});

describe("options", () => {
  it.each([
    ["an empty key", { credential: "" }, "empty"],
    ["a key with a newline", { credential: `${GCORE_KEY}\n` }, "control"],
    ["a relative baseUrl", { baseUrl: "/api" }, "not an absolute URL"],
    ["userinfo in baseUrl", { baseUrl: "https://u:p@api.gcore.com" }, "user:password"],
    ["timeoutMs 0", { timeoutMs: 0 }, "timeoutMs"],
    ["validate report without onViolation", { validate: "report" as const }, "onViolation"],
    ["retry.attempts 0", { retry: { attempts: 0 } }, "retry.attempts"],
  ])("%s is a ClientOptionsError", (_name, options, want) => {
    const build = () =>
      createApiClient<GcorePaths>(gcoreIndex, { credential: GCORE_KEY, ...options }, hooks);
    expect(build).toThrow(ClientOptionsError);
    expect(build).toThrow(want);
  });

  it("a credential for a spec without security is refused (it would never be sent)", () => {
    expect(() => createApiClient(stylesIndex, { credential: "abcd1234" }, hooks)).toThrow(
      "declares no security scheme",
    );
  });

  it("baseUrl defaults to the spec's first server", async () => {
    const seen: string[] = [];
    const client = createApiClient<GcorePaths>(
      gcoreIndex,
      {
        credential: GCORE_KEY,
        fetch: async (request) => {
          seen.push(`${request.url} ${request.headers.get("authorization")}`);
          return new Response("{}", { headers: { "content-type": "application/json" } });
        },
      },
      hooks,
    );
    await client.GET(LIST);
    expect(seen).toEqual([`https://api.gcore.com${LIST} apikey ${GCORE_KEY}`]);
  });
});

describe("apiKey in the query", () => {
  const queryKeyIndex: ApiIndex = {
    ...gcoreIndex,
    operations: Object.fromEntries(
      Object.entries(gcoreIndex.operations).map(([key, operation]) => [
        key,
        {
          ...operation,
          security: [[{ scheme: "Q", type: "apiKey", in: "query", name: "api_key", prefix: "" }]],
        },
      ]),
    ),
  };

  it("is added to base-origin requests only, and redacted in errors", async () => {
    const urls: string[] = [];
    const client = createApiClient<GcorePaths>(
      queryKeyIndex,
      {
        baseUrl: h.server.origin,
        credential: GCORE_KEY,
        retry: { attempts: 1 },
        fetch: async (request) => {
          urls.push(request.url);
          throw new TypeError("fetch failed");
        },
      },
      hooks,
    );
    const error = await client
      .GET(LIST, { params: { query: { currency: "EUR" } } })
      .catch((e: unknown) => e);
    await client.GET(LIST, { baseUrl: h.foreign.origin }).catch(() => undefined);
    expect(urls).toEqual([
      `${h.server.origin}${LIST}?currency=EUR&api_key=${encodeURIComponent(GCORE_KEY)}`,
      `${h.foreign.origin}${LIST}`,
    ]);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).url).toBe(`${h.server.origin}${LIST}?currency=EUR`);
    expect(deepText(error)).not.toContain(encodeURIComponent(GCORE_KEY));
  });
});

describe("no secret in any error", () => {
  const index: ApiIndex = gcoreIndex;
  it("timeouts, network errors, option errors, contract violations and echoed keys stay clean", async () => {
    const errors: unknown[] = [];
    const collect = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        errors.push(error);
      }
    };
    h.server.reset(() => {});
    await collect(() => gcore({ timeoutMs: 50 }).GET(LIST));
    const gone = await startRecordingServer();
    await gone.close();
    await collect(() =>
      createApiClient<GcorePaths>(
        index,
        { baseUrl: gone.origin, credential: GCORE_KEY, retry: { baseDelayMs: 1 } },
        hooks,
      ).GET(LIST),
    );
    await collect(async () => createApiClient(index, { credential: `${GCORE_KEY}\r\n` }, hooks));
    // A server that echoes the Authorization header back in an invalid body.
    h.server.reset((request, response) =>
      json(response, 200, { count: 1, results: [{ id: request.headers.authorization }] }),
    );
    await collect(() => gcore({ validate: "throw" }).GET(LIST));
    h.server.reset((request, response) =>
      json(response, 401, { detail: request.headers.authorization }),
    );
    await collect(async () => {
      for await (const _item of gcore().paginate(LIST)) {
        // never reached: the first page is a 401
      }
    });
    expect(errors.map((e) => (e as Error).name)).toEqual([
      "RequestTimeoutError",
      "ConnectionRefusedError",
      "ClientOptionsError",
      "ContractViolationError",
      "PaginationError",
    ]);
    for (const error of errors) {
      const text = deepText(error);
      expect(text).not.toContain(GCORE_KEY);
      expect(text).not.toContain(encodeURIComponent(GCORE_KEY));
    }
  });
});
