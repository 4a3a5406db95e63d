import { describe, expect, it } from "vitest";
import { pacedTransport } from "../../../src/contract/targets/request-pacer.js";

describe("pacedTransport", () => {
  it.each([
    ["20 per second spaces 4 requests about 150 ms", { rate: 20, requests: 4, minMs: 140 }],
    ["Infinity does not pace", { rate: Number.POSITIVE_INFINITY, requests: 4, minMs: 0 }],
  ])("%s", async (_, { rate, requests, minMs }) => {
    const starts: number[] = [];
    const transport = pacedTransport(async () => {
      starts.push(performance.now());
      return new Response("ok");
    }, rate);
    await Promise.all(
      Array.from({ length: requests }, () => transport(new Request("http://127.0.0.1:1/"))),
    );
    const span = (starts.at(-1) ?? 0) - (starts[0] ?? 0);
    expect(starts).toHaveLength(requests);
    expect(span).toBeGreaterThanOrEqual(minMs);
    if (minMs === 0) expect(span).toBeLessThan(50);
  });

  it("rejects a rate that is not positive", () => {
    expect(() => pacedTransport(async () => new Response(""), 0)).toThrow(/positive/);
  });
});
