/** A local HTTP server for client tests: records every request line and header as received. */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request exactly as it arrived. */
export interface RecordedRequest {
  /** `GET /path?query HTTP/1.1`, byte for byte as the client sent it. */
  readonly line: string;
  readonly method: string;
  /** Raw request target (path and query, not decoded). */
  readonly target: string;
  /** Header names lower-cased, values as sent. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Milliseconds since the server started, to measure waits between attempts. */
  readonly at: number;
}

/** Writes the response for one request; may also never answer (timeouts). */
export type Responder = (request: RecordedRequest, response: http.ServerResponse) => void;

/** A running server; `origin` is `http://127.0.0.1:<port>`. */
export interface RecordingServer {
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** Replace the responder and forget earlier requests. */
  reset(responder?: Responder): void;
  close(): Promise<void>;
}

/** `200 {}` as JSON. */
export const emptyJson: Responder = (_request, response) => json(response, 200, {});

/** Send `body` as JSON with `status` and extra headers. */
export function json(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** Start a server on 127.0.0.1, on a free port. */
export async function startRecordingServer(
  initial: Responder = emptyJson,
): Promise<RecordingServer> {
  const started = Date.now();
  const requests: RecordedRequest[] = [];
  let responder = initial;
  const server = http.createServer((req, res) => {
    const recorded: RecordedRequest = {
      line: `${req.method} ${req.url} HTTP/${req.httpVersion}`,
      method: req.method ?? "",
      target: req.url ?? "",
      headers: { ...req.headers },
      at: Date.now() - started,
    };
    requests.push(recorded);
    req.resume();
    responder(recorded, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    reset(next = emptyJson) {
      requests.length = 0;
      responder = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
