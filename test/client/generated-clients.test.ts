import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  type components,
  createGcoreBillingClient,
  apiIndex as gcoreApiIndex,
} from "../../generated/gcore-billing/index.js";
import {
  createSoftwareoneMarketplaceClient,
  apiIndex as softwareoneApiIndex,
} from "../../generated/softwareone-marketplace/index.js";
import type { ApiIndex } from "../../src/runtime/operation-index.js";
import { gcoreIndex, softwareoneIndex } from "../fixtures/client/api-indexes.js";
import { type RecordingServer, startRecordingServer } from "./recording-server.js";

const KEY = "gk_gen_Zx81Lq0Vb3";
const TOKEN = "idt:SWO-gen-Tk55Wq";

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

/** What the client reads from an index: routes, parameter styles and security. */
const shape = (index: ApiIndex) =>
  Object.values(index.operations).map(({ key, method, path, parameters, security }) => ({
    key,
    method,
    path,
    parameters,
    security,
  }));

describe("the generated factories", () => {
  it.each([
    ["gcore-billing", { fixture: gcoreIndex, real: gcoreApiIndex as ApiIndex }],
    [
      "softwareone-marketplace",
      { fixture: softwareoneIndex, real: softwareoneApiIndex as ApiIndex },
    ],
  ])("%s: the test fixture index says what the generated one says", (_api, { fixture, real }) => {
    expect(shape(fixture)).toEqual(shape(real));
  });

  it("Gcore: ordering as form/explode:false and the apikey header", async () => {
    const client = createGcoreBillingClient({ apiKey: KEY, baseUrl: server.origin });
    await client.GET("/billing/org/v1/erp-invoices", {
      params: { query: { ordering: ["-invoice_date", "id"], payment_state: "paid" } },
    });
    expect(server.requests.map((r) => [r.line, r.headers.authorization])).toEqual([
      [
        "GET /billing/org/v1/erp-invoices?ordering=-invoice_date,id&payment_state=paid HTTP/1.1",
        `apikey ${KEY}`,
      ],
    ]);
    expectTypeOf(client.paginate("/billing/org/v1/erp-invoices")).toEqualTypeOf<
      AsyncGenerator<components["schemas"]["ErpInvoiceExternal"], void, undefined>
    >();
    void (() =>
      client.GET("/billing/org/v1/erp-invoices", {
        // @ts-expect-error not a payment_state value
        params: { query: { payment_state: "unpaid" } },
      }));
  });

  it("SoftwareOne: select and the id percent-encoded, bearer token", async () => {
    const client = createSoftwareoneMarketplaceClient({ token: TOKEN, baseUrl: server.origin });
    await client.GET("/public/v1/billing/invoices/{id}", {
      params: { path: { id: "INV 1/2" }, query: { select: "-lines,+audit" } },
    });
    expect(server.requests.map((r) => [r.line, r.headers.authorization])).toEqual([
      [
        "GET /public/v1/billing/invoices/INV%201%2F2?select=-lines%2C%2Baudit HTTP/1.1",
        `Bearer ${TOKEN}`,
      ],
    ]);
  });
});
