/**
 * `toMatchApiSpec`: does a response match the vendored spec? For an openapi-fetch result
 * (`{ data, error, response }`, the operation found from the response's URL path and, when a
 * path has several methods, `options.operation`) or for `{ status, headers, body }` with the API
 * and operation named. Status, content type and body are checked by the library's one engine
 * (`loadGeneratedApi` + `validateResponseWith`); the failure message lists every violation with its JSON
 * Pointer. No header value is shown, and any credential found in the given headers is redacted
 * from the message.
 */
import { type ApiId, apiIds } from "../../generated/index.js";
import { UsageError } from "../errors.js";
import { isJsonObject } from "../runtime/json-value.js";
import type { ResponseIndex, ResponseOperationSpec } from "../runtime/operation-index.js";
import { pathTemplatePattern } from "../runtime/path-template.js";
import { REDACTED, redactSecrets, redactUrl, SENSITIVE_HEADERS } from "../runtime/redact.js";
import type { ValidationResult } from "../runtime/validate/types.js";
import { validateResponseWith } from "../runtime/validate/validate-with-module.js";
import { loadGeneratedApi } from "../validate/validate-response.js";

/** Which API and operation a response belongs to, when it cannot be found from its URL. */
export interface MatchApiSpecOptions {
  /** An API id (`gcore-billing`); required for `{ status, headers, body }`. */
  readonly api?: ApiId | (string & {});
  /** An operationId or `"METHOD /path/template"`; required for `{ status, headers, body }`. */
  readonly operation?: string;
}

/** A response given by its parts. */
export interface ResponseParts {
  readonly status: number;
  readonly headers?: Headers | Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
}

/** What `toMatchApiSpec` found. */
export interface ApiSpecMatch {
  readonly pass: boolean;
  readonly message: string;
}

interface FetchResultLike {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

function isFetchResult(value: unknown): value is FetchResultLike {
  return isJsonObject(value) && value.response instanceof Response;
}

function headerOf(headers: ResponseParts["headers"], name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Credential values present in `headers`, to be redacted from anything shown. */
function secretsIn(headers: ResponseParts["headers"]): string[] {
  if (headers === undefined) return [];
  return SENSITIVE_HEADERS.flatMap((name) => {
    const value = headerOf(headers, name);
    if (value === undefined) return [];
    // `Bearer <token>` / `apikey <key>`: the token alone is the secret.
    return [value, ...value.split(/\s+/).slice(1)];
  });
}

/** The operations of `index` whose path template matches `pathname`, most literal first. */
function matchingOperations(index: ResponseIndex, pathname: string): ResponseOperationSpec[] {
  const params = (op: ResponseOperationSpec) => (op.path.match(/\{/g) ?? []).length;
  const matches = Object.values(index.operations).filter((op) =>
    pathTemplatePattern(op.path).pattern.test(pathname),
  );
  const fewest = Math.min(...matches.map(params));
  return matches.filter((op) => params(op) === fewest);
}

/** The API and operation of an openapi-fetch result, from its URL (and `options`). */
async function locate(
  url: string,
  options: MatchApiSpecOptions,
): Promise<{ api: string; operation: string }> {
  const pathname = decodeURIComponent(new URL(url).pathname);
  const apis = options.api === undefined ? [...apiIds] : [options.api];
  const found: { api: string; operation: ResponseOperationSpec }[] = [];
  for (const api of apis) {
    const { index } = await loadGeneratedApi(api);
    for (const operation of matchingOperations(index, pathname)) {
      if (
        options.operation === undefined ||
        options.operation === operation.key ||
        options.operation === operation.operationId ||
        options.operation.toLowerCase() === `${operation.method} ${operation.path}`.toLowerCase()
      )
        found.push({ api, operation });
    }
  }
  const [only, ...more] = found;
  if (only && more.length === 0) return { api: only.api, operation: only.operation.key };
  const shown = redactUrl(url);
  if (!only) {
    throw new UsageError(
      `toMatchApiSpec: no operation${options.api ? ` of ${options.api}` : ""} has a path matching ${shown}${options.operation ? ` named '${options.operation}'` : ""}; pass { api, operation } if the response comes from elsewhere`,
    );
  }
  const names = found.map(
    (f) => `${f.api} ${f.operation.method.toUpperCase()} ${f.operation.path}`,
  );
  throw new UsageError(
    `toMatchApiSpec: ${shown} matches ${names.join(", ")}; name one: toMatchApiSpec({ api, operation: "GET /path" })`,
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The failure (or `.not`) message of a result. */
function describeResult(
  where: string,
  result: ValidationResult,
  secrets: readonly string[],
): string {
  const text = result.valid
    ? `expected ${where} not to match the spec, but it does`
    : [
        `expected ${where} to match the spec; ${plural(result.errors.length + result.omitted, "violation")}:`,
        ...result.errors.map((v) => `  ${v.pointer || "(response)"}: ${v.message}`),
        ...(result.omitted > 0 ? [`  … and ${result.omitted} more`] : []),
      ].join("\n");
  return redactSecrets(text, secrets);
}

/**
 * Check `received` against the spec.
 * @throws UsageError for input the matcher cannot place (not a response, no API or operation).
 */
export async function matchApiSpec(
  received: unknown,
  options: MatchApiSpecOptions = {},
): Promise<ApiSpecMatch> {
  let api: string;
  let operation: string;
  let parts: ResponseParts;
  let where: string;
  if (isFetchResult(received)) {
    const { response } = received;
    ({ api, operation } =
      options.api !== undefined && options.operation !== undefined
        ? { api: options.api, operation: options.operation }
        : await locate(response.url, options));
    parts = {
      status: response.status,
      headers: response.headers,
      body: response.ok ? received.data : received.error,
    };
    where = `${api} ${operation} (${response.status} from ${redactUrl(response.url)})`;
  } else if (isJsonObject(received) && typeof received.status === "number") {
    if (options.api === undefined || options.operation === undefined) {
      throw new UsageError(
        "toMatchApiSpec: a { status, headers, body } response needs the API and operation: toMatchApiSpec({ api: 'gcore-billing', operation: 'v1_erp_invoices_list' })",
      );
    }
    api = options.api;
    operation = options.operation;
    parts = received as unknown as ResponseParts;
    where = `${api} ${operation} (${parts.status})`;
  } else {
    throw new UsageError(
      "toMatchApiSpec: expected an openapi-fetch result ({ data, error, response }) or { status, headers, body }",
    );
  }
  const { index, validators } = await loadGeneratedApi(api);
  const contentType = headerOf(parts.headers, "content-type");
  const result = validateResponseWith(index, validators, {
    operation,
    status: parts.status,
    ...(contentType === undefined ? {} : { contentType }),
    body: parts.body,
  });
  const secrets = secretsIn(parts.headers).filter((s) => s !== REDACTED);
  return { pass: result.valid, message: describeResult(where, result, secrets) };
}
