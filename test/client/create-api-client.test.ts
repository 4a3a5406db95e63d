import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ClientOptionsError,
  NetworkError,
  RequestTimeoutError,
} from "../../src/runtime/client/client-errors.js";
import {
  type ApiClientOptions,
  createApiClient,
} from "../../src/runtime/client/create-api-client.js";
import { ContractViolationError } from "../../src/runtime/errors.js";
import type { ApiIndex } from "../../src/runtime/operation-index.js";
import type { ValidatorModule } from "../../src/runtime/validate/types.js";
import { gcoreIndex, softwareoneIndex, stylesIndex } from "../fixtures/client/api-indexes.js";
import type { paths as GcorePaths } from "../fixtures/client/gcore-paths.js";
import type { paths as SoftwareonePaths } from "../fixtures/client/softwareone-paths.js";
import { validators } from "../fixtures/client/validators.js";
import { deepText } from "./deep-text.js";
import {
  json,
  type RecordingServer,
  type Responder,
  startRecordingServer,
} from "./recording-server.js";

const GCORE_KEY = "gk_live_7Hq2$Xv9pLm4Rt8s";
const SWO_TOKEN = "idt:SWO-eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu";

let server: RecordingServer;
let foreign: RecordingServer;
let validatorLoads = 0;
const hooks = {
  loadValidators: async (): Promise<ValidatorModule> => {
    validatorLoads++;
    return { validators };
  },
};

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

const gcore = (options: ApiClientOptions = {}) =>
  createApiClient<GcorePaths>(
    gcoreIndex,
    { baseUrl: server.origin, retry: { baseDelayMs: 1 }, ...options, credential: GCORE_KEY },
    hooks,
  );
const softwareone = (options: ApiClientOptions = {}) =>
  createApiClient<SoftwareonePaths>(
    softwareoneIndex,
    { baseUrl: server.origin, retry: { baseDelayMs: 1 }, ...options, credential: SWO_TOKEN },
    hooks,
  );

const LIST = "/billing/org/v1/erp-invoices";

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
    expect(server.requests.map((r) => r.line)).toEqual([want]);
    expect(server.requests[0]?.headers.authorization).toBe(`apikey ${GCORE_KEY}`);
    expect(server.requests[0]?.headers["content-type"]).toBeUndefined();
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
    expect(server.requests.map((r) => r.line)).toEqual([`GET ${want} HTTP/1.1`]);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${SWO_TOKEN}`);
    const sent = new URL(server.requests[0]?.target ?? "", server.origin);
    // What the server reads back is exactly what the caller passed.
    expect(sent.searchParams.get("select")).toBe(select ?? null);
    expect(decodeURIComponent(sent.pathname.split("/").pop() ?? "")).toBe(id);
  });

  it("serialises every parameter kind of the styles fixture by its own style", async () => {
    const client = createApiClient<Record<string, never>>(
      stylesIndex,
      { baseUrl: server.origin },
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
    expect(server.requests[0]?.line).toBe(
      "GET /things/a%20b/.l/;matrix=m/x,y/.p.q/;matrixList=1;matrixList=2/k,v,n,1" +
        "?formList=a&formList=b&csvList=c%2Cd,e&spaceList=s%20t&pipeList=u|v" +
        "&deep[from]=2026-01-01&deep[to]=2026-01-31&r=1&g=2&csvObj=r,1,g,2" +
        "&reserved=a/b?c,d+e&text=x%20y HTTP/1.1",
    );
    expect(server.requests[0]?.headers["x-trace"]).toBe("t1,t2");
    expect(server.requests[0]?.headers.cookie).toBe("session=s%201");
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe("the credential goes to the base URL's origin only", () => {
  it("a per-request baseUrl on another origin gets no Authorization", async () => {
    await gcore().GET(LIST, { baseUrl: foreign.origin });
    expect(foreign.requests).toHaveLength(1);
    expect(foreign.requests[0]?.headers.authorization).toBeUndefined();
    expect(server.requests).toHaveLength(0);
  });

  it("a redirect to another origin arrives without Authorization", async () => {
    server.reset((_request, response) => {
      response.writeHead(302, { location: `${foreign.origin}/elsewhere` });
      response.end();
    });
    await gcore().GET(LIST);
    expect(server.requests[0]?.headers.authorization).toBe(`apikey ${GCORE_KEY}`);
    expect(foreign.requests.map((r) => [r.target, r.headers.authorization])).toEqual([
      ["/elsewhere", undefined],
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
    expect(server.requests[0]?.headers.authorization).toBe(`apikey ${GCORE_KEY}`);
  });
});

describe("failure handling", () => {
  const status =
    (code: number, headers: Record<string, string> = {}): Responder =>
    (_request, response) =>
      json(response, code, { detail: `status ${code}` }, headers);

  it.each([
    ["401", 401],
    ["403", 403],
    ["404", 404],
    ["500", 500],
  ])("%s is answered once, as a typed { error }, never retried", async (_name, code) => {
    server.reset(status(code));
    const { data, error, response } = await gcore().GET(LIST);
    expect(server.requests).toHaveLength(1);
    expect(data).toBeUndefined();
    expect(error).toEqual({ detail: `status ${code}` });
    expect(response.status).toBe(code);
  });

  it("SoftwareOne's 404 comes back as its ProblemDetails body", async () => {
    const problem = {
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: "no such invoice",
    };
    server.reset((_request, response) =>
      json(response, 404, problem, { "content-type": "application/problem+json" }),
    );
    const { error } = await softwareone().GET("/public/v1/billing/invoices/{id}", {
      params: { path: { id: "INV-0" } },
    });
    expect(error).toEqual(problem);
  });

  it.each([
    ["429 with Retry-After in seconds", { code: 429, retryAfter: () => "1", minGapMs: 950 }],
    [
      "503 with Retry-After as an HTTP date",
      // Dates have whole seconds: two seconds ahead is at least one second away.
      { code: 503, retryAfter: () => new Date(Date.now() + 2000).toUTCString(), minGapMs: 950 },
    ],
  ])("%s is honoured, then the call succeeds", async (_name, { code, retryAfter, minGapMs }) => {
    server.reset((request, response) => {
      if (server.requests.length === 1) {
        json(response, code, { detail: "slow down" }, { "retry-after": retryAfter() });
      } else {
        json(response, 200, { count: 0, next: null, previous: null, results: [] });
      }
      void request;
    });
    const { data } = await gcore().GET(LIST);
    expect(data).toEqual({ count: 0, next: null, previous: null, results: [] });
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(minGapMs);
  });

  it.each([
    ["default 3 attempts", { retry: {}, want: 3 }],
    ["attempts: 5", { retry: { attempts: 5 }, want: 5 }],
    ["attempts: 1 disables retries", { retry: { attempts: 1 }, want: 1 }],
  ])("503 without Retry-After: %s, then the last response", async (_name, { retry, want }) => {
    server.reset(status(503));
    const { error, response } = await gcore({ retry: { baseDelayMs: 1, ...retry } }).GET(LIST);
    expect(server.requests).toHaveLength(want);
    expect(response.status).toBe(503);
    expect(error).toEqual({ detail: "status 503" });
  });

  it("a Retry-After beyond maxTotalMs is not waited for", async () => {
    server.reset(status(429, { "retry-after": "120" }));
    const started = Date.now();
    const { response } = await gcore().GET(LIST);
    expect(response.status).toBe(429);
    expect(server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("POST is never retried", async () => {
    server.reset(status(503));
    const untyped = gcore() as unknown as { POST: (p: string, i: unknown) => Promise<unknown> };
    await untyped.POST(LIST, { body: { a: 1 } });
    expect(server.requests.map((r) => r.method)).toEqual(["POST"]);
  });

  it("network errors are retried, then raise NetworkError", async () => {
    const gone = await startRecordingServer();
    const origin = gone.origin;
    await gone.close();
    const client = createApiClient<GcorePaths>(
      gcoreIndex,
      { baseUrl: origin, credential: GCORE_KEY, retry: { attempts: 3, baseDelayMs: 1 } },
      hooks,
    );
    const error = await client.GET(LIST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({
      api: "gcore-billing",
      operation: "v1_erp_invoices_list",
      attempts: 3,
    });
    expect((error as Error).message).toContain("ECONNREFUSED");
  });

  it.each([
    ["no response at all", (_r: unknown, _s: unknown) => {}],
    [
      "headers, then a body that stalls",
      (_r: unknown, response: import("node:http").ServerResponse) => {
        response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        response.write('{"count": 1, "results": [');
      },
    ],
  ])("timeoutMs: %s raises RequestTimeoutError, once", async (_name, responder) => {
    server.reset(responder as Responder);
    const started = Date.now();
    const error = await gcore({ timeoutMs: 150 })
      .GET(LIST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ operation: "v1_erp_invoices_list", timeoutMs: 150 });
    expect((error as Error).message).toContain("within 150 ms");
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(server.requests).toHaveLength(1);
  });
});

describe("response validation", () => {
  const page = (amount: string) => ({
    count: 1,
    next: null,
    previous: null,
    results: [{ id: 1, amount_total: amount, payment_state: "paid" }],
  });
  const BAD = page("12.5");

  it('"off" (the default) never loads the validators', async () => {
    validatorLoads = 0;
    server.reset((_request, response) => json(response, 200, BAD));
    const { data } = await gcore().GET(LIST);
    expect(data).toEqual(BAD);
    expect(validatorLoads).toBe(0);
  });

  it('"throw" raises ContractViolationError with api, operation, status and pointers', async () => {
    server.reset((_request, response) =>
      json(response, 200, {
        count: "1",
        results: [{ id: 1, amount_total: "12.5", payment_state: "lost" }],
      }),
    );
    const error = await gcore({ validate: "throw" })
      .GET(LIST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractViolationError);
    const violation = error as ContractViolationError;
    expect(violation).toMatchObject({
      api: "gcore-billing",
      operation: "v1_erp_invoices_list",
      status: 200,
    });
    expect(violation.violations.map((v) => v.pointer).sort()).toEqual([
      "/count",
      "/results/0/amount_total",
      "/results/0/payment_state",
    ]);
  });

  it('"report" calls onViolation and still hands the caller the untouched body', async () => {
    server.reset((_request, response) => json(response, 200, BAD));
    const reported: ContractViolationError[] = [];
    const { data } = await gcore({
      validate: "report",
      onViolation: (violation) => {
        reported.push(violation);
      },
    }).GET(LIST);
    expect(data).toEqual(BAD);
    expect(reported.map((r) => r.violations.map((v) => v.pointer))).toEqual([
      ["/results/0/amount_total"],
    ]);
  });

  it.each([
    ["a conforming body", { body: page("12.500000000000"), status: 200, want: 0 }],
    ["an undocumented status", { body: { detail: "boom" }, status: 500, want: 1 }],
  ])('"report": %s', async (_name, { body, status: code, want }) => {
    server.reset((_request, response) => json(response, code, body));
    const reported: ContractViolationError[] = [];
    await gcore({ validate: "report", onViolation: (v) => void reported.push(v) }).GET(LIST);
    expect(reported).toHaveLength(want);
  });

  it.each([
    ["a PDF is checked by content type only", "application/pdf", []],
    ["a PDF sent as HTML is a contentType violation", "text/html", ["contentType"]],
  ])("download: %s; the caller still gets every byte", async (_name, type, want) => {
    const pdf = Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1");
    server.reset((_request, response) => {
      response.writeHead(200, { "content-type": type, "content-length": pdf.length });
      response.end(pdf);
    });
    const reported: ContractViolationError[] = [];
    const { data } = await gcore({
      validate: "report",
      onViolation: (v) => void reported.push(v),
    }).GET("/billing/org/v1/erp-invoices/{id}/download", {
      params: { path: { id: 7 } },
      parseAs: "arrayBuffer",
    });
    expect(Buffer.from(data as ArrayBuffer).equals(pdf)).toBe(true);
    expect(reported.flatMap((r) => r.violations.map((v) => v.keyword))).toEqual(want);
  });

  it("a JSON content type with a non-JSON body is a violation, and the caller's parse error stays theirs", async () => {
    server.reset((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end("<html>");
    });
    const reported: ContractViolationError[] = [];
    await gcore({ validate: "report", onViolation: (v) => void reported.push(v) })
      .GET(LIST)
      .catch(() => undefined);
    expect(reported[0]?.violations[0]).toMatchObject({ pointer: "", keyword: "json" });
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
        baseUrl: server.origin,
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
    await client.GET(LIST, { baseUrl: foreign.origin }).catch(() => undefined);
    expect(urls).toEqual([
      `${server.origin}${LIST}?currency=EUR&api_key=${encodeURIComponent(GCORE_KEY)}`,
      `${foreign.origin}${LIST}`,
    ]);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).url).toBe(`${server.origin}${LIST}?currency=EUR`);
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
    server.reset(() => {});
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
    server.reset((request, response) =>
      json(response, 200, { count: 1, results: [{ id: request.headers.authorization }] }),
    );
    await collect(() => gcore({ validate: "throw" }).GET(LIST));
    server.reset((request, response) =>
      json(response, 401, { detail: request.headers.authorization }),
    );
    await collect(async () => {
      for await (const _item of gcore().paginate(LIST)) {
        // never reached: the first page is a 401
      }
    });
    expect(errors.map((e) => (e as Error).name)).toEqual([
      "RequestTimeoutError",
      "NetworkError",
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
