import { describe, expect, it } from "vitest";
import { ContractViolationError } from "../../../src/runtime/contract-violation-error.js";
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
