/**
 * The client against vendors that misbehave like real HTTP servers (src/sandbox/hostile-vendor.ts,
 * real loopback sockets, no mocked fetch): each fault ends within the test's time limit with its
 * own named error, the cause kept, and no key in anything the error shows.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGcoreBillingClient } from "../../generated/gcore-billing/client.js";
import { createSoftwareoneMarketplaceClient } from "../../generated/softwareone-marketplace/client.js";
import {
  ClientOptionsError,
  ConnectionRefusedError,
  DnsLookupError,
  NetworkError,
  RedirectNotFollowedError,
  RequestTimeoutError,
  ResponseTooLargeError,
  ResponseTruncatedError,
  TlsError,
} from "../../src/runtime/client/client-errors.js";
import {
  type HostileFault,
  type HostileVendor,
  refusedPort,
  startHostileVendor,
} from "../../src/sandbox/hostile-vendor.js";
import { deepText } from "./deep-text.js";

const KEY = "gk_hostile_4Tz8Qw2Lx6";
const LIST = "/billing/org/v1/erp-invoices";
/** Small limits keep each case quick; the bench measures the full-size ones. */
const LIMITS = { maxResponseBytes: 1_000_000, timeoutMs: 700, retry: { attempts: 1 } };

const vendors: HostileVendor[] = [];
let plainHttp: http.Server;
let plainHttpPort: number;
let elsewhere: HostileVendor;
beforeAll(async () => {
  elsewhere = await startHostileVendor({ fault: "reject-key" });
  vendors.push(elsewhere);
  plainHttp = http.createServer((_request, response) => response.end("plain http"));
  await new Promise<void>((resolve) => plainHttp.listen(0, "127.0.0.1", resolve));
  plainHttpPort = (plainHttp.address() as AddressInfo).port;
});
afterAll(async () => {
  await Promise.all(vendors.map((v) => v.close()));
  plainHttp.closeAllConnections();
  await new Promise<void>((resolve) => plainHttp.close(() => resolve()));
});

async function vendor(fault: HostileFault): Promise<string> {
  const started = await startHostileVendor({ fault, redirectTo: elsewhere.url });
  vendors.push(started);
  return started.url;
}

/** What the call threw, after reading the whole body as a caller would. */
async function failureOf(baseUrl: string): Promise<unknown> {
  const client = createGcoreBillingClient({ apiKey: KEY, baseUrl, ...LIMITS });
  return client.GET(LIST).then(
    () => new Error("the call succeeded"),
    (error: unknown) => error,
  );
}

describe("each fault is one named error, in bounded time, without the key", () => {
  it.each<
    [string, { base: () => Promise<string>; want: new (...args: never[]) => Error; says: string }]
  >([
    [
      "a 2 GiB body",
      {
        base: () => vendor("oversized"),
        want: ResponseTooLargeError,
        says: "larger than maxResponseBytes (1000000 bytes, counted after decompression)",
      },
    ],
    [
      "a gzip bomb (2 MB inflating to 2 GiB)",
      {
        base: () => vendor("gzip-bomb"),
        want: ResponseTooLargeError,
        says: "counted after decompression",
      },
    ],
    [
      "a body that stalls after the headers",
      {
        base: () => vendor("stalled-body"),
        want: RequestTimeoutError,
        says: "the response body stalled and was not complete within 700 ms",
      },
    ],
    [
      "a body cut off by a destroyed socket",
      {
        base: () => vendor("truncated-body"),
        want: ResponseTruncatedError,
        says: "got a truncated response",
      },
    ],
    [
      "a redirect to another origin",
      {
        base: () => vendor("redirect"),
        want: RedirectNotFollowedError,
        says: "redirected to http://127.0.0.1:",
      },
    ],
    [
      "a refused connection",
      {
        base: async () => `http://127.0.0.1:${await refusedPort()}`,
        want: ConnectionRefusedError,
        says: "refused the connection; check the base URL's host and port",
      },
    ],
    [
      "https spoken to a plain-http port",
      {
        base: async () => `https://127.0.0.1:${plainHttpPort}`,
        want: TlsError,
        says: "failed the TLS handshake with 127.0.0.1:",
      },
    ],
    [
      "a host name that does not resolve",
      {
        base: async () => "http://vendor.api-contracts.invalid",
        want: DnsLookupError,
        says: "could not resolve the host name vendor.api-contracts.invalid",
      },
    ],
  ])("%s", { timeout: 15_000 }, async (_name, { base, want, says }) => {
    const error = await failureOf(await base());
    expect(error).toBeInstanceOf(want);
    const failure = error as Error & { api?: string; operation?: string };
    expect(failure.message).toContain(says);
    expect(failure.api).toBe("gcore-billing");
    expect(failure.operation).toBe("v1_erp_invoices_list");
    if (failure instanceof NetworkError) expect(failure.cause).toBeInstanceOf(Error);
    if (failure instanceof ResponseTooLargeError) expect(failure.limit).toBe(1_000_000);
    expect(deepText(error)).not.toContain(KEY);
  });

  it("the redirect's other origin is never contacted, so the key never leaves", async () => {
    const before = elsewhere.requests.length;
    await failureOf(await vendor("redirect"));
    expect(elsewhere.requests.length).toBe(before);
  });

  it("a large body within the limit is read whole", async () => {
    const server = await startHostileVendor({ fault: "gzip-bomb", bytes: 300_000 });
    vendors.push(server);
    const client = createGcoreBillingClient({ apiKey: KEY, baseUrl: server.url, ...LIMITS });
    const { response } = await client.GET(LIST, { parseAs: "arrayBuffer" });
    expect(response.status).toBe(200);
  });
});

describe("a client without its credential fails at creation, naming the option", () => {
  it.each([
    [
      "Gcore apiKey undefined (an unset environment variable)",
      () =>
        createGcoreBillingClient({ apiKey: process.env.API_CONTRACTS_UNSET_VARIABLE as string }),
      "gcore-billing client: apiKey is undefined",
    ],
    [
      "Gcore apiKey empty",
      () => createGcoreBillingClient({ apiKey: "" }),
      "gcore-billing client: apiKey is empty",
    ],
    [
      "SoftwareOne token undefined",
      () => createSoftwareoneMarketplaceClient({ token: undefined as unknown as string }),
      "softwareone-marketplace client: token is undefined",
    ],
    [
      "maxResponseBytes 0",
      () => createGcoreBillingClient({ apiKey: KEY, maxResponseBytes: 0 }),
      "maxResponseBytes must be a positive number of bytes",
    ],
  ])("%s", (_name, create, says) => {
    expect(create).toThrow(ClientOptionsError);
    expect(create).toThrow(says);
  });
});
