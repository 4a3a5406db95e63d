import { describe, expect, it } from "vitest";
import {
  impliedSecrets,
  redactJsonPointers,
  redactRecordedText,
} from "../../src/runtime/redact.js";

const KEY = "Sk_live/4+Zq=9&x!y~(42)";
const b64 = (text: string) => Buffer.from(text).toString("base64");

describe("redactRecordedText", () => {
  it.each([
    ["as sent", `key ${KEY} end`],
    ["URL-encoded", `?k=${encodeURIComponent(KEY)}&x=1`],
    ["form-encoded", `k=${new URLSearchParams({ k: KEY }).toString().slice(2)}`],
    [
      "strict RFC 3986",
      encodeURIComponent(KEY).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    ],
    ["lower-case hex", encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
    ["twice URL-encoded", encodeURIComponent(encodeURIComponent(KEY))],
    ["JSON-escaped", JSON.stringify({ k: KEY })],
    ["base64", b64(KEY)],
    ["base64url", Buffer.from(KEY).toString("base64url")],
    ["Basic user:key", `Authorization: Basic ${b64(`user:${KEY}`)}`],
    ["Basic at another alignment", `Basic ${b64(`ab:${KEY}`)}`],
    ["base64 of user:key URL-encoded", `?auth=${encodeURIComponent(b64(`u:${KEY}`))}`],
    [
      "inside a next URL",
      JSON.stringify({ next: `https://h/x?apikey=${encodeURIComponent(KEY)}&offset=5` }),
    ],
  ])("removes the key %s", (_name, text) => {
    const out = redactRecordedText(text, [KEY]);
    for (const form of [KEY, encodeURIComponent(KEY), b64(KEY), b64(`user:${KEY}`)]) {
      expect(out).not.toContain(form);
    }
    expect(out).toContain("***");
  });

  it.each([
    ["ordinary text", "GET /billing/org/v1/erp-invoices?limit=10"],
    ["an unrelated base64 run", b64("nothing secret here at all")],
  ])("leaves %s alone", (_name, text) => {
    expect(redactRecordedText(text, [KEY])).toBe(text);
  });

  it("catches the password of a Basic token echoed alone", () => {
    const token = b64("robot:hunter2-pass");
    expect(impliedSecrets(token)).toEqual([token, "robot:hunter2-pass", "hunter2-pass"]);
    expect(redactRecordedText('{"error":"bad password hunter2-pass"}', [token])).toBe(
      '{"error":"bad password ***"}',
    );
  });
});

describe("redactJsonPointers", () => {
  it.each([
    ["a field", { a: { b: 1, c: 2 } }, ["/a/b"], { a: { b: "***", c: 2 } }, ["/a/b"]],
    [
      "every item",
      { r: [{ e: "x" }, { e: "y" }, {}] },
      ["/r/*/e"],
      { r: [{ e: "***" }, { e: "***" }, {}] },
      ["/r/0/e", "/r/1/e"],
    ],
    [
      "escaped tokens",
      { "a/b": { "~c": 1 } },
      ["/a~1b/~0c"],
      { "a/b": { "~c": "***" } },
      ["/a~1b/~0c"],
    ],
    ["a missing path", { a: 1 }, ["/b/c"], { a: 1 }, []],
  ])("blanks %s", (_name, given, pointers, want, redacted) => {
    const out = redactJsonPointers(given, pointers);
    expect(out.value).toEqual(want);
    expect(out.redacted).toEqual(redacted);
  });
});
