import createClient, { type Client } from "openapi-fetch";
import type { ApiIndex } from "../operation-index.js";
import type { ValidatorModule } from "../validate/types.js";

/** Options every generated client factory accepts (besides its credential). */
export interface ApiClientOptions {
  /** Defaults to the spec's first server URL. */
  readonly baseUrl?: string;
  readonly fetch?: typeof globalThis.fetch;
}

/** Hooks the generated factory passes in; validators load lazily so `validate: "off"` costs nothing. */
export interface ApiClientHooks {
  readonly loadValidators: () => Promise<ValidatorModule>;
}

/** The openapi-fetch client for an API's `paths`. */
export type ApiClient<Paths extends {}> = Client<Paths>;

/**
 * Build the typed client for one API from its operation index: base URL and the spec's security
 * scheme applied. MINIMAL VERSION: the client issue replaces this body.
 */
export function createApiClient<Paths extends {}>(
  index: ApiIndex,
  options: ApiClientOptions & { readonly credential?: string },
  _hooks: ApiClientHooks,
): ApiClient<Paths> {
  const scheme = Object.values(index.operations)[0]?.security[0]?.[0];
  const headers: Record<string, string> = {};
  if (scheme && options.credential !== undefined && scheme.in === "header") {
    headers[scheme.name] = `${scheme.prefix}${options.credential}`;
  }
  return createClient<Paths>({
    baseUrl: options.baseUrl ?? index.servers[0] ?? "",
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
