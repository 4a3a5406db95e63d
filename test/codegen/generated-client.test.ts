import { describe, expect, it } from "vitest";
import { createGcoreBillingClient } from "../../generated/gcore-billing/index.js";
import { apiIds, apiModules } from "../../generated/index.js";
import { createSoftwareoneMarketplaceClient } from "../../generated/softwareone-marketplace/index.js";

/** A fetch that records the request and answers 200 with `body`. */
function recordingFetch(body: unknown): {
  fetch: (request: Request) => Promise<Response>;
  seen: Request[];
} {
  const seen: Request[] = [];
  return {
    seen,
    fetch: async (request) => {
      seen.push(request);
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    },
  };
}

describe("generated client factories", () => {
  it.each([
    [
      "gcore-billing: apikey scheme, spec server",
      {
        call: async (fetch: (request: Request) => Promise<Response>) =>
          createGcoreBillingClient({ apiKey: "k-123", fetch }).GET(
            "/billing/org/v1/erp-invoices/{id}",
            {
              params: { path: { id: 7 } },
            },
          ),
        want: {
          url: "https://api.gcore.com/billing/org/v1/erp-invoices/7",
          authorization: "apikey k-123",
        },
      },
    ],
    [
      "softwareone-marketplace: bearer scheme, spec server",
      {
        call: async (fetch: (request: Request) => Promise<Response>) =>
          createSoftwareoneMarketplaceClient({ token: "t-456", fetch }).GET(
            "/public/v1/billing/invoices/{id}",
            {
              params: { path: { id: "INV-1" } },
            },
          ),
        want: {
          url: "https://api.platform.softwareone.com/public/v1/billing/invoices/INV-1",
          authorization: "Bearer t-456",
        },
      },
    ],
  ])("%s", async (_name, { call, want }) => {
    const { fetch, seen } = recordingFetch({});
    await call(fetch);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe(want.url);
    expect(seen[0]?.headers.get("authorization")).toBe(want.authorization);
  });
});

describe("generated registry", () => {
  it("lists every API in specs/ with a loader of its module", async () => {
    expect(apiIds).toEqual(["gcore-billing", "softwareone-marketplace"]);
    const gcore = await apiModules["gcore-billing"]();
    expect(gcore.apiIndex.api).toBe("gcore-billing");
    expect(Object.keys(gcore.apiIndex.operations)).toEqual([
      "v1_erp_invoices_list",
      "v1_erp_invoices_retrieve",
      "v1_erp_invoices_download_retrieve",
    ]);
  });
});
