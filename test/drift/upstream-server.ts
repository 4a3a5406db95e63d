/** A local HTTP server standing in for the vendors' documentation hosts in drift and pull tests. */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

/** What the server answers for one path: a body (200), another status, or no answer at all. */
export type Route = string | { status: number } | "hang";

/** The captured upstream documents, by the file names source.json records. */
export const CAPTURED = {
  "billing_reseller_api.yaml": readFileSync(
    fileURLToPath(
      new URL("../../specs/gcore-billing/upstream/billing_reseller_api.yaml", import.meta.url),
    ),
    "utf8",
  ),
  "get-invoice.md": readFileSync(
    fileURLToPath(
      new URL("../../specs/softwareone-marketplace/upstream/get-invoice.md", import.meta.url),
    ),
    "utf8",
  ),
};

/** A server on 127.0.0.1, port 0; `routes` can be replaced between tests. */
export interface UpstreamServer {
  readonly baseUrl: string;
  routes: Record<string, Route>;
  close(): Promise<void>;
}

/** Start the server; close it in `afterAll`. */
export async function startUpstreamServer(): Promise<UpstreamServer> {
  const state: { routes: Record<string, Route> } = { routes: { ...CAPTURED } };
  const server: Server = createServer((request, response) => {
    const route = state.routes[decodeURIComponent((request.url ?? "/").slice(1))];
    if (route === "hang") return;
    if (route === undefined || typeof route !== "string") {
      response.writeHead(route?.status ?? 404).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(route);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    get routes() {
      return state.routes;
    },
    set routes(next) {
      state.routes = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Replace `from` with `to` in a captured text, failing loudly if `from` is not there. */
export function edited(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`test edit: '${from}' not found`);
  return text.replace(from, to);
}
