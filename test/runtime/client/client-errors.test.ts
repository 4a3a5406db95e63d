import { describe, expect, it } from "vitest";
import {
  ConnectionRefusedError,
  ConnectionResetError,
  classifyFailure,
  DnsLookupError,
  hostAndPort,
  NetworkError,
  type NetworkFailure,
  networkErrorFor,
  ResponseTruncatedError,
  TlsError,
} from "../../../src/runtime/client/client-errors.js";

/** fetch's shape: `TypeError("fetch failed")` whose cause carries the socket's code. */
function fetchFailure(code: string | undefined, nested = false): TypeError {
  const socket = Object.assign(new Error(`socket: ${code}`), code ? { code } : {});
  const cause = nested ? new AggregateError([socket], "all addresses failed") : socket;
  return new TypeError("fetch failed", { cause });
}

describe("classifyFailure: the error codes fetch and Node set", () => {
  it.each<[string, { given: unknown; want: NetworkFailure }]>([
    ["ECONNREFUSED", { given: fetchFailure("ECONNREFUSED"), want: "refused" }],
    ["refused on every address", { given: fetchFailure("ECONNREFUSED", true), want: "refused" }],
    ["ENOTFOUND", { given: fetchFailure("ENOTFOUND"), want: "dns" }],
    ["EAI_AGAIN", { given: fetchFailure("EAI_AGAIN"), want: "dns" }],
    ["a certificate", { given: fetchFailure("DEPTH_ZERO_SELF_SIGNED_CERT"), want: "tls" }],
    ["https to http", { given: fetchFailure("ERR_SSL_WRONG_VERSION_NUMBER"), want: "tls" }],
    ["ECONNRESET", { given: fetchFailure("ECONNRESET"), want: "reset" }],
    ["undici's other side closed", { given: fetchFailure("UND_ERR_SOCKET"), want: "reset" }],
    ["no code", { given: fetchFailure(undefined), want: "other" }],
    ["not an error", { given: "boom", want: "other" }],
  ])("%s", (_name, { given, want }) => {
    expect(classifyFailure(given)).toBe(want);
  });
});

describe("networkErrorFor: one named class per failure, cause kept, secrets redacted", () => {
  const context = {
    api: "gcore-billing",
    operation: "v1_erp_invoices_list",
    method: "GET",
    url: "https://api.gcore.com/billing",
    attempts: 3,
    redact: (text: string) => text.replaceAll("s3cr3t-key", "***"),
  };
  it.each<[string, { cause: unknown; during?: "body"; want: new (...a: never[]) => NetworkError }]>(
    [
      ["refused", { cause: fetchFailure("ECONNREFUSED"), want: ConnectionRefusedError }],
      ["dns", { cause: fetchFailure("ENOTFOUND"), want: DnsLookupError }],
      ["tls", { cause: fetchFailure("CERT_HAS_EXPIRED"), want: TlsError }],
      ["reset", { cause: fetchFailure("ECONNRESET"), want: ConnectionResetError }],
      [
        "lost while reading the body",
        { cause: new TypeError("terminated"), during: "body", want: ResponseTruncatedError },
      ],
      ["anything else", { cause: fetchFailure(undefined), want: NetworkError }],
    ],
  )("%s", (_name, { cause, during, want }) => {
    const error = networkErrorFor(cause, context, during);
    expect(error).toBeInstanceOf(want);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.cause).toBe(cause);
    expect(error.name).toBe(want.name);
    expect([error.host, error.port]).toEqual(["api.gcore.com", "443"]);
    expect(error.message).toContain("after 3 attempts");
  });

  it("the reason is redacted", () => {
    const cause = new TypeError("fetch failed", { cause: new Error("bad header s3cr3t-key") });
    expect(networkErrorFor(cause, context).message).not.toContain("s3cr3t-key");
  });
});

describe("hostAndPort", () => {
  it.each([
    ["http://127.0.0.1:8080/x", { host: "127.0.0.1", port: "8080" }],
    ["https://api.gcore.com/", { host: "api.gcore.com", port: "443" }],
    ["http://example.com", { host: "example.com", port: "80" }],
  ])("%s", (url, want) => {
    expect(hostAndPort(url)).toEqual(want);
  });
});
