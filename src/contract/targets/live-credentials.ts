/**
 * Live-run settings from the environment, per API: the credential (required: when it is unset
 * the suite stops with a setup error, or skips the API when asked to), an optional base URL (default: the spec's server) and, for APIs without a list
 * operation, ids to retrieve. Names follow each vendor's own tooling: Gcore's `GCORE_API_KEY`,
 * SoftwareOne's `MPT_API_TOKEN` / `MPT_API_BASE_URL` (as its Python client reads them).
 * A variable that is set but malformed is a set-up error (exit 2) that never shows the value.
 */
import { ContractSetupError } from "../contract-errors.js";

/** The environment variable names of one API. */
export interface LiveEnvNames {
  readonly credential: string;
  readonly baseUrl: string;
  /** Comma-separated ids for get-by-id operations that no list supplies. */
  readonly ids: string;
}

/** Names for the vendored APIs; other APIs get names derived from their id (see {@link envNamesFor}). */
export const LIVE_ENV: Readonly<Record<string, LiveEnvNames>> = {
  "gcore-billing": { credential: "GCORE_API_KEY", baseUrl: "GCORE_BASE_URL", ids: "GCORE_IDS" },
  "softwareone-marketplace": {
    credential: "MPT_API_TOKEN",
    baseUrl: "MPT_API_BASE_URL",
    ids: "MPT_INVOICE_IDS",
  },
};

/** The variable names of `api`: the table's, else `<API_ID>_TOKEN`, `_BASE_URL`, `_IDS`. */
export function envNamesFor(api: string): LiveEnvNames {
  const known = LIVE_ENV[api];
  if (known) return known;
  const prefix = api.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  return { credential: `${prefix}_TOKEN`, baseUrl: `${prefix}_BASE_URL`, ids: `${prefix}_IDS` };
}

/** A live API ready to run, or skipped with a one-line reason. */
export type LiveSetup =
  | {
      readonly api: string;
      readonly credential: string;
      readonly baseUrl: string;
      /** Ids from the ids variable; undefined when it is not set. */
      readonly ids: readonly string[] | undefined;
      readonly names: LiveEnvNames;
    }
  | { readonly api: string; readonly skipped: string };

/** What is wrong with a credential value, or undefined when it is usable. The value is never quoted. */
function credentialProblem(value: string): string | undefined {
  if (value.trim() === "") return "is set but empty";
  if (/[\r\n]/.test(value))
    return "contains a line break (was it read from a file with a trailing newline?)";
  if (value !== value.trim()) return "has leading or trailing whitespace";
  if (/\s/.test(value)) return "contains whitespace";
  if (/[^\x21-\x7e]/.test(value)) return "contains control or non-ASCII characters";
  return undefined;
}

function readBaseUrl(name: string, value: string): string {
  const problem = "must be an absolute http(s) URL such as https://api.example.com";
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ContractSetupError(`${name} ${problem}`, name);
  }
  if (value.trim() !== value || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new ContractSetupError(`${name} ${problem}`, name);
  }
  if (url.username || url.password) {
    throw new ContractSetupError(
      `${name} must not hold user:password; put the credential in its own variable`,
      name,
    );
  }
  return url.href.replace(/\/+$/, "");
}

function readIds(name: string, value: string): string[] {
  const ids = value.split(",");
  if (ids.some((id) => id === "" || credentialProblem(id) !== undefined)) {
    throw new ContractSetupError(
      `${name} must be a comma-separated list of ids without spaces or empty entries, e.g. INV-1234-5678-9012,INV-2345-6789-0123`,
      name,
    );
  }
  return ids;
}

/**
 * The live settings of `api` from `env`. Unset credential: skipped. Malformed variable (empty,
 * whitespace, a line break, a bad URL or id list): ContractSetupError.
 */
export function readLiveSetup(
  api: string,
  defaultBaseUrl: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): LiveSetup {
  const names = envNamesFor(api);
  const credential = env[names.credential];
  if (credential === undefined) {
    return { api, skipped: `${names.credential} is not set` };
  }
  const problem = credentialProblem(credential);
  if (problem) {
    throw new ContractSetupError(
      `${names.credential} ${problem}; the value is not shown`,
      names.credential,
    );
  }
  const rawBase = env[names.baseUrl];
  const baseUrl = rawBase === undefined ? defaultBaseUrl : readBaseUrl(names.baseUrl, rawBase);
  if (baseUrl === undefined) {
    return { api, skipped: `the spec lists no server and ${names.baseUrl} is not set` };
  }
  const rawIds = env[names.ids];
  const ids = rawIds === undefined ? undefined : readIds(names.ids, rawIds);
  return { api, credential, baseUrl, ids, names };
}

/**
 * Check every API's variables before anything is loaded or sent, so that a malformed one fails
 * the run at once (exit 2). @throws ContractSetupError
 */
export function assertLiveVariables(
  apis: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): void {
  for (const api of apis) readLiveSetup(api, undefined, env);
}
