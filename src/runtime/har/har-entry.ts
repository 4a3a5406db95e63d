/**
 * One HTTP exchange as a HAR 1.2 entry (types from `@types/har-format`, the format's maintained
 * typings), redacted while it is built: nothing unredacted is ever serialised. Bodies are stored
 * as the client saw them (fetch has already inflated gzip/br/deflate), text as text, anything else
 * base64 (`encoding: "base64"`). Custom fields (`_api`, `_operation`, `_redactedPointers`) key the
 * entry to its API operation, as HAR allows for `_`-prefixed names.
 * @see http://www.softwareishard.com/blog/har-12-spec/
 */
import type { Content, Entry, Header, QueryString } from "har-format";
import { isJsonMediaType, mediaTypeEssence } from "../media-type.js";
import {
  REDACTED,
  recordedTextRedactor,
  redactHeaderValue,
  redactJsonPointers,
  redactUrl,
  SENSITIVE_HEADERS,
} from "../redact.js";

/** What is redacted in an exchange besides the built-in credential headers and cookies. */
export interface ExchangeRedaction {
  /** Credentials the client sent (the API key or token), in whatever form they appear. */
  readonly secrets: readonly string[];
  /** Header names whose values are secrets (the security schemes' and the user's). */
  readonly headerNames: readonly string[];
  /** Query and form parameter names whose values are secrets. */
  readonly queryNames: readonly string[];
  /** JSON Pointers of body fields to blank. */
  readonly jsonPointers: readonly string[];
}

/** One exchange as the recorder captured it: the request as sent, the response as read. */
export interface CapturedExchange {
  readonly api: string;
  /** The operation's key (operationId, or `METHOD /path`); undefined when no operation matches. */
  readonly operation: string | undefined;
  readonly request: Request;
  readonly requestBody: Uint8Array | undefined;
  readonly response: Response;
  /** The decoded body bytes. */
  readonly responseBody: Uint8Array;
  readonly startedAt: Date;
  readonly timeMs: number;
}

/** A HAR entry with this project's custom fields. */
export type RecordedEntry = Entry & {
  readonly _api: string;
  readonly _operation: string | null;
  readonly _redactedPointers?: readonly string[];
};

/** Media types stored as text; everything else (PDFs, images, octet streams) is base64. */
export function isTextMediaType(mimeType: string): boolean {
  const essence = mediaTypeEssence(mimeType);
  return (
    essence.startsWith("text/") ||
    isJsonMediaType(essence) ||
    essence.endsWith("/xml") ||
    essence.endsWith("+xml") ||
    essence === "application/javascript" ||
    essence === "application/x-www-form-urlencoded"
  );
}

/** Build the redacted HAR entry of `exchange`. */
export function harEntry(exchange: CapturedExchange, redaction: ExchangeRedaction): RecordedEntry {
  const { request, response } = exchange;
  const headerNames = redaction.headerNames.map((n) => n.toLowerCase());
  const secrets = collectSecrets(exchange, redaction, headerNames);
  const text = recordedTextRedactor(secrets);
  const headers = (source: Headers): Header[] =>
    [...source].map(([name, value]) => ({
      name,
      value: text(redactHeaderValue(name, value, headerNames)),
    }));
  const url = text(redactUrl(request.url, redaction.queryNames));
  const pointers: string[] = [];
  const requestMime = request.headers.get("content-type") ?? "";
  const requestBody =
    exchange.requestBody === undefined || exchange.requestBody.byteLength === 0
      ? undefined
      : bodyContent(exchange.requestBody, requestMime, redaction, text, pointers, "request");
  const responseMime = response.headers.get("content-type") ?? "";
  const content = bodyContent(
    exchange.responseBody,
    responseMime,
    redaction,
    text,
    pointers,
    "response",
  );
  return {
    _api: exchange.api,
    _operation: exchange.operation ?? null,
    ...(pointers.length > 0 ? { _redactedPointers: pointers } : {}),
    startedDateTime: exchange.startedAt.toISOString(),
    time: exchange.timeMs,
    request: {
      method: request.method,
      url,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: headers(request.headers),
      queryString: queryString(url),
      ...(requestBody
        ? {
            postData: {
              mimeType: requestMime,
              text: requestBody.text ?? "",
              ...(requestBody.encoding ? { _encoding: requestBody.encoding } : {}),
            },
          }
        : {}),
      headersSize: -1,
      bodySize: exchange.requestBody?.byteLength ?? 0,
    },
    response: {
      status: response.status,
      statusText: response.statusText,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: headers(response.headers),
      content,
      redirectURL: text(redactUrl(response.headers.get("location") ?? "", redaction.queryNames)),
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: exchange.timeMs, receive: 0 },
  };
}

/**
 * Every secret value in the exchange: the credentials, and whatever the sensitive headers, the
 * secret query parameters and the cookies carried (a caller may set its own `Authorization`).
 */
function collectSecrets(
  exchange: CapturedExchange,
  redaction: ExchangeRedaction,
  headerNames: readonly string[],
): string[] {
  const secrets = new Set(redaction.secrets);
  const sensitive = (name: string) => {
    const lower = name.toLowerCase();
    return SENSITIVE_HEADERS.includes(lower) || headerNames.includes(lower);
  };
  for (const source of [exchange.request.headers, exchange.response.headers]) {
    for (const [name, value] of source) {
      if (!sensitive(name)) continue;
      const lower = name.toLowerCase();
      if (lower !== "cookie" && lower !== "set-cookie") {
        secrets.add(value);
        // `Bearer <token>`, `apikey <key>`: the part after the scheme word alone is the secret.
        for (const part of value.split(/\s+/).slice(1)) secrets.add(part);
        continue;
      }
      // Cookie: each `name=value` pair's value; Set-Cookie: the first pair's only (the rest are
      // attributes such as `Max-Age=3600`, no secrets, and redacting them would blank ordinary text).
      const pairs = lower === "cookie" ? value.split(";") : [value.split(";")[0] ?? ""];
      for (const pair of pairs) {
        const eq = pair.indexOf("=");
        if (eq !== -1) secrets.add(pair.slice(eq + 1).trim());
      }
    }
  }
  try {
    const params = new URL(exchange.request.url).searchParams;
    for (const name of redaction.queryNames)
      for (const value of params.getAll(name)) secrets.add(value);
  } catch {
    // A URL fetch accepted always parses; nothing to collect otherwise.
  }
  return [...secrets].filter((s) => s.length >= 4 && s !== REDACTED);
}

function queryString(url: string): QueryString[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** A body as HAR content: JSON pointers blanked, secrets replaced, binary as base64. */
function bodyContent(
  bytes: Uint8Array,
  mimeType: string,
  redaction: ExchangeRedaction,
  scrub: (text: string) => string,
  pointers: string[],
  side: "request" | "response",
): Content {
  const size = bytes.byteLength;
  if (size === 0) return { size, mimeType };
  const decoded = isTextMediaType(mimeType) ? decodeUtf8(bytes) : undefined;
  if (decoded === undefined) {
    // Byte-preserving round trip, so a key sent inside a binary body is still found and replaced.
    const latin1 = Buffer.from(bytes).toString("latin1");
    const scrubbed = scrub(latin1);
    return {
      size,
      mimeType,
      text: Buffer.from(scrubbed, "latin1").toString("base64"),
      encoding: "base64",
    };
  }
  let textBody = decoded;
  // Wider than isJsonMediaType on purpose: redaction errs towards removing a secret, so any label
  // naming JSON (NDJSON and vendor "x-json" types too) is tried; a body that does not parse keeps
  // its text and the scrub below.
  if (redaction.jsonPointers.length > 0 && /json/i.test(mimeType)) {
    try {
      const { value, redacted } = redactJsonPointers(JSON.parse(decoded), redaction.jsonPointers);
      if (redacted.length > 0) {
        textBody = JSON.stringify(value);
        pointers.push(...redacted.map((p) => `${side}${p}`));
      }
    } catch {
      // Not JSON after all: stored as text, secrets still replaced below.
    }
  }
  if (redaction.queryNames.length > 0 && /x-www-form-urlencoded/i.test(mimeType)) {
    textBody = redactUrl(`http://form.invalid/?${textBody}`, redaction.queryNames).replace(
      /^http:\/\/form\.invalid\/\?/,
      "",
    );
  }
  return { size, mimeType, text: scrub(textBody) };
}

/** UTF-8 text of `bytes`, or undefined when they are not valid UTF-8 (then stored base64). */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
