import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAmount } from "../../src/sandbox/decimal-amount.js";
import type { GcoreErpInvoice } from "../../src/sandbox/gcore-invoices.js";
import {
  type Sandbox,
  type SandboxRequestLog,
  startSandbox,
} from "../../src/sandbox/sandbox-server.js";
import { call, callWithHost, GCORE_AUTH, MPT_AUTH, walkPages } from "./sandbox-http.js";
import { gcoreSchemaValidator, softwareoneSchemaValidator } from "./spec-schemas.js";

const LIST = "/billing/org/v1/erp-invoices";
const MPT = "/public/v1/billing/invoices";

let sandbox: Sandbox;
const log: SandboxRequestLog[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ onRequest: (entry) => log.push(entry) });
});
afterAll(async () => {
  await sandbox.close();
});

const invoices = (): readonly GcoreErpInvoice[] => sandbox.gcoreInvoices;
const nth = (index: number): GcoreErpInvoice => {
  const invoice = invoices()[index];
  if (!invoice) throw new Error(`no invoice #${index}`);
  return invoice;
};

describe("authentication", () => {
  it.each([
    [
      "Gcore without Authorization",
      { path: LIST, headers: {}, want: "Authentication credentials were not provided." },
    ],
    [
      "Gcore with a wrong key",
      { path: LIST, headers: { Authorization: "apikey wrong" }, want: "Invalid API key." },
    ],
    ["Gcore with a bearer token", { path: LIST, headers: MPT_AUTH, want: "Invalid API key." }],
  ])("answers 401 to %s", async (_name, { path, headers, want }) => {
    const response = await call(sandbox.url, path, headers);
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ detail: want });
  });

  it.each([
    ["without Authorization", {}],
    ["with a wrong token", { Authorization: "Bearer wrong" }],
    ["with Gcore's apikey scheme", GCORE_AUTH],
  ])("answers SoftwareOne 401 ProblemDetails %s", async (_name, headers) => {
    const response = await call(
      sandbox.url,
      `${MPT}/${sandbox.softwareoneInvoices[0]?.id}`,
      headers,
    );
    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ status: 401, title: "Unauthorized" });
  });

  it("accepts the apikey scheme word in any case", async () => {
    const response = await call(sandbox.url, LIST, {
      Authorization: `APIKEY ${sandbox.credentials.gcoreApiKey}`,
    });
    expect(response.status).toBe(200);
  });

  it("never passes headers to the request log", () => {
    expect(log.length).toBeGreaterThan(0);
    for (const entry of log)
      expect(Object.keys(entry).sort()).toEqual(["api", "method", "status", "target"]);
  });
});

describe("Gcore list filters", () => {
  const cases: [
    string,
    (invoice: GcoreErpInvoice) => string,
    (value: string, invoice: GcoreErpInvoice) => boolean,
  ][] = [
    ["payment_state", () => "partial", (v, i) => i.payment_state === v],
    ["move_type", () => "out_refund", (v, i) => i.move_type === v],
    ["currency", (i) => i.currency, (v, i) => i.currency === v],
    ["client_id", (i) => String(i.client_id), (v, i) => i.client_id === Number(v)],
    ["payer_id", (i) => String(i.payer_id), (v, i) => i.payer_id === Number(v)],
    ["invoice_date__from", (i) => i.invoice_date, (v, i) => i.invoice_date >= v],
    ["invoice_date__to", (i) => i.invoice_date, (v, i) => i.invoice_date <= v],
    [
      "billing_period_from__from",
      (i) => i.billing_period_from,
      (v, i) => i.billing_period_from >= v,
    ],
    ["billing_period_to__to", (i) => i.billing_period_to, (v, i) => i.billing_period_to <= v],
  ];
  it.each(cases)("honours %s", async (param, pick, matches) => {
    const value = pick(nth(60));
    const want = invoices().filter((invoice) => matches(value, invoice));
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(invoices().length);
    const { pages, items } = await walkPages(sandbox.url, `${LIST}?${param}=${value}&limit=100`);
    expect(pages[0]?.json.count).toBe(want.length);
    expect(items.map((item) => item.id)).toEqual(want.map((invoice) => invoice.id));
  });

  it.each([
    ["payment_state=overdue", "payment_state"],
    ["ordering=payer_id", "ordering"],
    ["invoice_date__from=yesterday", "invoice_date__from"],
  ])("answers 400 with the field's error for %s", async (query, field) => {
    const response = await call(sandbox.url, `${LIST}?${query}`);
    expect(response.status).toBe(400);
    expect(Object.keys(response.json)).toEqual([field]);
  });
});

describe("Gcore list ordering", () => {
  const value = (invoice: GcoreErpInvoice, field: string): bigint | string | number =>
    field === "amount_total"
      ? parseAmount(invoice.amount_total)
      : (invoice[field as keyof GcoreErpInvoice] as string | number);
  const inOrder = (items: GcoreErpInvoice[], ordering: string): boolean =>
    items.every((item, index) => {
      const previous = items[index - 1];
      if (!previous) return true;
      for (const term of ordering.split(",")) {
        const field = term.replace(/^-/, "");
        const [a, b] = term.startsWith("-")
          ? [value(item, field), value(previous, field)]
          : [value(previous, field), value(item, field)];
        if (a < b) return true;
        if (a > b) return false;
      }
      return true;
    });

  it.each([
    ["id"],
    ["-id"],
    ["invoice_date"],
    ["-invoice_date"],
    ["amount_total"],
    ["-amount_total"],
    ["created_at"],
    ["-created_at"],
    ["name"],
    ["-name"],
    ["-invoice_date,amount_total"],
    ["invoice_date,-id"],
  ])("orders by %s across pages", async (ordering) => {
    const { items } = await walkPages(sandbox.url, `${LIST}?ordering=${ordering}&limit=50`);
    expect(items).toHaveLength(invoices().length);
    expect(inOrder(items as GcoreErpInvoice[], ordering)).toBe(true);
    // The check can fail: the same items in id order are not in this order (except for "id").
    if (ordering !== "id") expect(inOrder([...invoices()], ordering)).toBe(false);
  });
});

describe("Gcore list pagination", () => {
  it("walks absolute next links with a stable count and no item twice", async () => {
    const { pages, items } = await walkPages(
      sandbox.url,
      `${LIST}?limit=25&currency=${nth(0).currency}`,
    );
    const count = pages[0]?.json.count;
    expect(pages.length).toBe(Math.ceil(count / 25));
    for (const page of pages) {
      expect(page.json.count).toBe(count);
      expect(page.json.results.length).toBeLessThanOrEqual(25);
      if (page.json.next !== null)
        expect(page.json.next).toMatch(new RegExp(`^${sandbox.url}${LIST}\\?`));
    }
    expect(new Set(items.map((item) => item.id)).size).toBe(count);
    expect(pages[0]?.json.previous).toBeNull();
    expect(pages.at(-1)?.json.next).toBeNull();
    expect(pages[1]?.json.previous).toBe(
      `${sandbox.url}${LIST}?currency=${nth(0).currency}&limit=25`,
    );
  });

  it("builds next links from the request's Host header", async () => {
    const body = (await callWithHost(sandbox.url, `${LIST}?limit=5`, "billing.example:8443")) as {
      next: string;
    };
    expect(body.next).toBe(
      "http://billing.example:8443/billing/org/v1/erp-invoices?limit=5&offset=5",
    );
  });

  it.each([
    ["no limit", { query: "", want: 10 }],
    ["limit=3", { query: "?limit=3", want: 3 }],
    ["a limit above the maximum", { query: "?limit=1000", want: 100 }],
  ])("pages with %s", async (_name, { query, want }) => {
    const response = await call(sandbox.url, `${LIST}${query}`);
    expect(response.json.results).toHaveLength(want);
  });

  it("answers a list page that conforms to PaginatedErpInvoiceExternalList", async () => {
    const validate = gcoreSchemaValidator("PaginatedErpInvoiceExternalList");
    const response = await call(sandbox.url, `${LIST}?limit=100&offset=20`);
    expect(validate(response.json), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe("Gcore retrieve and download", () => {
  it("retrieves an invoice equal to its list entry", async () => {
    const response = await call(sandbox.url, `${LIST}/${nth(7).id}`);
    expect(response.status).toBe(200);
    expect(response.json).toEqual(nth(7));
  });

  it.each([["999999"], ["abc"]])("answers 404 for id %s", async (id) => {
    const response = await call(sandbox.url, `${LIST}/${id}`);
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ detail: "No ErpInvoice matches the given query." });
  });

  it("downloads a PDF naming the invoice, with a valid cross-reference offset", async () => {
    const response = await call(sandbox.url, `${LIST}/${nth(3).id}/download`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const text = response.bytes.toString("latin1");
    expect(text.startsWith("%PDF-1.4\n")).toBe(true);
    expect(text.endsWith("%%EOF\n")).toBe(true);
    expect(text).toContain(`(Invoice ${nth(3).name}) Tj`);
    const xref = Number(/startxref\n(\d+)/.exec(text)?.[1]);
    expect(text.slice(xref, xref + 4)).toBe("xref");
  });

  it("answers 404 for the download of an unknown id", async () => {
    expect((await call(sandbox.url, `${LIST}/999999/download`)).status).toBe(404);
  });
});

describe("SoftwareOne get-invoice", () => {
  it("retrieves an invoice that conforms to Invoice", async () => {
    const invoice = sandbox.softwareoneInvoices[2];
    const response = await call(sandbox.url, `${MPT}/${invoice?.id}`, MPT_AUTH);
    expect(response.status).toBe(200);
    expect(response.json).toEqual(invoice);
    const validate = softwareoneSchemaValidator("Invoice");
    expect(validate(response.json), JSON.stringify(validate.errors)).toBe(true);
  });

  it("applies an RQL select and reports what it omitted", async () => {
    const invoice = sandbox.softwareoneInvoices[0];
    const response = await call(
      sandbox.url,
      `${MPT}/${invoice?.id}?select=-lines,+price,-erpData.addresses`,
      MPT_AUTH,
    );
    expect(response.json.$meta).toEqual({ omitted: ["lines", "erpData.addresses"] });
    expect(response.json).not.toHaveProperty("lines");
    expect(response.json.price).toEqual(invoice?.price);
    const validate = softwareoneSchemaValidator("Invoice");
    expect(validate(response.json), JSON.stringify(validate.errors)).toBe(true);
  });

  it("answers 404 with RFC 9457 ProblemDetails as application/json, as the spec documents", async () => {
    const response = await call(sandbox.url, `${MPT}/INV-0000-0000-0000`, MPT_AUTH);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.json).toMatchObject({
      status: 404,
      title: "Not Found",
      instance: `${MPT}/INV-0000-0000-0000`,
    });
    const validate = softwareoneSchemaValidator("ProblemDetails");
    expect(validate(response.json)).toBe(true);
  });

  it("answers 400 for a malformed select", async () => {
    const response = await call(
      sandbox.url,
      `${MPT}/${sandbox.softwareoneInvoices[0]?.id}?select=eq(id,1)`,
      MPT_AUTH,
    );
    expect(response.status).toBe(400);
    expect(response.json.detail).toMatch(/invalid select term/);
  });
});

describe("server behaviour", () => {
  it.each([
    ["an unknown path", { path: "/nope", method: "GET", want: 404 }],
    ["POST on the Gcore list", { path: LIST, method: "POST", want: 405 }],
    ["DELETE on a SoftwareOne invoice", { path: `${MPT}/x`, method: "DELETE", want: 405 }],
  ])("answers %s", async (_name, { path, method, want }) => {
    expect((await call(sandbox.url, path, GCORE_AUTH, method)).status).toBe(want);
  });

  it("answers HEAD with headers and no body", async () => {
    const response = await call(sandbox.url, LIST, GCORE_AUTH, "HEAD");
    expect(response.status).toBe(200);
    expect(Number(response.headers.get("content-length"))).toBeGreaterThan(0);
    expect(response.bytes.length).toBe(0);
  });

  it.each([
    [
      "Gcore",
      { path: LIST, headers: GCORE_AUTH, body: { detail: expect.stringMatching(/throttled/) } },
    ],
    [
      "SoftwareOne",
      { path: `${MPT}/x`, headers: MPT_AUTH, body: expect.objectContaining({ status: 429 }) },
    ],
  ])(
    "answers every Nth %s request with 429 and Retry-After",
    async (_name, { path, headers, body }) => {
      const limited = await startSandbox({ rateLimit: { everyNth: 3, retryAfterSeconds: 2 } });
      try {
        const statuses: number[] = [];
        let refused: Awaited<ReturnType<typeof call>> | undefined;
        for (let i = 0; i < 4; i++) {
          const response = await call(limited.url, path, headers);
          statuses.push(response.status);
          if (response.status === 429) refused = response;
        }
        expect(statuses.map((s) => s === 429)).toEqual([false, false, true, false]);
        expect(refused?.headers.get("retry-after")).toBe("2");
        expect(refused?.json).toEqual(body);
      } finally {
        await limited.close();
      }
    },
  );

  it("serves one API when asked to, and 404s the other's paths", async () => {
    const gcoreOnly = await startSandbox({ api: "gcore-billing" });
    try {
      expect(Object.keys(gcoreOnly.urls)).toEqual(["gcore-billing"]);
      expect(gcoreOnly.softwareoneInvoices).toEqual([]);
      expect((await call(gcoreOnly.url, `${MPT}/x`, MPT_AUTH)).status).toBe(404);
      expect((await call(gcoreOnly.url, LIST)).status).toBe(200);
    } finally {
      await gcoreOnly.close();
    }
  });

  it("closes while a kept-alive connection is open, and then refuses connections", async () => {
    const closing = await startSandbox();
    expect((await call(closing.url, LIST)).status).toBe(200);
    await closing.close();
    await expect(fetch(`${closing.url}${LIST}`)).rejects.toThrow();
  });

  it("uses the credentials it is given", async () => {
    const custom = await startSandbox({ credentials: { gcoreApiKey: "k2" } });
    try {
      expect((await call(custom.url, LIST, { Authorization: "apikey k2" })).status).toBe(200);
      expect((await call(custom.url, LIST)).status).toBe(401);
      expect(custom.credentials.mptToken).toBe(sandbox.credentials.mptToken);
    } finally {
      await custom.close();
    }
  });
});
