/**
 * A vendor stand-in that misbehaves the way real HTTP servers do, on 127.0.0.1, for the tests and
 * the bench of the client's and the contract run's bounds: every request gets the same fault.
 * Large bodies are generated as they are sent (with backpressure), never held in memory: the gzip
 * bomb streams zeros through zlib, so 2 GiB of output costs about 2 MB on the wire and nothing on
 * the heap. Its credentials are not secrets.
 */
import { once } from "node:events";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

/** What the stand-in does to every request. */
export type HostileFault =
  /** 200 JSON whose body never ends before `bytes` (no Content-Length: it streams). */
  | "oversized"
  /** 200 JSON, `Content-Encoding: gzip`, inflating to `bytes` of zeros. */
  | "gzip-bomb"
  /** Headers and the start of a body, then silence (the socket stays open). */
  | "stalled-body"
  /** Content-Length 10,000, 100 bytes, then the socket is destroyed. */
  | "truncated-body"
  /** 302 to `redirectTo` (another origin). */
  | "redirect"
  /** 401 ProblemDetails, whatever the credential. */
  | "reject-key";

/** Options of {@link startHostileVendor}. */
export interface HostileVendorOptions {
  readonly fault: HostileFault;
  /** Body size of `oversized` and `gzip-bomb` (after inflation). Default 2 GiB. */
  readonly bytes?: number;
  /** Where `redirect` points. */
  readonly redirectTo?: string;
}

/** A running stand-in. */
export interface HostileVendor {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Requests received, with the Authorization header each carried. */
  readonly requests: { readonly path: string; readonly authorization: string | undefined }[];
  close(): Promise<void>;
}

/** Default body size of the large faults: 2 GiB. */
export const HOSTILE_BYTES = 2 * 1024 ** 3;

const CHUNK = 64 * 1024;

/** `bytes` of `fill`, produced 64 KiB at a time as the consumer reads. */
function generated(bytes: number, fill: Buffer): Readable {
  let left = bytes;
  return new Readable({
    read() {
      if (left <= 0) {
        this.push(null);
        return;
      }
      const size = Math.min(CHUNK, left);
      left -= size;
      this.push(size === CHUNK ? fill : fill.subarray(0, size));
    },
  });
}

async function serve(
  options: HostileVendorOptions,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const bytes = options.bytes ?? HOSTILE_BYTES;
  switch (options.fault) {
    case "oversized": {
      response.writeHead(200, { "content-type": "application/json" });
      // A JSON string that never closes: only a size cap ends it.
      response.write('{"count":1,"results":["');
      await pipeline(generated(bytes, Buffer.alloc(CHUNK, "a")), response);
      return;
    }
    case "gzip-bomb": {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      await pipeline(generated(bytes, Buffer.alloc(CHUNK, 0)), createGzip({ level: 9 }), response);
      return;
    }
    case "stalled-body": {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"count":1,"results":[');
      return; // and nothing more, until the client gives up or the server closes
    }
    case "truncated-body": {
      response.writeHead(200, { "content-type": "application/json", "content-length": "10000" });
      response.write(`{"count":1,"results":[${" ".repeat(78)}`);
      setTimeout(() => request.socket.destroy(), 20);
      return;
    }
    case "redirect": {
      const target = new URL(request.url ?? "/", options.redirectTo ?? "http://other.invalid");
      response.writeHead(302, { location: target.href, "content-length": "0" });
      response.end();
      return;
    }
    case "reject-key": {
      const body = JSON.stringify({ title: "Unauthorized", status: 401, detail: "invalid key" });
      response.writeHead(401, {
        "content-type": "application/problem+json",
        "content-length": Buffer.byteLength(body),
      });
      response.end(body);
      return;
    }
  }
}

/** Start the stand-in on a free 127.0.0.1 port. */
export async function startHostileVendor(options: HostileVendorOptions): Promise<HostileVendor> {
  const requests: { path: string; authorization: string | undefined }[] = [];
  const server = http.createServer((request, response) => {
    requests.push({ path: request.url ?? "", authorization: request.headers.authorization });
    request.resume();
    // A client that stops reading (a size cap, a timeout) ends the pipeline with an error: expected.
    serve(options, request, response).catch(() => response.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A loopback port that refuses connections: bound, then closed, so nothing listens on it (the
 * kernel does not hand it out again at once).
 */
export async function refusedPort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
