/**
 * One request of a case, sent through the generated client (so the spec's parameter serialisation,
 * credential handling and retries are what is tested), and its final response recorded with every
 * secret redacted.
 */
import type { ApiClient } from "../../runtime/client/create-api-client.js";
import type { ResponseObserver, Transport } from "../../runtime/client/request-pipeline.js";
import { isJsonMediaType, mediaTypeEssence } from "../../runtime/media-type.js";
import type { OperationSpec } from "../../runtime/operation-index.js";
import { redactHeaders, redactSecrets, redactUrl } from "../../runtime/redact.js";
import type { Exchange, ObservedBody, ParamValues, RequestBody } from "../types.js";

/** What sending needs. */
export interface SendOptions {
  readonly client: ApiClient<Record<string, never>>;
  readonly operation: OperationSpec;
  readonly params: ParamValues;
  readonly headers: Readonly<Record<string, string>>;
  readonly transport: Transport;
  readonly secrets: readonly string[];
  /** The request body, serialised as JSON and sent with its media type. */
  readonly body?: RequestBody;
  /** Aborts the request (the run stopping early). */
  readonly signal?: AbortSignal;
}

function isJsonType(contentType: string | undefined): boolean {
  return contentType !== undefined && isJsonMediaType(contentType);
}

/** The body as the checks see it: parsed JSON, text, a byte count, or none. */
export function observeBytes(bytes: Uint8Array, contentType: string | undefined): ObservedBody {
  if (bytes.length === 0) return { kind: "none" };
  const essence = contentType === undefined ? "" : mediaTypeEssence(contentType);
  if (isJsonType(contentType)) {
    const text = new TextDecoder().decode(bytes);
    try {
      return { kind: "json", value: JSON.parse(text) };
    } catch (error) {
      return { kind: "text", text: text.slice(0, 200), parseError: (error as Error).message };
    }
  }
  if (essence.startsWith("text/")) {
    return { kind: "text", text: new TextDecoder().decode(bytes).slice(0, 200) };
  }
  return { kind: "binary", bytes: bytes.length };
}

/** {@link observeBytes} of a whole response (consumes its body). */
export async function observeBody(response: Response): Promise<ObservedBody> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  return observeBytes(bytes, response.headers.get("content-type") ?? undefined);
}

/** Statuses whose Response must have a null body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function redactedHeaders(headers: Headers, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(redactHeaders(headers))) {
    out[name] = redactSecrets(value, secrets);
  }
  return out;
}

/**
 * Send one request and record the final attempt's request and response. The body is read inside
 * the client's pipeline (its `observe` hook), so the attempt's deadline and the size cap bound it,
 * and a failure while reading is one of the client's named errors. Throws what the client throws
 * (timeouts, network errors, ResponseTooLargeError, RedirectNotFollowedError); the caller redacts.
 */
export async function sendRequest(options: SendOptions): Promise<Exchange> {
  let last: { request: Request; response: Response; bytes: Uint8Array } | undefined;
  const observe: ResponseObserver = async (request, response) => {
    const bytes = new Uint8Array(await response.arrayBuffer());
    last = { request, response, bytes };
    const body = NULL_BODY_STATUSES.has(response.status) ? null : bytes;
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  const started = performance.now();
  const client = options.client as unknown as {
    request: (
      method: string,
      path: string,
      init: Record<string, unknown>,
    ) => Promise<{ data?: unknown; response: Response }>;
  };
  await client.request(options.operation.method, options.operation.path, {
    params: options.params,
    headers: options.body
      ? { ...options.headers, "Content-Type": options.body.mediaType }
      : options.headers,
    ...(options.body ? { body: options.body.value } : {}),
    parseAs: "arrayBuffer",
    fetch: options.transport,
    observe,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!last) throw new Error(`${options.operation.key}: the client sent no request`);
  const { request, response, bytes } = last;
  const contentType = response.headers.get("content-type") ?? undefined;
  return {
    method: request.method,
    url: redactSecrets(redactUrl(request.url), options.secrets),
    requestHeaders: redactedHeaders(request.headers, options.secrets),
    status: response.status,
    contentType,
    responseHeaders: redactedHeaders(response.headers, options.secrets),
    body: observeBytes(bytes, contentType),
    durationMs: Math.round(performance.now() - started),
  };
}
