import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_FETCH_LIMITS,
  type FetchLimits,
  fetchUpstream,
} from "../../src/drift/fetch-upstream.js";

/** Two loopback hosts: `home` redirects, `other` is another origin that counts what it gets. */
let home: Server;
let other: Server;
let homeUrl: string;
let otherUrl: string;
let otherHits = 0;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  other = createServer((_, response) => {
    otherHits++;
    response.writeHead(200).end("openapi: 3.1.0 # elsewhere\n");
  });
  otherUrl = await listen(other);
  home = createServer((request, response) => {
    const routes: Record<string, () => void> = {
      "/doc.yaml": () => response.writeHead(200).end("openapi: 3.1.0\n"),
      "/moved.yaml": () => response.writeHead(301, { location: "/doc.yaml" }).end(),
      "/away.yaml": () => response.writeHead(302, { location: `${otherUrl}/doc.yaml` }).end(),
      "/loop.yaml": () => response.writeHead(302, { location: "/loop.yaml" }).end(),
    };
    (routes[request.url ?? ""] ?? (() => response.writeHead(404).end()))();
  });
  homeUrl = await listen(home);
});

afterAll(async () => {
  for (const server of [home, other]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const SAME_ORIGIN: FetchLimits = {
  ...DEFAULT_FETCH_LIMITS,
  timeoutMs: 5_000,
  redirects: "same-origin",
};

describe("fetchUpstream redirects", () => {
  it.each([
    [
      "same-origin: a redirect on the same origin is followed",
      { given: { path: "/moved.yaml", limits: SAME_ORIGIN }, want: "openapi: 3.1.0\n" },
    ],
    [
      "follow (drift's default): another origin is followed as before",
      {
        given: { path: "/away.yaml", limits: { ...DEFAULT_FETCH_LIMITS, timeoutMs: 5_000 } },
        want: "openapi: 3.1.0 # elsewhere\n",
      },
    ],
  ])("%s", async (_, { given, want }) => {
    const bytes = await fetchUpstream(`${homeUrl}${given.path}`, given.limits);
    expect(Buffer.from(bytes).toString("utf8")).toBe(want);
  });

  it.each([
    [
      "a redirect to another origin, never contacted",
      {
        given: "/away.yaml",
        want: /redirected to http:\/\/127\.0\.0\.1:\d+\/doc\.yaml; not followed \(another origin\)/,
      },
    ],
    ["a redirect loop, bounded", { given: "/loop.yaml", want: /more than 5 redirects/ }],
  ])("same-origin refuses %s (exit 2)", async (_, { given, want }) => {
    const before = otherHits;
    const error = await fetchUpstream(`${homeUrl}${given}`, SAME_ORIGIN).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "UpstreamUnavailableError", exitCode: 2 });
    expect((error as Error).message).toMatch(want);
    expect(otherHits).toBe(before);
  });
});
