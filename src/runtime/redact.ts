/**
 * Redaction of credentials for anything a person or a file may see: error messages, reports,
 * recorded requests. The contract suite's reports and the client's errors both go through here.
 */

import { escapePointerToken, parsePointer } from "./json-pointer.js";

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

/**
 * Every form `secret` can take in recorded text: as sent, percent-encoded (component, strict
 * RFC 3986, form `+` for spaces, lower-case hex, twice-encoded), JSON-escaped, and base64/base64url
 * of the secret alone. Base64 of a secret *inside* something else (`user:key` in Basic auth) has no
 * fixed form: {@link redactRecordedText} decodes base64 runs to find it.
 */
export function secretForms(secret: string): string[] {
  const base64 = Buffer.from(secret, "latin1").toString("base64");
  const forms = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(secret).slice(1, -1).replace(/\//g, "\\/"),
    base64,
    base64.replace(/=+$/, ""),
    Buffer.from(secret, "latin1").toString("base64url"),
  ];
  // Which characters stay literal differs by encoder: encodeURIComponent, RFC 3986 strict,
  // application/x-www-form-urlencoded (URLSearchParams), and "everything but letters and digits".
  for (const keep of [
    /[A-Za-z0-9\-_.!~*'()]/,
    /[A-Za-z0-9\-_.~]/,
    /[A-Za-z0-9\-_.*]/,
    /[A-Za-z0-9]/,
  ]) {
    for (const lower of [false, true]) {
      for (const plus of [false, true]) {
        const encoded = percentEncode(secret, keep, lower, plus);
        forms.push(encoded, percentEncode(encoded, keep, lower, plus));
      }
    }
  }
  // Longest first, so a longer form is replaced whole before a shorter one inside it.
  return [...new Set(forms)].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}

/** `text` percent-encoded as UTF-8, leaving the characters `keep` matches as they are. */
function percentEncode(text: string, keep: RegExp, lower: boolean, plusForSpace: boolean): string {
  let out = "";
  for (const char of text) {
    if (keep.test(char)) out += char;
    else if (char === " " && plusForSpace) out += "+";
    else {
      for (const byte of new TextEncoder().encode(char)) {
        const hex = byte.toString(16).toUpperCase().padStart(2, "0");
        out += `%${lower ? hex.toLowerCase() : hex}`;
      }
    }
  }
  return out;
}

/**
 * Runs of the base64/base64url alphabet long enough to hide a 4-character secret, also when
 * percent-encoded inside a URL (`%2B`, `%2F`, `%3D`).
 */
const BASE64_RUN = /(?:[A-Za-z0-9+/_-]|%2[BbFf]){6,}(?:=|%3[Dd]){0,2}/g;

/**
 * Secrets a credential implies: for `user:password` (or a Basic token that decodes to one) the
 * decoded pair and the password alone, so an echo of either is caught too.
 */
export function impliedSecrets(secret: string): string[] {
  const out = [secret];
  let pair: string | undefined = secret.includes(":") ? secret : undefined;
  if (pair === undefined && /^[A-Za-z0-9+/]+={0,2}$/.test(secret) && secret.length % 4 === 0) {
    const decoded = Buffer.from(secret, "base64").toString("latin1");
    if (/^[\x20-\x7e]+:[\x20-\x7e]+$/.test(decoded)) pair = decoded;
  }
  if (pair !== undefined) {
    out.push(pair);
    const password = pair.slice(pair.indexOf(":") + 1);
    if (password.length >= 4) out.push(password);
  }
  return out;
}

/**
 * `redactSecrets` for text that is written to disk (recorded exchanges): every form of every
 * secret ({@link secretForms}) becomes `***`, and so does any base64 run whose decoded bytes hold
 * a secret at any alignment (a Basic `user:key`, a token echoed base64-encoded in a body).
 */
export function redactRecordedText(text: string, secrets: readonly (string | undefined)[]): string {
  return recordedTextRedactor(secrets)(text);
}

/**
 * {@link redactRecordedText} bound to `secrets`, with every form computed once: for redacting the
 * many strings of one recorded exchange.
 */
export function recordedTextRedactor(
  secrets: readonly (string | undefined)[],
): (text: string) => string {
  const usable = [
    ...new Set(
      secrets.filter((s): s is string => s !== undefined && s.length >= 4).flatMap(impliedSecrets),
    ),
  ];
  if (usable.length === 0) return (text) => text;
  const forms = [...new Set(usable.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  // A base64 run shorter than the base64 of the shortest secret cannot hold one.
  const shortest = Math.min(...usable.map((s) => s.length));
  const minRun = Math.floor((shortest * 4) / 3);
  return (text) => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out.replace(BASE64_RUN, (run) =>
      run.length >= minRun && base64Hides(run, usable) ? REDACTED : run,
    );
  };
}

/** True when `run`, decoded as base64 from any of its first four offsets, contains a secret. */
function base64Hides(run: string, secrets: readonly string[]): boolean {
  const plain = run
    .replace(/%2[Bb]/g, "+")
    .replace(/%2[Ff]/g, "/")
    .replace(/%3[Dd]/g, "=");
  for (let shift = 0; shift < 4 && plain.length - shift >= 6; shift++) {
    const decoded = Buffer.from(plain.slice(shift), "base64").toString("latin1");
    if (secrets.some((secret) => decoded.includes(secret))) return true;
  }
  return false;
}

/**
 * A copy of a JSON value with the value at each pointer replaced by `***` (RFC 6901; a `*` token
 * matches every array item or object member there). Missing paths are left alone; the returned
 * list holds the concrete pointers that were redacted.
 */
export function redactJsonPointers(
  value: unknown,
  pointers: readonly string[],
): { value: unknown; redacted: string[] } {
  const redacted: string[] = [];
  let out = value;
  for (const pointer of pointers) {
    out = redactAt(out, pointerTokens(pointer), "", redacted, 0);
  }
  return { value: out, redacted };
}

/** RFC 6901 tokens of `pointer`; throws on text that is not a pointer (checked when rules load). */
export function pointerTokens(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/"))
    throw new Error(`'${pointer}' is not a JSON Pointer (start with /)`);
  return parsePointer(pointer);
}

function redactAt(
  node: unknown,
  tokens: readonly string[],
  at: string,
  redacted: string[],
  depth: number,
): unknown {
  const [token, ...rest] = tokens;
  if (token === undefined) {
    redacted.push(at);
    return REDACTED;
  }
  if (depth > 64 || typeof node !== "object" || node === null) return node;
  if (Array.isArray(node)) {
    return node.map((item, i) =>
      token === "*" || token === String(i)
        ? redactAt(item, rest, `${at}/${i}`, redacted, depth + 1)
        : item,
    );
  }
  const record = node as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...record };
  for (const key of token === "*" ? Object.keys(record) : [token]) {
    if (!Object.hasOwn(record, key)) continue;
    copy[key] = redactAt(
      record[key],
      rest,
      `${at}/${escapePointerToken(key)}`,
      redacted,
      depth + 1,
    );
  }
  return copy;
}
