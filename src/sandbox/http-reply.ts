import type { IncomingMessage, ServerResponse } from "node:http";

/** One request: the absolute URL is rebuilt from the request's Host so `next` links point back here. */
export interface SandboxRequest {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
}

/** Extra response headers, e.g. `Retry-After`. */
export type ReplyHeaders = Record<string, string>;

/** Ends a response with a JSON body (Node drops the body itself for HEAD requests). */
export function replyJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: ReplyHeaders = {},
  contentType = "application/json",
): void {
  replyBytes(response, status, Buffer.from(JSON.stringify(body)), contentType, headers);
}

/** Ends a response with raw bytes of the given content type. */
export function replyBytes(
  response: ServerResponse,
  status: number,
  bytes: Uint8Array,
  contentType: string,
  headers: ReplyHeaders = {},
): void {
  response.writeHead(status, {
    ...headers,
    "Content-Type": contentType,
    "Content-Length": String(bytes.byteLength),
  });
  response.end(bytes);
}
