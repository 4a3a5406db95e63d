/**
 * A loopback proxy in front of Prism that remembers deletes, so that a stateful sequence's last
 * step (retrieve after delete gives 404) can run against the mock. Prism is stateless: it answers
 * every retrieve from the document. The proxy watches the traffic it forwards: once a DELETE of a
 * path was answered 2xx, later requests to that exact path (any query) are forwarded with
 * `Prefer: code=404`, so Prism answers with the document's own 404 response (its example or
 * schema, checked like any response). When the document defines no 404 there, Prism cannot
 * answer one and the proxy answers a bare `404` problem+json itself, saying why.
 * Only the generated phase's sequences go through it; example-based cases talk to Prism directly.
 * @see https://docs.stoplight.io/docs/prism/beec2a3e1a1ce-request-validation (Prefer header)
 */
import { createServer, request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** A running proxy: its base URL (same path prefix as the upstream) and how to stop it. */
export interface DeleteMemoryProxy {
  readonly baseUrl: string;
  /** Paths whose DELETE was answered 2xx, in order (for the run's notes and tests). */
  readonly deleted: ReadonlySet<string>;
  close(): Promise<void>;
}

/** Upper bound on remembered paths: a run's sequences are bounded, this only guards the memory. */
const MAX_REMEMBERED = 10_000;
/** Time limit of one forwarded exchange (Prism is local: anything slower is a stuck mock). */
const UPSTREAM_TIMEOUT_MS = 60_000;

/** Start a proxy on 127.0.0.1 (free port) forwarding to `upstream` (Prism's base URL). */
export async function startDeleteMemoryProxy(upstream: string): Promise<DeleteMemoryProxy> {
  const target = new URL(upstream);
  const deleted = new Set<string>();
  const server = createServer((incoming, outgoing) => {
    const path = (incoming.url ?? "/").split("?")[0] ?? "/";
    const gone = deleted.has(path);
    const headers: Record<string, string | string[] | undefined> = {
      ...incoming.headers,
      host: target.host,
      ...(gone ? { prefer: "code=404" } : {}),
    };
    const forwarded = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers,
        timeout: UPSTREAM_TIMEOUT_MS,
      },
      (answer: IncomingMessage) => {
        const status = answer.statusCode ?? 502;
        if (gone && status !== 404) {
          // The document has no 404 to give for this path: say so instead of reviving the resource.
          answer.resume();
          const body = JSON.stringify({
            title: "Not Found",
            status: 404,
            detail: `${path} was deleted earlier in this run; the document defines no 404 response for it (api-contracts' mock remembers deletes)`,
          });
          outgoing.writeHead(404, {
            "content-type": "application/problem+json",
            "content-length": Buffer.byteLength(body),
          });
          outgoing.end(body);
          return;
        }
        if (
          incoming.method === "DELETE" &&
          status >= 200 &&
          status < 300 &&
          deleted.size < MAX_REMEMBERED
        )
          deleted.add(path);
        outgoing.writeHead(status, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on("timeout", () => forwarded.destroy(new Error("mock did not answer in time")));
    forwarded.on("error", () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((listening, failed) => {
    server.once("error", failed);
    server.listen(0, "127.0.0.1", () => listening());
  });
  const { port } = server.address() as AddressInfo;
  const base = new URL(upstream);
  base.host = `127.0.0.1:${port}`;
  return {
    baseUrl: base.href.replace(/\/$/, ""),
    deleted,
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
