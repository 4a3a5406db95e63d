/** `client.ts`: the typed client factory of one API (`createGcoreBillingClient`). */
import type { ApiIndex, SecuritySpec } from "../runtime/operation-index.js";
import { pascalCase } from "./api-naming.js";
import { docText } from "./file-header.js";

/** The scheme whose credential the factory takes: the first of the first secured operation. */
export function primarySecurity(index: ApiIndex): SecuritySpec | undefined {
  for (const operation of Object.values(index.operations)) {
    for (const requirement of operation.security) {
      const first = requirement[0];
      if (first && first.type !== "mutualTLS") return first;
    }
  }
  return undefined;
}

/** Name of the factory's credential option: `apiKey` for apiKey schemes, `credentials` for http basic, else `token`. */
export function credentialOption(security: SecuritySpec): string {
  if (security.type === "apiKey") return "apiKey";
  if (security.type === "http" && security.prefix === "Basic ") return "credentials";
  return "token";
}

/**
 * Names the client of `api` exports: `create<Pascal>Client` and `<Pascal>ClientOptions`. They never
 * collide with the other identifiers of `client.ts` and `index.ts` (`apiIndex`, `paths`,
 * `loadValidators`, `responseIndex`, `components`, `operations`, and the runtime, imported as the
 * namespace `runtime`): an API titled "API" gets `createApiClient`, which calls
 * `runtime.createApiClient`, not itself.
 */
export function clientNames(api: string): { factory: string; options: string } {
  const pascal = pascalCase(api);
  return { factory: `create${pascal}Client`, options: `${pascal}ClientOptions` };
}

/**
 * Source of `client.ts`: the factory binding `createApiClient` to the API's `paths` and index,
 * validating through `validation.ts`'s `loadValidators` (re-exported for the API's entry).
 */
export function emitClientSource(index: ApiIndex, runtimeImport: string): string {
  const { factory, options } = clientNames(index.api);
  const security = primarySecurity(index);
  const credential = security ? credentialOption(security) : undefined;
  const where = security
    ? security.in === "header"
      ? `header \`${security.name}: ${security.prefix}<${credential}>\``
      : `${security.in} parameter \`${security.name}\``
    : "";
  const lines = [
    // A namespace import: the API's own names (`createApiClient` for an API titled "API") cannot
    // shadow the runtime's.
    `import * as runtime from "${runtimeImport}/client/create-api-client.js";`,
    `import { apiIndex } from "./operations.js";`,
    `import type { paths } from "./types.js";`,
    `import { loadValidators } from "./validation.js";`,
    "",
    "export { loadValidators };",
    "",
    `/** Options for {@link ${factory}}. */`,
  ];
  if (security && credential) {
    lines.push(
      `export interface ${options} extends runtime.ApiClientOptions {`,
      `  /** Sent in the ${where} (security scheme \`${docText(security.scheme)}\`). */`,
      `  readonly ${credential}: string;`,
      "}",
    );
  } else {
    lines.push(`export interface ${options} extends runtime.ApiClientOptions {}`);
  }
  const base = index.servers[0] ? `; base URL ${index.servers[0]} unless \`baseUrl\` is given` : "";
  lines.push(
    "",
    `/** Typed client for ${docText(`${index.title} ${index.version}`)}${docText(base)}. */`,
  );
  if (security && credential) {
    lines.push(
      `export function ${factory}(options: ${options}): runtime.ApiClient<paths> {`,
      `  const { ${credential}, ...rest } = options;`,
      `  return runtime.createApiClient<paths>(apiIndex, { ...rest, credential: ${credential} }, { loadValidators });`,
    );
  } else {
    lines.push(
      `export function ${factory}(options: ${options} = {}): runtime.ApiClient<paths> {`,
      "  return runtime.createApiClient<paths>(apiIndex, options, { loadValidators });",
    );
  }
  lines.push("}", "");
  return lines.join("\n");
}
