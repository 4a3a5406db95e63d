/**
 * `specs/<api>/contract.json`: everything about one API that is not its document, beside it.
 * Credential variables per security scheme, the base URL (a fixed override and the variable that
 * overrides it at run time), ids for retrieve cases, and the semantic checks as data. Read
 * synchronously (it is small) by live runs, recordings and the suite's loader; `add` writes it
 * with defaults derived from the API id and the document's security schemes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../document/package-root.js";
import { parseDocumentText } from "../../document/parse-document-text.js";
import { isJsonObject, type JsonObject } from "../../runtime/json-value.js";
import { checkShape, type Shape, shapeToJsonSchema } from "./config-shape.js";
import type { ApiSemantics } from "./define-semantics.js";

/** File name of the per-API configuration inside `specs/<api>/`. */
export const API_CONFIG_FILE = "contract.json";

/** Variables of an HTTP Basic scheme: one for the user name, one for the password. */
export interface BasicVariables {
  readonly username: string;
  readonly password: string;
}

/** The semantic declarations of an API, as written in its config (the API id comes from the file). */
export type SemanticsConfig = Omit<ApiSemantics, "api">;

/** The parsed `specs/<api>/contract.json`. */
export interface ApiConfig {
  readonly $schema?: string;
  readonly $comment?: string;
  readonly api: string;
  /**
   * Security scheme name → the environment variable holding its credential (`GCORE_API_KEY`), or
   * for an HTTP Basic scheme the two variables. A live run uses the first entry.
   */
  readonly credentials: Readonly<Record<string, string | BasicVariables>>;
  /** Base URL of live runs when its variable is unset; default: the document's first server. */
  readonly baseUrl?: string;
  /** Variable that overrides the base URL at run time (`GCORE_BASE_URL`). */
  readonly baseUrlVariable: string;
  /** Ids for retrieve cases that no list supplies, when `idsVariable` is unset. */
  readonly ids?: readonly string[];
  /** Variable with comma-separated ids for retrieve cases (`MPT_INVOICE_IDS`). */
  readonly idsVariable: string;
  /** Semantic checks, bound to the document's parameters and fields (checked when loaded). */
  readonly semantics?: SemanticsConfig;
  /** Generated requests (`--max-examples`): settings of their checks. */
  readonly generation?: GenerationConfig;
}

/** The `generation` part of a config file. */
export interface GenerationConfig {
  /**
   * 4xx statuses a schema-valid generated request may get without failing
   * `positive_data_acceptance`, replacing 401, 403 and 429 (404 stays expected where the
   * operation has path parameters).
   */
  readonly expectedStatuses?: readonly number[];
}

const VARIABLE: Shape = {
  kind: "string",
  pattern: /^[A-Z_][A-Z0-9_]*$/,
  expected: "an environment variable name in upper case, such as 'ACME_TOKEN'",
};
const POINTER: Shape = {
  kind: "string",
  pattern: /^\/.*/,
  expected: "a JSON Pointer into a record, such as '/amount_total' ('*' for every array item)",
};
const NAME: Shape = { kind: "string" };

/** The declared shape of a config file (also the JSON Schema editors get). */
export const API_CONFIG_SHAPE: Shape = {
  kind: "object",
  description: "specs/<api>/contract.json: live-run settings and semantic checks of one API",
  required: ["api", "credentials", "baseUrlVariable", "idsVariable"],
  fields: {
    $schema: NAME,
    $comment: NAME,
    api: {
      kind: "string",
      pattern: /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/,
      expected: "the API id (the folder name)",
    },
    credentials: {
      kind: "record",
      keys: "security scheme name → variable (or { username, password } variables for HTTP Basic)",
      values: {
        kind: "oneOf",
        expected: 'a variable name, or { "username": VAR, "password": VAR }',
        options: [
          VARIABLE,
          {
            kind: "object",
            fields: { username: VARIABLE, password: VARIABLE },
            required: ["username", "password"],
          },
        ],
      },
    },
    baseUrl: {
      kind: "string",
      pattern: /^https?:\/\/[^\s]+$/,
      expected: "an absolute http(s) URL",
    },
    baseUrlVariable: VARIABLE,
    ids: { kind: "array", items: NAME },
    idsVariable: VARIABLE,
    semantics: {
      kind: "object",
      fields: {
        filters: {
          kind: "array",
          items: {
            kind: "object",
            required: ["param", "field", "match"],
            fields: {
              param: NAME,
              field: POINTER,
              match: { kind: "string", enum: ["equal", "at-least", "at-most"] },
            },
          },
        },
        ordering: {
          kind: "object",
          required: ["param", "keys"],
          fields: {
            param: NAME,
            keys: {
              kind: "record",
              keys: "ordering key (without '-') → field and comparison",
              values: {
                kind: "object",
                required: ["field", "compare"],
                fields: {
                  field: POINTER,
                  compare: {
                    kind: "string",
                    enum: ["number", "decimal", "date", "date-time", "string"],
                  },
                },
              },
            },
          },
        },
        pagination: {
          kind: "object",
          description:
            "parameter names and page keys come from the operation's pagination description (codegen); this adds the item's identity",
          required: ["itemKey"],
          fields: { itemKey: POINTER, results: NAME },
        },
        money: {
          kind: "array",
          items: {
            kind: "object",
            required: ["name", "parts", "total"],
            fields: {
              name: NAME,
              parts: { kind: "array", items: POINTER },
              total: POINTER,
              tolerance: {
                kind: "string",
                pattern: /^\d+(?:\.\d+)?$/,
                expected: "a decimal string such as '0.01'",
              },
            },
          },
        },
        dates: {
          kind: "array",
          items: {
            kind: "object",
            required: ["from", "to"],
            fields: { from: POINTER, to: POINTER },
          },
        },
        retrieveMatchesList: { kind: "boolean" },
      },
    },
    generation: {
      kind: "object",
      description:
        "generated requests (--max-examples): expectedStatuses are the 4xx a schema-valid request may get (replacing 401, 403, 429; 404 stays expected with path parameters)",
      fields: {
        expectedStatuses: {
          kind: "array",
          items: { kind: "integer", minimum: 400, maximum: 499 },
        },
      },
    },
  },
};

/** The JSON Schema of a config file, committed as `specs/contract.schema.json` for editors. */
export function apiConfigJsonSchema(): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "api-contracts/contract.schema.json",
    title: "api-contracts per-API config (specs/<api>/contract.json)",
    ...shapeToJsonSchema(API_CONFIG_SHAPE),
  };
}

/**
 * Parse and check the text of a config file: JSON syntax errors name the file and line; a wrong or
 * unknown key names the file, its JSON Pointer and the closest known key.
 * @throws ApiConfigError, SpecError (syntax)
 */
export function parseApiConfig(text: string, file: string, api?: string): ApiConfig {
  const raw = parseDocumentText(text, file);
  checkShape(raw, API_CONFIG_SHAPE, file, []);
  const config = raw as unknown as ApiConfig;
  if (api !== undefined && config.api !== api) {
    checkShape(
      config.api,
      { kind: "string", enum: [api], expected: `'${api}' (the folder name)` },
      file,
      ["api"],
    );
  }
  return config;
}

/** `ACME_STORE` for `acme-store`: the prefix of an API's variables. */
export function variablePrefix(api: string): string {
  return api.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
}

/**
 * The config of an API without a file: no scheme's variable (a live run then reads
 * `<PREFIX>_TOKEN`, see live-credentials.ts), `<PREFIX>_BASE_URL`, `<PREFIX>_IDS`, no semantic checks.
 */
export function fallbackApiConfig(api: string): ApiConfig {
  const prefix = variablePrefix(api);
  return {
    api,
    credentials: {},
    baseUrlVariable: `${prefix}_BASE_URL`,
    idsVariable: `${prefix}_IDS`,
  };
}

/** The variable(s) a scheme's credential is read from, by the scheme's type. */
function schemeVariables(prefix: string, scheme: JsonObject): string | BasicVariables {
  const http = typeof scheme.scheme === "string" ? scheme.scheme.toLowerCase() : "";
  if (scheme.type === "apiKey") return `${prefix}_API_KEY`;
  if (scheme.type === "http" && http === "basic")
    return { username: `${prefix}_USERNAME`, password: `${prefix}_PASSWORD` };
  return `${prefix}_TOKEN`;
}

/**
 * The config `add` writes for a new API: a variable per security scheme of the vendored document
 * (apiKey → `<PREFIX>_API_KEY`, HTTP Bearer, OAuth 2 and OpenID Connect → `<PREFIX>_TOKEN`, HTTP
 * Basic → `<PREFIX>_USERNAME` / `<PREFIX>_PASSWORD`; a second scheme of the same kind gets its
 * name in the variable), the base URL and ids variables, and no semantic checks.
 */
export function defaultApiConfig(api: string, document: unknown): ApiConfig {
  const prefix = variablePrefix(api);
  const components =
    isJsonObject(document) && isJsonObject(document.components) ? document.components : {};
  const schemes = isJsonObject(components.securitySchemes) ? components.securitySchemes : {};
  const credentials: Record<string, string | BasicVariables> = {};
  const taken = new Set<string>();
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!isJsonObject(scheme)) continue;
    let variables = schemeVariables(prefix, scheme);
    const first = typeof variables === "string" ? variables : variables.username;
    if (taken.has(first)) variables = schemeVariables(`${prefix}_${variablePrefix(name)}`, scheme);
    for (const variable of typeof variables === "string" ? [variables] : Object.values(variables)) {
      taken.add(variable);
    }
    credentials[name] = variables;
  }
  return {
    $schema: "../contract.schema.json",
    api,
    credentials,
    baseUrlVariable: `${prefix}_BASE_URL`,
    idsVariable: `${prefix}_IDS`,
  };
}

/** Text of a config file: 2-space JSON with a trailing newline. */
export function serializeApiConfig(config: ApiConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Where an API's config lives, relative to the root (for messages). */
export function apiConfigPath(api: string): string {
  return `specs/${api}/${API_CONFIG_FILE}`;
}

/**
 * The config of `api` under `root` (default: the package root), or {@link fallbackApiConfig}
 * when the folder has none. @throws ApiConfigError for a malformed file
 */
export function readApiConfig(api: string, root: string = packageRoot()): ApiConfig {
  let text: string;
  try {
    text = readFileSync(join(root, "specs", api, API_CONFIG_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return fallbackApiConfig(api);
    throw error;
  }
  return parseApiConfig(text, apiConfigPath(api), api);
}
