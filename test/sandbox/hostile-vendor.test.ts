/**
 * The hostile stand-in sends what it claims (the tests and the bench rely on it): a gzip bomb that
 * really inflates to its size from a small wire size, an oversized body of its size, a truncated
 * body that really is cut, a port that really refuses.
 */
import http from "node:http";
import { createGunzip } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import {
  type HostileVendor,
  refusedPort,
  startHostileVendor,
} from "../../src/sandbox/hostile-vendor.js";

const started: HostileVendor[] = [];
afterAll(async () => {
  await Promise.all(started.map((v) => v.close()));
});

/** GET `url` with node:http (no fetch, no decoding): wire bytes, decoded bytes, and how it ended. */
function get(url: string): Promise<{ wire: number; decoded: number; ended: "end" | "error" }> {
  return new Promise((resolve) => {
    http.get(url, (response) => {
      let wire = 0;
      let decoded = 0;
      response.on("data", (chunk: Buffer) => {
        wire += chunk.length;
      });
      const gzip = response.headers["content-encoding"] === "gzip";
      const body = gzip ? response.pipe(createGunzip()) : response;
      body.on("data", (chunk: Buffer) => {
        decoded += chunk.length;
      });
      body.on("end", () => resolve({ wire, decoded, ended: "end" }));
      body.on("error", () => resolve({ wire, decoded, ended: "error" }));
      response.on("error", () => resolve({ wire, decoded, ended: "error" }));
      response.on("aborted", () => resolve({ wire, decoded, ended: "error" }));
    });
  });
}

describe("hostile vendor stand-in", () => {
  it("gzip-bomb inflates to exactly its size from under 1% of it on the wire", async () => {
    const vendor = await startHostileVendor({ fault: "gzip-bomb", bytes: 20_000_000 });
    started.push(vendor);
    const { wire, decoded, ended } = await get(vendor.url);
    expect(ended).toBe("end");
    expect(decoded).toBe(20_000_000);
    expect(wire).toBeLessThan(200_000);
  });

  it("oversized sends its size after the JSON opening", async () => {
    const vendor = await startHostileVendor({ fault: "oversized", bytes: 3_000_000 });
    started.push(vendor);
    const { decoded } = await get(vendor.url);
    expect(decoded).toBe(3_000_000 + '{"count":1,"results":["'.length);
  });

  it("truncated-body ends before its Content-Length", async () => {
    const vendor = await startHostileVendor({ fault: "truncated-body" });
    started.push(vendor);
    const { decoded, ended } = await get(vendor.url);
    expect(ended).toBe("error");
    expect(decoded).toBeLessThan(10_000);
  });

  it("refusedPort refuses", async () => {
    const port = await refusedPort();
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow("fetch failed");
  });
});
