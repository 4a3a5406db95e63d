import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type GcoreErpInvoice, generateGcoreInvoices } from "./gcore-invoices.js";
import { createGcoreRoutes } from "./gcore-routes.js";
import { replyBytes, replyJson, type SandboxRequest } from "./http-reply.js";
import { createRateLimiter, type RateLimitOptions } from "./rate-limiter.js";
import {
  applyGcoreScenario,
  applySoftwareoneScenario,
  type SandboxScenario,
} from "./sandbox-scenarios.js";
import { createSeededDefectRoutes, type SeededDefects } from "./seeded-defects.js";
import { generateSoftwareoneInvoices, type SoftwareoneInvoice } from "./softwareone-invoices.js";
import { createSoftwareoneRoutes } from "./softwareone-routes.js";

/** The APIs the sandbox simulates, by API id. */
export type SandboxApi = "gcore-billing" | "softwareone-marketplace";

/** Credentials the sandbox accepts. They are the sandbox's own fakes, not secrets. */
export interface SandboxCredentials {
  /** Sent as `Authorization: apikey <gcoreApiKey>`. */
  gcoreApiKey: string;
  /** Sent as `Authorization: Bearer <mptToken>`. */
  mptToken: string;
}

/** Default sandbox credentials: fixed fakes, safe to print. */
export const SANDBOX_CREDENTIALS: Readonly<SandboxCredentials> = {
  gcoreApiKey: "sandbox-gcore-api-key",
  mptToken: "sandbox-mpt-token",
};

/** One served request, for an access log. Headers are never included (they carry credentials). */
export interface SandboxRequestLog {
  api: SandboxApi | undefined;
  method: string;
  /** Path and query string. */
  target: string;
  status: number;
}

/** How to start a sandbox; every field has a default. */
export interface SandboxOptions {
  /** Which API(s) to serve; both by default (their paths are disjoint, so one server serves both). */
  api?: SandboxApi | "both";
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** A drift scenario; none means faithful to the specs. */
  scenario?: SandboxScenario;
  /** Seed of the generated data (default 1). */
  seed?: number;
  credentials?: Partial<SandboxCredentials>;
  /** Answer some requests with 429 and `Retry-After`; counted per API. */
  rateLimit?: RateLimitOptions;
  /** How many invoices to generate (defaults: 137 Gcore, 12 SoftwareOne). */
  invoiceCounts?: { gcore?: number; softwareone?: number };
  /** Called after each response. */
  onRequest?: (entry: SandboxRequestLog) => void;
  /** Tests only: also serve the lab API (seeded-defects.ts) with these defects. Off by default. */
  seededDefects?: SeededDefects;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  readonly url: string;
  /** Base URL per served API (all the same server). */
  readonly urls: Readonly<Partial<Record<SandboxApi, string>>>;
  readonly credentials: Readonly<SandboxCredentials>;
  readonly scenario: SandboxScenario | undefined;
  readonly seed: number;
  /** The Gcore invoices as served (after the scenario's drift), in id order. */
  readonly gcoreInvoices: readonly GcoreErpInvoice[];
  /** The SoftwareOne invoices as served; their ids stand in for `MPT_INVOICE_IDS`. */
  readonly softwareoneInvoices: readonly SoftwareoneInvoice[];
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts the in-memory vendor-API simulator on loopback: seeded, deterministic data that conforms to the
 * vendored specs, with auth, filters, ordering, pagination, 404s, optional 429s and drift scenarios.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const api = options.api ?? "both";
  const seed = options.seed ?? 1;
  const credentials = { ...SANDBOX_CREDENTIALS, ...options.credentials };
  const serves = (id: SandboxApi): boolean => api === "both" || api === id;
  const gcoreInvoices = serves("gcore-billing")
    ? applyGcoreScenario(
        generateGcoreInvoices(seed, options.invoiceCounts?.gcore ?? 137),
        options.scenario,
      )
    : [];
  const softwareoneInvoices = serves("softwareone-marketplace")
    ? applySoftwareoneScenario(
        generateSoftwareoneInvoices(seed, options.invoiceCounts?.softwareone ?? 12),
        options.scenario,
      )
    : [];
  const routes: [SandboxApi, (call: SandboxRequest) => boolean][] = [];
  if (serves("gcore-billing")) {
    routes.push([
      "gcore-billing",
      createGcoreRoutes({
        invoices: gcoreInvoices,
        apiKey: credentials.gcoreApiKey,
        scenario: options.scenario,
        rateLimiter: createRateLimiter(options.rateLimit),
      }),
    ]);
  }
  if (serves("softwareone-marketplace")) {
    routes.push([
      "softwareone-marketplace",
      createSoftwareoneRoutes({
        invoices: softwareoneInvoices,
        token: credentials.mptToken,
        scenario: options.scenario,
        rateLimiter: createRateLimiter(options.rateLimit),
      }),
    ]);
  }

  const labRoutes = options.seededDefects && createSeededDefectRoutes(options.seededDefects);
  const host = options.host ?? "127.0.0.1";
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let handledBy: SandboxApi | undefined;
    response.on("finish", () =>
      options.onRequest?.({
        api: handledBy,
        method: request.method ?? "GET",
        target: request.url ?? "/",
        status: response.statusCode,
      }),
    );
    let url: URL;
    try {
      // The Host header, not the bound address, so absolute links match what the client called.
      url = new URL(request.url ?? "/", `http://${request.headers.host ?? host}`);
    } catch {
      replyBytes(response, 400, Buffer.from("bad request target or Host header"), "text/plain");
      return;
    }
    try {
      if (labRoutes?.({ request, response, url })) return;
      for (const [id, route] of routes) {
        if (route({ request, response, url })) {
          handledBy = id;
          return;
        }
      }
      replyJson(response, 404, { detail: "Not found." });
    } catch (error) {
      // A sandbox bug must not crash the process hosting the test suite; answer it visibly instead.
      if (!response.headersSent) {
        replyBytes(
          response,
          500,
          Buffer.from(`sandbox error: ${(error as Error).message}`),
          "text/plain",
        );
      }
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    urls: Object.fromEntries(routes.map(([id]) => [id, url])),
    credentials,
    scenario: options.scenario,
    seed,
    gcoreInvoices,
    softwareoneInvoices,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
