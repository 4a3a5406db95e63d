/**
 * Redaction of credentials for anything a person or a file may see: error messages, reports,
 * recorded requests. The contract suite's reports and the client's errors both go through here.
 */

/** Headers whose value is a credential. Compared lower-case. */
export const SENSITIVE_HEADERS: readonly string[] = [
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "api-key",
  "x-auth-token",
];

/** What a redacted credential shows instead of its value. */
export const REDACTED = "***";

/** Header collections `redactHeaders` accepts: fetch `Headers`, entry lists, or plain records. */
export type HeaderSource =
  | Headers
  | Iterable<readonly [string, string]>
  | Readonly<Record<string, string | number | readonly string[] | null | undefined>>;

/**
 * Redact one header value: an `Authorization`-style value keeps its scheme word
 * (`apikey 1234$abc` → `apikey ***`, `Bearer eyJ…` → `Bearer ***`); any other sensitive value
 * becomes `***`; a header not in `SENSITIVE_HEADERS` (or `extraNames`) is returned as is.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.6.2
 */
export function redactHeaderValue(
  name: string,
  value: string,
  extraNames: readonly string[] = [],
): string {
  const lower = name.toLowerCase();
  const sensitive =
    SENSITIVE_HEADERS.includes(lower) || extraNames.some((n) => n.toLowerCase() === lower);
  if (!sensitive) return value;
  if (lower === "authorization" || lower === "proxy-authorization") {
    // Keep the scheme (a token68-free first word) so a reader can tell which scheme was sent.
    const scheme = /^([A-Za-z][A-Za-z0-9!#$&'*+.^_`|~-]*)\s+\S/.exec(value.trim());
    if (scheme) return `${scheme[1]} ${REDACTED}`;
  }
  return REDACTED;
}

/**
 * A copy of `headers` as a plain record with every credential redacted (see `redactHeaderValue`).
 * Repeated headers are joined with `, ` as fetch does. `extraNames` adds API-specific header names
 * (e.g. an apiKey scheme's header).
 */
export function redactHeaders(
  headers: HeaderSource,
  extraNames: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headerEntries(headers)) {
    const redacted = redactHeaderValue(name, value, extraNames);
    out[name] = out[name] === undefined ? redacted : `${out[name]}, ${redacted}`;
  }
  return out;
}

/**
 * Replace every occurrence of each secret in `text` with `***`. Used on anything built from
 * data that may echo a credential (URLs with apiKey query parameters, error bodies).
 * Secrets shorter than 4 characters are ignored: replacing them would mangle ordinary text and
 * such a value is no secret anyway.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) continue;
    out = out.split(secret).join(REDACTED);
    // A secret may also appear percent-encoded in a URL.
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  }
  return out;
}

/**
 * A copy of a JSON-like value (strings, arrays, plain objects) with `redactSecrets` applied to
 * every string in it, keys included. Other values are returned as they are.
 */
export function redactSecretsDeep<T>(value: T, secrets: readonly (string | undefined)[]): T {
  if (!secrets.some((s) => s !== undefined && s.length >= 4)) return value;
  const visit = (current: unknown, depth: number): unknown => {
    if (typeof current === "string") return redactSecrets(current, secrets);
    if (depth > 64 || typeof current !== "object" || current === null) return current;
    if (Array.isArray(current)) return current.map((item) => visit(item, depth + 1));
    if (Object.getPrototypeOf(current) !== Object.prototype) return current;
    return Object.fromEntries(
      Object.entries(current).map(([k, v]) => [redactSecrets(k, secrets), visit(v, depth + 1)]),
    );
  };
  return visit(value, 0) as T;
}

/**
 * A URL with the values of the named query parameters (e.g. an apiKey `in: query`) redacted and
 * any userinfo (`user:pass@`) removed. Text that is not an absolute URL is returned unchanged.
 */
export function redactUrl(url: string, sensitiveQueryNames: readonly string[] = []): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username || parsed.password) {
    parsed.username = "";
    parsed.password = "";
  }
  if (sensitiveQueryNames.length === 0) return parsed.href;
  const names = new Set(sensitiveQueryNames);
  // Rebuild the query by hand so untouched pairs keep their exact original encoding.
  const query = parsed.search.slice(1);
  if (query === "") return parsed.href;
  parsed.search = query
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const rawName = eq === -1 ? pair : pair.slice(0, eq);
      return names.has(safeDecode(rawName)) ? `${rawName}=${REDACTED}` : pair;
    })
    .join("&");
  return parsed.href;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

function* headerEntries(headers: HeaderSource): Iterable<readonly [string, string]> {
  if (isIterable(headers)) {
    yield* headers;
    return;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      for (const v of value) yield [name, String(v)];
    } else {
      yield [name, String(value)];
    }
  }
}

function isIterable(value: HeaderSource): value is Iterable<readonly [string, string]> {
  return typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
}
