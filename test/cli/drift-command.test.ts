import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/drift-command.js";
import { UpstreamUnavailableError } from "../../src/drift/fetch-upstream.js";
import {
  CAPTURED,
  edited,
  type Route,
  startUpstreamServer,
  type UpstreamServer,
} from "../drift/upstream-server.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const GCORE = "billing_reseller_api.yaml";
const MPT = "get-invoice.md";
const VERSION = '"version": "2026-05-15T06:37:28.230198+00:00"';
const AMOUNT_TOTAL = '"amount_total": {"description": "Total amount with tax", "type": "string"';

let server: UpstreamServer;

/** A loopback URL on which nothing listens: a port just opened and closed again. */
async function closedPortUrl(): Promise<string> {
  const probe = await startUpstreamServer();
  await probe.close();
  return probe.baseUrl;
}
const limits = { timeoutMs: 1_000, maxBytes: 1024 * 1024 };

beforeAll(async () => {
  server = await startUpstreamServer();
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

/** Run `drift` against the local server with `routes` served; returns exit code and stdout. */
async function drift(
  routes: Record<string, Route>,
  args: string[] = [],
): Promise<{ code: number; out: string }> {
  server.routes = { ...CAPTURED, ...routes };
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const code = await run(["--from", server.baseUrl, ...args], root, limits);
  return { code, out };
}

describe("api-contracts drift against a local upstream", () => {
  it.each<
    [string, { routes: Record<string, Route>; args?: string[]; code: number; ids: string[] }]
  >([
    ["captured documents, unchanged", { routes: {}, code: 0, ids: [] }],
    [
      "Gcore regenerated: only info.version changed",
      {
        routes: {
          [GCORE]: edited(
            CAPTURED[GCORE],
            VERSION,
            '"version": "2026-05-16T06:00:00.000000+00:00"',
          ),
        },
        code: 0,
        ids: [],
      },
    ],
    [
      "Gcore changed an operation outside the vendored selection",
      {
        routes: {
          [GCORE]: edited(CAPTURED[GCORE], '"summary": "List Addendums"', '"summary": "Addendums"'),
        },
        code: 0,
        ids: [],
      },
    ],
    [
      "Gcore made amount_total nullable (breaking)",
      {
        routes: {
          [GCORE]: edited(CAPTURED[GCORE], AMOUNT_TOTAL, `${AMOUNT_TOTAL}, "nullable": true`),
        },
        code: 1,
        ids: ["response-property-became-nullable"],
      },
    ],
    [
      "SoftwareOne added an invoice status (warning, default --fail-on info)",
      {
        routes: {
          [MPT]: edited(
            CAPTURED[MPT],
            '"enum":["Issued","Paid","Overdue"]',
            '"enum":["Issued","Paid","Overdue","Void"]',
          ),
        },
        code: 1,
        ids: ["response-property-enum-value-added"],
      },
    ],
    [
      "SoftwareOne added an invoice status, --fail-on breaking",
      {
        routes: {
          [MPT]: edited(
            CAPTURED[MPT],
            '"enum":["Issued","Paid","Overdue"]',
            '"enum":["Issued","Paid","Overdue","Void"]',
          ),
        },
        args: ["--fail-on", "breaking"],
        code: 0,
        ids: ["response-property-enum-value-added"],
      },
    ],
  ])("%s", async (_name, { routes, args, code, ids }) => {
    const result = await drift(routes, [...(args ?? []), "--format", "json"]);
    expect(result.code).toBe(code);
    const report = JSON.parse(result.out);
    expect(report.apis.map((a: { api: string }) => a.api)).toEqual([
      "gcore-billing",
      "softwareone-marketplace",
    ]);
    const found = report.apis.flatMap((a: { changes: { id: string }[] }) =>
      a.changes.map((c) => c.id),
    );
    expect([...new Set(found)]).toEqual(ids);
  });

  it("prints markdown by default, ready for a pull-request comment, naming the change", async () => {
    const { code, out } = await drift(
      { [GCORE]: edited(CAPTURED[GCORE], AMOUNT_TOTAL, `${AMOUNT_TOTAL}, "nullable": true`) },
      ["gcore-billing"],
    );
    expect(code).toBe(1);
    expect(out).toMatch(
      /^### gcore-billing: upstream drift\n\n2 changes: 2 breaking, 0 warning, 0 info\./,
    );
    expect(out).toContain("#### `GET /billing/org/v1/erp-invoices/{id}`");
    expect(out).toContain(
      "| **breaking** | response property 'amount_total' (200 application/json) became nullable<br>`response-property-became-nullable` at `/components/schemas/ErpInvoiceExternal/properties/amount_total/nullable` | Handle null where a value used to be guaranteed. |",
    );
  });

  it("reads --from as a folder too", async () => {
    const folder = mkdtempSync(join(tmpdir(), "api-contracts-upstream-"));
    try {
      writeFileSync(join(folder, GCORE), CAPTURED[GCORE]);
      vi.spyOn(process.stdout, "write").mockImplementation(() => true);
      expect(await run(["gcore-billing", "--from", folder], root, limits)).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it.each<[string, { routes: Record<string, Route>; from?: string; message: RegExp }]>([
    [
      "a 404",
      {
        routes: { [GCORE]: { status: 404 } },
        message: /billing_reseller_api\.yaml: upstream answered 404 Not Found; not drift/,
      },
    ],
    [
      "a 503",
      {
        routes: { [MPT]: { status: 503 } },
        message: /get-invoice\.md: upstream answered 503 Service Unavailable/,
      },
    ],
    [
      "no answer within the timeout",
      {
        routes: { [GCORE]: "hang" },
        message: /billing_reseller_api\.yaml: no complete answer within 1000 ms; not drift/,
      },
    ],
    [
      "a body over the size cap",
      {
        routes: { [GCORE]: "x".repeat(limits.maxBytes + 1) },
        message: /larger than the 1048576-byte cap/,
      },
    ],
    [
      "nothing listening",
      {
        routes: {},
        from: "closed",
        message:
          /^http:\/\/127\.0\.0\.1:\d+\/billing_reseller_api\.yaml: upstream unreachable \(ECONNREFUSED\)/,
      },
    ],
  ])(
    "upstream failing with %s → exit 2 naming the URL",
    async (_name, { routes, from, message }) => {
      server.routes = { ...CAPTURED, ...routes };
      const base = from === "closed" ? await closedPortUrl() : server.baseUrl;
      const failure = await run(["--from", base], root, limits).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(UpstreamUnavailableError);
      expect((failure as UpstreamUnavailableError).exitCode).toBe(2);
      expect((failure as Error).message).toMatch(message);
    },
  );
});
