import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DeleteMemoryProxy,
  startDeleteMemoryProxy,
} from "../../../src/contract/targets/delete-memory-proxy.js";

/**
 * A stand-in for Prism on loopback: DELETE answers 204 (or 500 under /broken), GET 200; with
 * `Prefer: code=404` it answers 404 where the "document" has one (/things) and 200 elsewhere, as
 * Prism does when no 404 is defined it cannot pick.
 */
let upstream: Server;
let upstreamUrl: string;
const seen: { method: string; url: string; prefer: string | undefined }[] = [];
let proxy: DeleteMemoryProxy;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const prefer = req.headers.prefer as string | undefined;
    seen.push({ method: req.method ?? "", url: req.url ?? "", prefer });
    if (req.method === "DELETE") {
      res.writeHead(req.url?.startsWith("/broken") ? 500 : 204);
      res.end();
      return;
    }
    if (prefer === "code=404" && req.url?.startsWith("/things")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end('{"detail":"from the document"}');
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"id":"t1"}');
  });
  await new Promise<void>((done) => upstream.listen(0, "127.0.0.1", done));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  proxy = await startDeleteMemoryProxy(upstreamUrl);
});

afterAll(async () => {
  await proxy?.close();
  await new Promise<void>((done) => upstream.close(() => done()));
});

const call = async (method: string, path: string) => {
  const response = await fetch(`${proxy.baseUrl}${path}`, { method });
  return { status: response.status, body: await response.text() };
};

describe("startDeleteMemoryProxy", () => {
  it("binds loopback and forwards requests unchanged before any delete", async () => {
    expect(proxy.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await call("GET", "/things/a?x=1")).toEqual({ status: 200, body: '{"id":"t1"}' });
    expect(seen.at(-1)).toEqual({ method: "GET", url: "/things/a?x=1", prefer: undefined });
  });

  it.each([
    [
      "a path deleted with 2xx gets the document's own 404 (Prefer: code=404 to the mock)",
      { path: "/things/b", want: { status: 404, body: '{"detail":"from the document"}' } },
    ],
    [
      "a path with no 404 in the document gets the proxy's 404, saying why",
      { path: "/other/c", want: { status: 404, body: expect.stringContaining("defines no 404") } },
    ],
  ])("%s", async (_name, { path, want }) => {
    expect((await call("DELETE", path)).status).toBe(204);
    expect(proxy.deleted.has(path)).toBe(true);
    expect(await call("GET", `${path}?any=query`)).toEqual(want);
    expect(seen.at(-1)?.prefer).toBe("code=404");
  });

  it("forgets nothing it was not told: a failed DELETE or another path stays alive", async () => {
    expect((await call("DELETE", "/broken/d")).status).toBe(500);
    expect(proxy.deleted.has("/broken/d")).toBe(false);
    expect((await call("GET", "/broken/d")).status).toBe(200);
    expect((await call("GET", "/things/b2")).status).toBe(200);
    expect(seen.at(-1)?.prefer).toBeUndefined();
  });
});
