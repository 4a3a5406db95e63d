/**
 * The run-time half of every generated client factory (`createGcoreBillingClient`, ...): an
 * openapi-fetch client for the API's `paths`, driven by its operation index. Per request it
 * serialises each parameter by its own spec style, attaches the credential for the base URL's
 * origin only, bounds each attempt by `timeoutMs` and each body by `maxResponseBytes`, follows
 * redirects within that origin only, retries what is safe to retry, and optionally validates the
 * response; `paginate` walks limit/offset list operations.
 */
import createClient, { type Client } from "openapi-fetch";
import type { ApiIndex, OperationSpec, SecuritySpec } from "../operation-index.js";
import { redactSecretsDeep } from "../redact.js";
import type { ValidatorModule } from "../validate/types.js";
import { ClientOptionsError, DEFAULT_MAX_RESPONSE_BYTES } from "./client-errors.js";
import {
  type ListItem,
  type ListPath,
  type PageResult,
  type PaginateOptions,
  type PaginatorDeps,
  paginate,
  type RawParams,
} from "./paginate.js";
import { createOperationSerializers, type OperationSerializers } from "./parameter-serializers.js";
import { createRecorder, type RecordOptions } from "./record-exchange.js";
import { createPipeline, type ResponseObserver, type Transport } from "./request-pipeline.js";
import {
  createResponseCheck,
  type ValidateMode,
  type ViolationHandler,
} from "./response-validation.js";
import {
  type ResolvedRetryOptions,
  type RetryOptions,
  resolveRetryOptions,
} from "./retry-policy.js";

export type { ListItem, ListPath, PaginateOptions } from "./paginate.js";
export type { RecordOptions } from "./record-exchange.js";
export type { ValidateMode, ViolationHandler } from "./response-validation.js";
export type { RetryOptions } from "./retry-policy.js";

/** Options every generated client factory accepts (besides its credential). */
export interface ApiClientOptions {
  /** Defaults to the spec's first server URL. Only this origin ever receives the credential. */
  readonly baseUrl?: string;
  /** Sends requests; defaults to the global `fetch`. */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** Contract validation of every response: `"off"` (default, nothing loaded), `"report"`, `"throw"`. */
  readonly validate?: ValidateMode;
  /** Called with each violation in `"report"` mode (required there). */
  readonly onViolation?: ViolationHandler;
  /** Per attempt, from sending until the body has arrived. Default 30,000 ms; `Infinity` for none. */
  readonly timeoutMs?: number;
  /**
   * Largest response body read, in bytes counted after decompression; a larger one raises
   * ResponseTooLargeError and is not read further. Default 50 MiB; `Infinity` for none.
   */
  readonly maxResponseBytes?: number;
  /** Retries of GET/HEAD on 429/503 and network errors. Default 3 attempts within 60 s. */
  readonly retry?: RetryOptions;
  /** Record every exchange, redacted, as HAR 1.2 under `record.dir` (record-exchange.ts). */
  readonly record?: RecordOptions;
}

/** Hooks the generated factory passes in; validators load lazily so `validate: "off"` costs nothing. */
export interface ApiClientHooks {
  readonly loadValidators: () => Promise<ValidatorModule>;
}

/** The openapi-fetch client for an API's `paths`, plus `paginate` over its list operations. */
export type ApiClient<Paths extends {}> = Client<Paths> & {
  /**
   * Every item of a limit/offset list operation, page after page. Throws PaginationError on a
   * repeated offset, a page longer than its limit, a `count` that changes, or a non-2xx page.
   */
  paginate<P extends ListPath<Paths>>(
    path: P,
    options?: PaginateOptions<Paths, P>,
  ): AsyncGenerator<ListItem<Paths, P>, void, undefined>;
};

/** Default `timeoutMs`: 30 s. */
export const DEFAULT_TIMEOUT_MS = 30_000;

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/** An openapi-fetch request init, untyped (the typed surface is `ApiClient`). */
type Init = Record<string, unknown> & {
  params?: RawParams;
  fetch?: Transport;
  /** Internal: see `CallContext.observe` (the contract suite's recorder). */
  observe?: ResponseObserver;
};
type CoreMethod = (
  url: string,
  init: Init,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Build the typed client for one API from its operation index. `credential` is the API key or
 * token; it is validated here and never appears in an error, a log line or a request that
 * openapi-fetch middleware can see (it is attached after them, per request).
 */
export function createApiClient<Paths extends {}>(
  index: ApiIndex,
  options: ApiClientOptions & { readonly credential?: string },
  hooks: ApiClientHooks,
): ApiClient<Paths> {
  const settings = resolveSettings(index, options);
  const { credential } = options;
  const operations = new Map<string, OperationSpec>();
  for (const operation of Object.values(index.operations)) {
    operations.set(routeKey(operation.method, operation.path), operation);
  }
  const find = (method: string, path: string) => operations.get(routeKey(method, path));
  const serializers = new Map<string, OperationSerializers>();
  const serializersFor = (name: string, operation: OperationSpec | undefined) => {
    let found = serializers.get(name);
    if (!found) {
      found = createOperationSerializers(name, operation?.parameters ?? []);
      serializers.set(name, found);
    }
    return found;
  };

  const pipeline = createPipeline({
    api: index.api,
    baseOrigin: settings.baseOrigin,
    credential,
    defaultSecurity: firstSecurity(index),
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: settings.maxResponseBytes,
    retry: settings.retry,
    check: createResponseCheck(
      index,
      settings.validate,
      options.onViolation,
      hooks.loadValidators,
      [credential],
    ),
  });
  const recorder = options.record ? createRecorder(index, options.record, [credential]) : undefined;
  const recorded = (transport: Transport): Transport => recorder?.wrap(transport) ?? transport;
  const baseTransport: Transport = recorded(
    options.fetch ?? ((request) => globalThis.fetch(request)),
  );
  const core = createClient<Paths>({
    baseUrl: settings.baseUrl,
    fetch: (request) =>
      pipeline(request, {
        operation: undefined,
        name: request.method,
        transport: baseTransport,
      }),
  });

  /** openapi-fetch init for one call: the operation's serialisers and the pipeline as `fetch`. */
  const prepare = (
    method: string,
    path: string,
    init: Init | undefined,
    seen?: (url: string) => void,
  ): Init => {
    const operation = find(method, path);
    const name = operation?.key ?? routeKey(method, path);
    const serialize = serializersFor(name, operation);
    const params = init?.params ?? {};
    const header = headerValues(serialize, params);
    const transport = init?.fetch ? recorded(init.fetch) : baseTransport;
    const { observe, ...rest } = init ?? {};
    return {
      querySerializer: serialize.query,
      pathSerializer: serialize.path,
      ...rest,
      params: { ...params, header },
      fetch: (request: Request) => {
        seen?.(request.url);
        return pipeline(request, { operation, name, transport, ...(observe ? { observe } : {}) });
      },
    };
  };

  const untypedCore = core as unknown as Record<(typeof METHODS)[number], CoreMethod> & {
    request: (method: string, url: string, init: Init) => ReturnType<CoreMethod>;
  };
  const scrub = (value: unknown): unknown => redactSecretsDeep(value, [credential]);
  const deps: PaginatorDeps = {
    api: index.api,
    baseOrigin: settings.baseOrigin,
    find,
    scrub,
    async getPage(path, params, signal): Promise<PageResult> {
      let url = settings.baseUrl + path;
      const init = prepare("GET", path, { params, ...(signal ? { signal } : {}) }, (u) => {
        url = u;
      });
      const { data, error, response } = await untypedCore.GET(path, init);
      return { status: response.status, ok: response.ok, body: response.ok ? data : error, url };
    },
    async getUrl(url, operation, params, signal): Promise<PageResult> {
      const headers = headerValues(serializersFor(operation.key, operation), params);
      const request = new Request(url, { method: "GET", headers, ...(signal ? { signal } : {}) });
      const response = await pipeline(request, {
        operation,
        name: operation.key,
        transport: baseTransport,
      });
      const text = await response.text();
      return { status: response.status, ok: response.ok, body: parseBody(text), url };
    },
  };

  const client: Record<string, unknown> = {
    request: (method: string, url: string, init?: Init) =>
      untypedCore.request(method, url, prepare(method, url, init)),
    use: core.use,
    eject: core.eject,
    paginate: (path: string, paginateOptions?: Parameters<typeof paginate>[2]) =>
      paginate(deps, path, paginateOptions ?? {}),
  };
  for (const method of METHODS) {
    client[method] = (url: string, init?: Init) =>
      untypedCore[method](url, prepare(method, url, init));
  }
  return client as unknown as ApiClient<Paths>;
}

interface Settings {
  readonly baseUrl: string;
  readonly baseOrigin: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly retry: ResolvedRetryOptions;
  readonly validate: ValidateMode;
}

/**
 * Check and default the options; every problem is a ClientOptionsError that never shows the
 * credential. A generated factory always passes `credential` (its `apiKey`/`token` option), so
 * `credential: undefined` means the caller's value was missing (an unset environment variable);
 * an internal caller that means "no credential" leaves the key out.
 */
function resolveSettings(
  index: ApiIndex,
  options: ApiClientOptions & { readonly credential?: string },
): Settings {
  const fail = (message: string) => new ClientOptionsError(index.api, message);
  const rawBase = options.baseUrl ?? index.servers[0];
  if (rawBase === undefined) throw fail("the spec lists no server; pass baseUrl");
  let base: URL;
  try {
    base = new URL(rawBase);
  } catch {
    throw fail(`baseUrl '${rawBase}' is not an absolute URL; pass e.g. https://api.example.com`);
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") {
    throw fail(`baseUrl '${rawBase}' must be http(s)`);
  }
  if (base.username || base.password) {
    throw fail("baseUrl must not hold user:password; pass the credential as the API key/token");
  }
  const { credential } = options;
  const security = firstSecurity(index);
  const option = security ? credentialOptionName(security) : "credential";
  if ("credential" in options || credential !== undefined) {
    if (credential === undefined || credential === null) {
      throw fail(
        `${option} is ${String(credential)}; pass the value your vendor issued (is the environment variable it is read from set?)`,
      );
    }
    if (typeof credential !== "string" || credential.trim() === "") {
      throw fail(`${option} is empty; pass the value your vendor issued`);
    }
    // Checked here because Headers' own error would quote the value.
    if (/[^\x20-\x7e\x80-\xff]/.test(credential)) {
      throw fail(`${option} holds control or non-Latin-1 characters; check how it was read`);
    }
    if (!security) {
      throw fail(`the spec declares no security scheme, so ${option} would never be sent`);
    }
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== "number" || Number.isNaN(timeoutMs) || timeoutMs <= 0) {
    throw fail(
      `timeoutMs must be a positive number of milliseconds (or Infinity); got ${String(timeoutMs)}`,
    );
  }
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (
    typeof maxResponseBytes !== "number" ||
    Number.isNaN(maxResponseBytes) ||
    maxResponseBytes <= 0
  ) {
    throw fail(
      `maxResponseBytes must be a positive number of bytes (or Infinity); got ${String(maxResponseBytes)}`,
    );
  }
  const validate = options.validate ?? "off";
  if (validate !== "off" && validate !== "report" && validate !== "throw") {
    throw fail(`validate must be "off", "report" or "throw"; got ${JSON.stringify(validate)}`);
  }
  if (validate === "report" && typeof options.onViolation !== "function") {
    throw fail('validate: "report" needs onViolation, the function that receives each violation');
  }
  let retry: ResolvedRetryOptions;
  try {
    retry = resolveRetryOptions(options.retry);
  } catch (error) {
    throw fail(error instanceof Error ? error.message : String(error));
  }
  const baseUrl = base.href.replace(/\/+$/, "");
  return { baseUrl, baseOrigin: base.origin, timeoutMs, maxResponseBytes, retry, validate };
}

/**
 * The generated factory's name for the credential option of `scheme` (`apiKey`, `token`,
 * `credentials`), so an error names what the caller wrote. Mirrors codegen's `credentialOption`,
 * which cannot be imported from this lower layer.
 */
export function credentialOptionName(scheme: SecuritySpec): string {
  if (scheme.type === "apiKey") return "apiKey";
  if (scheme.type === "http" && scheme.prefix === "Basic ") return "credentials";
  return "token";
}

function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** The first security scheme any operation uses: the API's scheme for paths the index lacks. */
function firstSecurity(index: ApiIndex): SecuritySpec | undefined {
  for (const operation of Object.values(index.operations)) {
    const scheme = operation.security[0]?.[0];
    if (scheme) return scheme;
  }
  return undefined;
}

/** Header and cookie parameters as the headers to send. */
function headerValues(serialize: OperationSerializers, params: RawParams): Record<string, string> {
  const header = serialize.header(params.header ?? {});
  const cookie = serialize.cookie(params.cookie ?? {});
  if (cookie !== undefined) header.Cookie = cookie;
  return header;
}

/** A page body as JSON, or its text when it is not JSON (error pages). */
function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
