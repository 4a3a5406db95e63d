import { describe, expect, it } from "vitest";
import { createApiClient } from "../../../src/runtime/client/create-api-client.js";
import { ContractViolationError } from "../../../src/runtime/contract-violation-error.js";
import type { ApiIndex } from "../../../src/runtime/operation-index.js";
import type { CompiledValidator } from "../../../src/runtime/validate/types.js";
import { LIST, useHarness } from "../../client/client-harness.js";
import { json } from "../../client/recording-server.js";

const h = useHarness();
const { gcore } = h;

describe("response validation", () => {
  const page = (amount: string) => ({
    count: 1,
    next: null,
    previous: null,
    results: [{ id: 1, amount_total: amount, payment_state: "paid" }],
  });
  const BAD = page("12.5");

  it('"off" (the default) never loads the validators', async () => {
    h.server.reset((_request, response) => json(response, 200, BAD));
    const { data } = await gcore().GET(LIST);
    expect(data).toEqual(BAD);
    expect(h.validatorLoads).toBe(0);
  });

  it('"throw" raises ContractViolationError with api, operation, status and pointers', async () => {
    h.server.reset((_request, response) =>
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
    h.server.reset((_request, response) => json(response, 200, BAD));
    const reported: ContractViolationError[] = [];
    const { data } = await gcore({
      validate: "report",
      onViolation: (violation) => {
        reported.push(violation);
      },
    }).GET(LIST);
    expect(data).toEqual(BAD);
    expect(h.validatorLoads).toBe(1);
    expect(reported.map((r) => r.violations.map((v) => v.pointer))).toEqual([
      ["/results/0/amount_total"],
    ]);
  });

  it.each([
    ["a conforming body", { body: page("12.500000000000"), status: 200, want: 0 }],
    ["an undocumented status", { body: { detail: "boom" }, status: 500, want: 1 }],
  ])('"report": %s', async (_name, { body, status: code, want }) => {
    h.server.reset((_request, response) => json(response, code, body));
    const reported: ContractViolationError[] = [];
    await gcore({ validate: "report", onViolation: (v) => void reported.push(v) }).GET(LIST);
    expect(reported).toHaveLength(want);
  });

  it.each([
    ["a PDF is checked by content type only", "application/pdf", []],
    ["a PDF sent as HTML is a contentType violation", "text/html", ["contentType"]],
  ])("download: %s; the caller still gets every byte", async (_name, type, want) => {
    const pdf = Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1");
    h.server.reset((_request, response) => {
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
    h.server.reset((_request, response) => {
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

describe("response validation reads a body as JSON exactly when codegen compiled a validator for it", () => {
  /** One GET /thing documenting a JSON object for `type`, checked by a validator that wants an object. */
  const indexFor = (type: string): ApiIndex => ({
    api: "media",
    title: "media",
    version: "1",
    openapi: "3.1.0",
    servers: [],
    warnings: [],
    operations: {
      thing: {
        key: "thing",
        operationId: "thing",
        method: "get",
        path: "/thing",
        tags: [],
        parameters: [],
        requestBody: null,
        responses: { "200": { status: "200", content: [{ type, validator: "v_thing" }] } },
        security: [],
      },
    },
  });
  const isObject = Object.assign(
    (data: unknown) => {
      const ok = typeof data === "object" && data !== null && !Array.isArray(data);
      isObject.errors = ok
        ? null
        : [
            {
              instancePath: "",
              keyword: "type",
              params: { type: "object" },
              message: "must be object",
            },
          ];
      return ok;
    },
    { errors: null as unknown },
  );

  it.each<[string, { given: string; want: string[] }]>([
    ["application/json", { given: "application/json", want: [] }],
    ["text/json, once read as text: a false violation", { given: "text/json", want: [] }],
    ["a +json type with a charset", { given: "application/vnd.api+json; charset=utf-8", want: [] }],
  ])("%s", async (_name, { given, want }) => {
    h.server.reset((_request, response) =>
      json(response, 200, { id: 1 }, { "content-type": given }),
    );
    const reported: ContractViolationError[] = [];
    const client = createApiClient<Record<string, never>>(
      indexFor(given),
      { baseUrl: h.server.origin, validate: "report", onViolation: (v) => void reported.push(v) },
      {
        loadValidators: async () => ({
          validators: { v_thing: isObject as unknown as CompiledValidator },
        }),
      },
    );
    const untyped = client as unknown as { GET: (path: string) => Promise<{ data?: unknown }> };
    const { data } = await untyped.GET("/thing");
    expect(data).toEqual({ id: 1 });
    expect(reported.flatMap((r) => r.violations.map((v) => `${v.keyword}: ${v.message}`))).toEqual(
      want,
    );
  });
});
