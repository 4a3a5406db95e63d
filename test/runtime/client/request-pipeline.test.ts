import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import type { paths as GcorePaths } from "../../../generated/gcore-billing/types.js";
import {
  NetworkError,
  RedirectNotFollowedError,
  RequestTimeoutError,
} from "../../../src/runtime/client/client-errors.js";
import { createApiClient } from "../../../src/runtime/client/create-api-client.js";
import { GCORE_KEY, LIST, useHarness } from "../../client/client-harness.js";
import { json, type Responder, startRecordingServer } from "../../client/recording-server.js";
import { gcoreIndex } from "../../fixtures/client/api-indexes.js";

const h = useHarness();
const { gcore, softwareone, hooks } = h;

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
    h.server.reset(status(code));
    const { data, error, response } = await gcore().GET(LIST);
    expect(h.server.requests).toHaveLength(1);
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
    h.server.reset((_request, response) =>
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
    h.server.reset((request, response) => {
      if (h.server.requests.length === 1) {
        json(response, code, { detail: "slow down" }, { "retry-after": retryAfter() });
      } else {
        json(response, 200, { count: 0, next: null, previous: null, results: [] });
      }
      void request;
    });
    const { data } = await gcore().GET(LIST);
    expect(data).toEqual({ count: 0, next: null, previous: null, results: [] });
    expect(h.server.requests).toHaveLength(2);
    const [first, second] = h.server.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(minGapMs);
  });

  it.each([
    ["default 3 attempts", { retry: {}, want: 3 }],
    ["attempts: 5", { retry: { attempts: 5 }, want: 5 }],
    ["attempts: 1 disables retries", { retry: { attempts: 1 }, want: 1 }],
  ])("503 without Retry-After: %s, then the last response", async (_name, { retry, want }) => {
    h.server.reset(status(503));
    const { error, response } = await gcore({ retry: { baseDelayMs: 1, ...retry } }).GET(LIST);
    expect(h.server.requests).toHaveLength(want);
    expect(response.status).toBe(503);
    expect(error).toEqual({ detail: "status 503" });
  });

  it("a Retry-After beyond maxTotalMs is not waited for", async () => {
    h.server.reset(status(429, { "retry-after": "120" }));
    const started = Date.now();
    const { response } = await gcore().GET(LIST);
    expect(response.status).toBe(429);
    expect(h.server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("POST is never retried", async () => {
    h.server.reset(status(503));
    const untyped = gcore() as unknown as { POST: (p: string, i: unknown) => Promise<unknown> };
    await untyped.POST(LIST, { body: { a: 1 } });
    expect(h.server.requests.map((r) => r.method)).toEqual(["POST"]);
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
      (_r: unknown, response: ServerResponse) => {
        response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        response.write('{"count": 1, "results": [');
      },
    ],
  ])("timeoutMs: %s raises RequestTimeoutError, once", async (_name, responder) => {
    h.server.reset(responder as Responder);
    const started = Date.now();
    const error = await gcore({ timeoutMs: 150 })
      .GET(LIST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ operation: "v1_erp_invoices_list", timeoutMs: 150 });
    expect((error as Error).message).toContain("within 150 ms");
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(h.server.requests).toHaveLength(1);
  });
});

describe("redirects", () => {
  it.each([
    [
      "a redirect loop on the same origin stops after 5 hops",
      { method: "GET", location: LIST, want: "too many redirects in a row", requests: 6 },
    ],
    [
      "a POST is not re-sent after a same-origin redirect",
      { method: "POST", location: "/moved", want: "only GET and HEAD are re-sent", requests: 1 },
    ],
  ])("%s", async (_name, { method, location, want, requests }) => {
    h.server.reset((_request, response) => {
      response.writeHead(307, { location });
      response.end();
    });
    const client = gcore() as unknown as {
      request: (method: string, path: string, init: object) => Promise<unknown>;
    };
    const error = await client.request(method, LIST, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectNotFollowedError);
    expect((error as Error).message).toContain(want);
    expect(h.server.requests).toHaveLength(requests);
  });
});

describe("the body is bounded by the same deadline as the headers", () => {
  it("headers in time, body stalled: RequestTimeoutError for the body, once", async () => {
    h.server.reset((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"results":[');
    });
    const error = await gcore({ timeoutMs: 300 })
      .GET(LIST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).phase).toBe("body");
    expect(h.server.requests).toHaveLength(1);
  });
});
