/**
 * `api-contracts/vitest`'s `toMatchApiSpec`, registered by importing the entry: against the
 * faithful sandbox a generated client's result matches; against the amount-overflow drift it
 * fails naming the field's JSON Pointer; `{ status, headers, body }` works with the API and
 * operation named; nothing shows the key.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import "../../src/vitest/index.js";
import { createGcoreBillingClient } from "../../generated/gcore-billing/index.js";
import { createSoftwareoneMarketplaceClient } from "../../generated/softwareone-marketplace/index.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/sandbox-server.js";
import { matchApiSpec } from "../../src/vitest/to-match-api-spec.js";

const KEY = "gk_matcher_4Tz8Qw2Lp";
const MPT_TOKEN = "idt:TKN-matcher-7Hq";
const LIST = "/billing/org/v1/erp-invoices";
let faithful: Sandbox;
let drifted: Sandbox;
beforeAll(async () => {
  faithful = await startSandbox({ credentials: { gcoreApiKey: KEY, mptToken: MPT_TOKEN } });
  drifted = await startSandbox({
    scenario: "amount-overflow",
    credentials: { gcoreApiKey: KEY, mptToken: MPT_TOKEN },
  });
});
afterAll(async () => {
  await Promise.all([faithful?.close(), drifted?.close()]);
});

const client = (sandbox: Sandbox) =>
  createGcoreBillingClient({ apiKey: KEY, baseUrl: sandbox.url });

describe("toMatchApiSpec on an openapi-fetch result", () => {
  it("passes against a faithful server (the operation found from the URL)", async () => {
    await expect(
      await client(faithful).GET(LIST, { params: { query: { limit: 5 } } }),
    ).toMatchApiSpec();
  });

  it("fails against drifted amounts, naming the field's JSON Pointer and never the key", async () => {
    const result = await client(drifted).GET(LIST, { params: { query: { limit: 5 } } });
    const error = await expect(result)
      .toMatchApiSpec()
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(error?.message).toContain("expected gcore-billing v1_erp_invoices_list (200 from");
    expect(error?.message).toMatch(/\/results\/0\/amount_untaxed: .*pattern/);
    expect(error?.message).not.toContain(KEY);
  });

  it("passes SoftwareOne's documented 404 ProblemDetails", async () => {
    const mpt = createSoftwareoneMarketplaceClient({ token: MPT_TOKEN, baseUrl: faithful.url });
    const result = await mpt.GET("/public/v1/billing/invoices/{id}", {
      params: { path: { id: "INV-0000-0000-0000" } },
    });
    expect(result.response.status).toBe(404);
    await expect(result).toMatchApiSpec();
  });

  it("fails Gcore's 404, whose spec documents no body, saying so", async () => {
    const result = await client(faithful).GET(`${LIST}/{id}`, {
      params: { path: { id: 999_999_999 } },
    });
    const found = await matchApiSpec(result);
    expect(found.pass).toBe(false);
    expect(found.message).toContain("status 404 of v1_erp_invoices_retrieve documents no body");
  });

  it("supports .not", async () => {
    const result = await client(drifted).GET(LIST, { params: { query: { limit: 2 } } });
    await expect(result).not.toMatchApiSpec();
  });
});

describe("toMatchApiSpec on { status, headers, body }", () => {
  it.each([
    [
      "a valid empty page",
      {
        given: {
          status: 200,
          headers: { "content-type": "application/json" },
          body: { count: 0, next: null, previous: null, results: [] },
        },
        want: { pass: true, says: [] as string[] },
      },
    ],
    [
      "an undocumented status",
      {
        given: { status: 418, headers: { "content-type": "application/json" }, body: {} },
        want: { pass: false, says: ["(response): "] },
      },
    ],
    [
      "a wrong content type, with a key in the headers redacted",
      {
        given: {
          status: 200,
          headers: { "content-type": "text/html", authorization: `apikey ${KEY}` },
          body: `<p>${KEY}</p>`,
        },
        want: { pass: false, says: ["(response): "] },
      },
    ],
  ])("%s", async (_name, { given, want }) => {
    const found = await matchApiSpec(given, {
      api: "gcore-billing",
      operation: "v1_erp_invoices_list",
    });
    expect(found.pass).toBe(want.pass);
    for (const text of want.says) expect(found.message).toContain(text);
    expect(found.message).not.toContain(KEY);
  });

  it("asks for the API and operation when they are missing", async () => {
    await expect(matchApiSpec({ status: 200, body: {} })).rejects.toThrow(
      "needs the API and operation",
    );
  });

  it("is typed on vitest's assertions", () => {
    expectTypeOf(expect(1).toMatchApiSpec).toBeFunction();
    expectTypeOf(expect(1).toMatchApiSpec).returns.toEqualTypeOf<Promise<void>>();
  });
});
