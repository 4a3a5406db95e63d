import { describe, expect, it } from "vitest";
import {
  redactHeaders,
  redactHeaderValue,
  redactSecrets,
  redactSecretsDeep,
  redactUrl,
} from "../../src/runtime/redact.js";

describe("redactHeaderValue", () => {
  it.each([
    ["Gcore apikey scheme", "Authorization", "apikey 1234$abcdef", "apikey ***"],
    ["SoftwareOne bearer", "authorization", "Bearer eyJhbGciOi.x.y", "Bearer ***"],
    ["a bare token", "Authorization", "1234$abcdef", "***"],
    ["cookies", "Cookie", "session=abc", "***"],
    ["x-api-key", "X-API-Key", "k", "***"],
    ["ordinary headers stay", "Accept", "application/json", "application/json"],
    ["extra names", "X-Vendor-Key", "secret", "***"],
  ])("%s", (_name, header, value, want) => {
    expect(redactHeaderValue(header, value, ["x-vendor-key"])).toBe(want);
  });
});

describe("redactHeaders", () => {
  it.each([
    [
      "Headers",
      new Headers({ Authorization: "apikey k1", Accept: "*/*" }),
      { authorization: "apikey ***", accept: "*/*" },
    ],
    [
      "entries",
      [
        ["Authorization", "Bearer t"],
        ["X-Id", "1"],
      ] as [string, string][],
      { Authorization: "Bearer ***", "X-Id": "1" },
    ],
    [
      "records with arrays and nulls",
      { "set-cookie": ["a=1", "b=2"], "x-n": 3, gone: null },
      { "set-cookie": "***, ***", "x-n": "3" },
    ],
  ])("%s", (_name, given, want) => {
    expect(redactHeaders(given)).toEqual(want);
  });
});

describe("redactSecrets", () => {
  it.each([
    ["plain", "key is k3y$ecret here", "key is *** here"],
    ["percent-encoded", "url?key=k3y%24ecret", "url?key=***"],
    ["every occurrence", "k3y$ecret k3y$ecret", "*** ***"],
  ])("%s", (_name, given, want) => {
    expect(redactSecrets(given, ["k3y$ecret"])).toBe(want);
  });

  it("short secrets are ignored rather than mangling text", () => {
    expect(redactSecrets("a b c", ["a"])).toBe("a b c");
  });

  it("redactSecretsDeep walks arrays, objects and keys", () => {
    expect(redactSecretsDeep({ a: ["x k3y$ecret"], k3y$ecret: { b: 1 } }, ["k3y$ecret"])).toEqual({
      a: ["x ***"],
      "***": { b: 1 },
    });
  });
});

describe("redactUrl", () => {
  it.each([
    [
      "query credential",
      "https://h/p?a=1&api_key=s3cr3t&b=2",
      ["api_key"],
      "https://h/p?a=1&api_key=***&b=2",
    ],
    ["userinfo", "https://user:pw@h/p", [], "https://h/p"],
    [
      "untouched encoding",
      "https://h/p?ordering=-id,name&select=%2Ba",
      ["k"],
      "https://h/p?ordering=-id,name&select=%2Ba",
    ],
    ["not a URL", "/relative?api_key=s", ["api_key"], "/relative?api_key=s"],
  ])("%s", (_name, url, names, want) => {
    expect(redactUrl(url, names)).toBe(want);
  });
});
