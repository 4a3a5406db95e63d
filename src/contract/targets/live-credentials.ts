/**
 * Live-run settings from the environment, per API: the credential (required: when it is unset
 * the suite stops with a setup error, or skips the API when asked to), an optional base URL (default: the config's `baseUrl`, else the spec's server) and, for APIs without a list
 * operation, ids to retrieve. The variables' names come from the API's `specs/<api>/contract.json`
 * (api-config.ts): Gcore's `GCORE_API_KEY`, SoftwareOne's `MPT_API_TOKEN` / `MPT_API_BASE_URL`
 * (as its Python client reads them), or names derived from the API id.
 * A variable that is set but malformed is a set-up error (exit 2) that never shows the value.
 */

import { ContractSetupError } from "../contract-errors.js";
import { type ApiConfig, readApiConfig } from "../semantics/api-config.js";

/** The environment variable names of one API. */
export interface LiveEnvNames {
  /** The credential (for HTTP Basic: the user name). */
  readonly credential: string;
  /** HTTP Basic only: the password's variable; the credential sent is base64 of `user:password`. */
  readonly password?: string;
  readonly baseUrl: string;
  /** Comma-separated ids for get-by-id operations that no list supplies. */
  readonly ids: string;
}

/** The variable names of `api`, from its config (the first credential entry is the one used). */
export function envNamesFor(api: string, config: ApiConfig = readApiConfig(api)): LiveEnvNames {
  const first = Object.values(config.credentials)[0];
  const credential =
    first === undefined
      ? { credential: `${api.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_TOKEN` }
      : typeof first === "string"
        ? { credential: first }
        : { credential: first.username, password: first.password };
  return { ...credential, baseUrl: config.baseUrlVariable, ids: config.idsVariable };
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

/** One variable's value, checked; undefined when unset. */
function readVariable(
  name: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const problem = credentialProblem(value);
  if (problem) throw new ContractSetupError(`${name} ${problem}; the value is not shown`, name);
  return value;
}

/** The credential to send: the variable's value, or for HTTP Basic base64 of `user:password`. */
function readCredential(
  names: LiveEnvNames,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const first = readVariable(names.credential, env);
  if (names.password === undefined) return first;
  const password = readVariable(names.password, env);
  if (first === undefined || password === undefined) return undefined;
  return Buffer.from(`${first}:${password}`, "utf8").toString("base64");
}

/**
 * The live settings of `api` from `env`. Unset credential: skipped. Malformed variable (empty,
 * whitespace, a line break, a bad URL or id list): ContractSetupError.
 */
export function readLiveSetup(
  api: string,
  defaultBaseUrl: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  config: ApiConfig = readApiConfig(api),
): LiveSetup {
  const names = envNamesFor(api, config);
  const credential = readCredential(names, env);
  if (credential === undefined) {
    const unset = [names.credential, names.password].filter(
      (n) => n !== undefined && env[n] === undefined,
    );
    return { api, skipped: `${unset.join(" and ")} ${unset.length > 1 ? "are" : "is"} not set` };
  }
  const rawBase = env[names.baseUrl];
  const baseUrl =
    rawBase === undefined
      ? (config.baseUrl ?? defaultBaseUrl)
      : readBaseUrl(names.baseUrl, rawBase);
  if (baseUrl === undefined) {
    return { api, skipped: `the spec lists no server and ${names.baseUrl} is not set` };
  }
  const rawIds = env[names.ids];
  const ids = rawIds === undefined ? config.ids : readIds(names.ids, rawIds);
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
