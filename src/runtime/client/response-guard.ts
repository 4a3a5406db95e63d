/**
 * Bounds on reading a response body, applied to every response the client returns: a size cap
 * counted on the decoded stream (fetch has already undone gzip/br/deflate, so a small gzip bomb
 * is stopped after `maxBytes` of output, like curl's `--max-filesize`), the attempt's deadline
 * carried on into the body (a body that stalls after its headers times out as a stalled
 * connection does, like undici's `bodyTimeout`), and a connection lost mid-body reported as a
 * ResponseTruncatedError instead of fetch's bare `TypeError: terminated`.
 */
import { networkErrorFor, RequestTimeoutError, ResponseTooLargeError } from "./client-errors.js";

/** What the guard needs to know about the request whose response it bounds. */
export interface GuardContext {
  readonly api: string;
  readonly operation: string;
  readonly method: string;
  /** Redacted request URL. */
  readonly url: string;
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /** The attempt's deadline: aborts when `timeoutMs` has passed since the request was sent. */
  readonly deadline: AbortSignal;
  /** Stops the deadline timer (called once the body is complete, cancelled or failed). */
  readonly clearDeadline: () => void;
  readonly redact: (text: string) => string;
}

/** Statuses whose Response must have a null body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * `response` with its body bounded as described above. Throws ResponseTooLargeError at once when
 * an uncompressed body's Content-Length already exceeds the limit (the body is cancelled unread).
 */
export function guardResponse(response: Response, context: GuardContext): Response {
  const source = response.body;
  if (source === null || NULL_BODY_STATUSES.has(response.status)) {
    context.clearDeadline();
    return response;
  }
  const tooLarge = (seenIn: "content-length" | "stream") =>
    new ResponseTooLargeError(
      context.api,
      context.operation,
      context.method,
      context.url,
      context.maxBytes,
      seenIn,
    );
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  const encoding = (response.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding === "identity" && declared > context.maxBytes) {
    context.clearDeadline();
    const error = tooLarge("content-length");
    source.cancel(error).catch(() => {});
    throw error;
  }

  const reader = source.getReader();
  let received = 0;
  let finished = false;
  let onDeadline = (): void => {};
  const finish = (): void => {
    if (finished) return;
    finished = true;
    context.clearDeadline();
    context.deadline.removeEventListener("abort", onDeadline);
  };
  const bodyTimeout = () =>
    new RequestTimeoutError(
      context.api,
      context.operation,
      context.method,
      context.url,
      context.timeoutMs,
      "body",
    );
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        onDeadline = () => {
          if (finished) return;
          finish();
          const error = bodyTimeout();
          controller.error(error);
          reader.cancel(error).catch(() => {});
        };
        if (context.deadline.aborted) onDeadline();
        else context.deadline.addEventListener("abort", onDeadline, { once: true });
      },
      async pull(controller) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (error) {
          if (finished) return; // the deadline already errored the stream
          finish();
          // fetch reports a connection lost mid-body as `TypeError: terminated`; anything else (the
          // caller's own abort reason) is passed on as it is.
          controller.error(
            error instanceof TypeError
              ? networkErrorFor(error, { ...context, attempts: 1 }, "body")
              : error,
          );
          return;
        }
        if (finished) return;
        if (chunk.done) {
          finish();
          controller.close();
          return;
        }
        received += chunk.value.byteLength;
        if (received > context.maxBytes) {
          finish();
          const error = tooLarge("stream");
          controller.error(error);
          // Cancelling the source aborts the fetch: the socket is closed, nothing more is inflated.
          reader.cancel(error).catch(() => {});
          return;
        }
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        finish();
        return reader.cancel(reason);
      },
    },
    // Pull one chunk at a time: nothing is read ahead of the consumer, so memory stays bounded.
    { highWaterMark: 0 },
  );
  try {
    const guarded = new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    // A constructed Response has no URL; keep the original's, so a caller (toMatchApiSpec) can
    // tell which operation answered.
    Object.defineProperty(guarded, "url", { value: response.url });
    return guarded;
  } catch {
    // A status the Response constructor refuses (outside 200-599): hand the original on, unbounded
    // by size but still by the deadline, which aborts the fetch.
    reader.releaseLock();
    return response;
  }
}
