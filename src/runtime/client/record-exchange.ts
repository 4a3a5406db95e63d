/**
 * Recording a client's exchanges (the `record` option, and `test --target live --record DIR`):
 * a transport wrapper that copies each final response body as the caller reads it (inside the
 * client's deadline and size cap; nothing is read ahead), and, once the body is complete, writes
 * the exchange, redacted, to `DIR/<api>/<operation>.har` (recording-store.ts). Responses the
 * client never reads through (retried 429/503s, redirects it follows) are not recorded.
 *
 * Redaction happens while the HAR entry is built (har-entry.ts): the bytes written were never
 * unredacted. Rules that cannot be loaded reject every request before it is sent, so nothing is
 * recorded (or sent) with rules the user did not get.
 */
import { readFile } from "node:fs/promises";
import { type ExchangeRedaction, harEntry } from "../har/har-entry.js";
import { operationMatcher } from "../har/match-operation.js";
import { RecordingLimitError } from "../har/recording-errors.js";
import {
  DEFAULT_MAX_EXCHANGE_BYTES,
  DEFAULT_MAX_FOLDER_BYTES,
  RecordingFolder,
  sha256,
} from "../har/recording-store.js";
import {
  checkRedactionRules,
  loadRedactionRules,
  type RedactionRules,
  type ResolvedRedactionRules,
} from "../har/redaction-rules.js";
import type { OperationSpec } from "../operation-index.js";
import type { Transport } from "./request-pipeline.js";

/** The `record` option of a client. */
export interface RecordOptions {
  /** Folder the recording goes to (`DIR/<api>/…`); created when missing, appended to when not. */
  readonly dir: string;
  /** Extra redaction: rules, or the path of a JSON/YAML rules file. */
  readonly redact?: RedactionRules | string;
  /** The spec file the client was generated from: its path and sha256 go into the manifest. */
  readonly spec?: string;
  /** Cap of one exchange's HAR entry, in bytes (default 10 MiB). */
  readonly maxExchangeBytes?: number;
  /** Cap of the API's recording folder, in bytes (default 200 MiB). */
  readonly maxFolderBytes?: number;
}

/** What a recorder needs to know about the API. */
export interface RecordedApi {
  readonly api: string;
  readonly operations: Readonly<Record<string, OperationSpec>>;
}

/** A started recording: wrap transports with it; `ready` rejects when the rules cannot load. */
export interface Recorder {
  readonly ready: Promise<void>;
  wrap(transport: Transport): Transport;
}

/**
 * Start recording `api`'s exchanges. Rules given as an object are checked here (a
 * RedactionRulesError is thrown at once); a rules file is read before the first request.
 */
export function createRecorder(
  api: RecordedApi,
  options: RecordOptions,
  credentials: readonly (string | undefined)[],
): Recorder {
  const inline =
    typeof options.redact === "string"
      ? undefined
      : checkRedactionRules(options.redact, "record.redact");
  const maxExchangeBytes = options.maxExchangeBytes ?? DEFAULT_MAX_EXCHANGE_BYTES;
  const maxFolderBytes = options.maxFolderBytes ?? DEFAULT_MAX_FOLDER_BYTES;
  const operations = Object.values(api.operations);
  const match = operationMatcher(operations);
  const opening = (async () => {
    const rules: ResolvedRedactionRules =
      inline ?? (await loadRedactionRules(options.redact as string));
    const spec =
      options.spec === undefined
        ? null
        : { file: options.spec, sha256: sha256(await readFile(options.spec)) };
    const folder = await RecordingFolder.open({
      dir: options.dir,
      api: api.api,
      spec,
      redaction: rules,
      maxExchangeBytes,
      maxFolderBytes,
    });
    return { folder, redaction: exchangeRedaction(operations, rules, credentials) };
  })();
  const ready = opening.then(() => {});
  // A rejection is the first request's error (or the awaiting caller's), never an unhandled one.
  ready.catch(() => {});
  return {
    ready,
    wrap: (transport) => async (request) => {
      const { folder, redaction } = await opening;
      const startedAt = new Date();
      const started = performance.now();
      let requestBody: Uint8Array | undefined;
      if (request.body !== null) {
        requestBody = new Uint8Array(await request.clone().arrayBuffer());
      }
      const operation = match(request.method, request.url)?.operation.key;
      const label = `${api.api} ${operation ?? request.method}`;
      if (requestBody !== undefined && requestBody.byteLength > maxExchangeBytes) {
        throw new RecordingLimitError(label, "exchange", maxExchangeBytes, requestBody.byteLength);
      }
      const response = await transport(request);
      return copyBody(response, label, maxExchangeBytes, async (responseBody) => {
        const entry = harEntry(
          {
            api: api.api,
            operation,
            request,
            requestBody,
            response,
            responseBody,
            startedAt,
            timeMs: Math.round(performance.now() - started),
          },
          redaction,
        );
        await folder.append(entry);
      });
    },
  };
}

/** Security-scheme names (every operation's) plus the user's rules, and the credential forms. */
function exchangeRedaction(
  operations: readonly OperationSpec[],
  rules: ResolvedRedactionRules,
  credentials: readonly (string | undefined)[],
): ExchangeRedaction {
  const headerNames = new Set(rules.headers);
  const queryNames = new Set(rules.queryParameters);
  const secrets = new Set<string>();
  for (const operation of operations) {
    for (const requirement of operation.security) {
      for (const scheme of requirement) {
        if (scheme.in === "header") headerNames.add(scheme.name);
        if (scheme.in === "query") queryNames.add(scheme.name);
        for (const credential of credentials) {
          if (credential !== undefined) secrets.add(`${scheme.prefix}${credential}`);
        }
      }
    }
  }
  for (const credential of credentials) if (credential !== undefined) secrets.add(credential);
  return {
    secrets: [...secrets],
    headerNames: [...headerNames],
    queryNames: [...queryNames],
    jsonPointers: rules.jsonPointers,
  };
}

/**
 * `response` with a body that copies what the caller reads; when it is complete, `record` runs
 * (and the caller's read completes only after it, so a failed write is the caller's error). A body
 * over `maxBytes` errors with RecordingLimitError.
 */
function copyBody(
  response: Response,
  label: string,
  maxBytes: number,
  record: (body: Uint8Array) => Promise<void>,
): Promise<Response> | Response {
  const source = response.body;
  if (source === null) return record(new Uint8Array()).then(() => response);
  const reader = source.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (error) {
          controller.error(error);
          return;
        }
        if (chunk.done) {
          try {
            await record(concat(chunks, received));
            controller.close();
          } catch (error) {
            controller.error(error);
          }
          return;
        }
        received += chunk.value.byteLength;
        if (received > maxBytes) {
          const error = new RecordingLimitError(label, "exchange", maxBytes, received);
          controller.error(error);
          reader.cancel(error).catch(() => {});
          return;
        }
        chunks.push(chunk.value);
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  try {
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } catch {
    // A status the Response constructor refuses: handed on unrecorded.
    reader.releaseLock();
    return response;
  }
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
