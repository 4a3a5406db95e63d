import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAmount } from "../../src/sandbox/decimal-amount.js";
import { GCORE_PAYMENT_STATES } from "../../src/sandbox/gcore-invoices.js";
import {
  isSandboxScenario,
  SANDBOX_SCENARIOS,
  type SandboxScenario,
} from "../../src/sandbox/sandbox-scenarios.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/sandbox-server.js";
import { call, MPT_AUTH } from "./sandbox-http.js";
import { gcoreSchemaValidator, softwareoneSchemaValidator } from "./spec-schemas.js";

const LIST = "/billing/org/v1/erp-invoices";
const MPT = "/public/v1/billing/invoices";
const AMOUNT = /^\d{1,3}\.\d{12}$/;

/** For each scenario, a probe that sees its defect through HTTP, as a contract check would. */
const probes: Record<SandboxScenario, (sandbox: Sandbox) => Promise<boolean>> = {
  "amount-overflow": async (sandbox) => {
    const page = await call(sandbox.url, LIST);
    return page.json.results.some(
      (invoice: Record<string, string>) =>
        !AMOUNT.test(invoice.amount_total ?? "") &&
        // The drift breaks the pattern only: the money still adds up.
        parseAmount(invoice.amount_untaxed ?? "") + parseAmount(invoice.amount_tax ?? "") ===
          parseAmount(invoice.amount_total ?? ""),
    );
  },
  "undocumented-enum": async (sandbox) => {
    const page = await call(sandbox.url, LIST);
    const invoice = await call(
      sandbox.url,
      `${MPT}/${sandbox.softwareoneInvoices[0]?.id}`,
      MPT_AUTH,
    );
    return (
      page.json.results.some(
        (item: { payment_state: string }) =>
          !(GCORE_PAYMENT_STATES as readonly string[]).includes(item.payment_state),
      ) && !["Issued", "Paid", "Overdue"].includes(invoice.json.status)
    );
  },
  "dropped-required-field": async (sandbox) => {
    const page = await call(sandbox.url, LIST);
    const invoice = await call(
      sandbox.url,
      `${MPT}/${sandbox.softwareoneInvoices[0]?.id}`,
      MPT_AUTH,
    );
    return (
      page.json.results.some((item: object) => !("payer_id" in item)) &&
      !("status" in invoice.json.client)
    );
  },
  "ignored-filter": async (sandbox) => {
    const page = await call(sandbox.url, `${LIST}?payment_state=paid&limit=100`);
    return page.json.results.some(
      (item: { payment_state: string }) => item.payment_state !== "paid",
    );
  },
  "repeated-item": async (sandbox) => {
    const first = await call(sandbox.url, `${LIST}?limit=10`);
    const second = await call(first.json.next, "");
    const seen = new Set(first.json.results.map((item: { id: number }) => item.id));
    return second.json.results.some((item: { id: number }) => seen.has(item.id));
  },
  "undocumented-500": async (sandbox) => {
    const list = await call(sandbox.url, LIST);
    const retrieve = await call(sandbox.url, `${LIST}/${list.json.results[0].id}`);
    const mpt = await call(sandbox.url, `${MPT}/${sandbox.softwareoneInvoices[0]?.id}`, MPT_AUTH);
    return list.status === 200 && retrieve.status === 500 && mpt.status === 500;
  },
};

const scenarios = Object.keys(SANDBOX_SCENARIOS) as SandboxScenario[];
let faithful: Sandbox;
beforeAll(async () => {
  faithful = await startSandbox();
});
afterAll(async () => {
  await faithful.close();
});

describe("drift scenarios", () => {
  it.each(scenarios)("%s produces its defect", async (scenario) => {
    const sandbox = await startSandbox({ scenario });
    try {
      expect(await probes[scenario](sandbox)).toBe(true);
    } finally {
      await sandbox.close();
    }
  });

  it.each(scenarios)("the faithful sandbox shows no %s defect", async (scenario) => {
    expect(await probes[scenario](faithful)).toBe(false);
  });

  it.each([
    ["amount-overflow", "/results/0/amount_total", "pattern"],
    ["undocumented-enum", "/results/0/payment_state", "enum"],
    ["dropped-required-field", "/results/0", "required"],
  ] as const)(
    "%s makes the first list page fail the schema at %s (%s)",
    async (scenario, pointer, keyword) => {
      const sandbox = await startSandbox({ scenario });
      try {
        const validate = gcoreSchemaValidator("PaginatedErpInvoiceExternalList");
        expect(validate((await call(sandbox.url, LIST)).json)).toBe(false);
        expect(validate.errors).toContainEqual(
          expect.objectContaining({ instancePath: pointer, keyword }),
        );
      } finally {
        await sandbox.close();
      }
    },
  );

  it("dropped-required-field makes a SoftwareOne invoice fail AccountRef's required status", async () => {
    const sandbox = await startSandbox({ scenario: "dropped-required-field" });
    try {
      const validate = softwareoneSchemaValidator("Invoice");
      const response = await call(
        sandbox.url,
        `${MPT}/${sandbox.softwareoneInvoices[0]?.id}`,
        MPT_AUTH,
      );
      expect(validate(response.json)).toBe(false);
      expect(validate.errors).toContainEqual(
        expect.objectContaining({
          instancePath: "/client",
          keyword: "required",
          params: { missingProperty: "status" },
        }),
      );
    } finally {
      await sandbox.close();
    }
  });

  it.each([
    ["amount-overflow", true],
    ["Amount-Overflow", false],
    ["toString", false],
  ])("recognises %s as a scenario name: %s", (name, want) => {
    expect(isSandboxScenario(name)).toBe(want);
  });
});
