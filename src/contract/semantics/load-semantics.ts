/**
 * An API's semantics at run time: the `semantics` part of `specs/<api>/contract.json`, checked
 * against the vendored document when loaded (see check-semantic-fields.ts), so that a misspelt
 * field is a set-up error (exit 2) rather than a check that silently never runs.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { OpenApiDocument } from "../../document/load-document.js";
import { packageRoot } from "../../document/package-root.js";
import { API_CONFIG_FILE, apiConfigPath, readApiConfig } from "./api-config.js";
import { checkSemanticFields } from "./check-semantic-fields.js";
import type { ApiSemantics } from "./define-semantics.js";

/** The config file that declares `api`'s semantics (absolute), or undefined when there is none. */
export function semanticsFile(api: string, root: string = packageRoot()): string | undefined {
  const file = join(root, "specs", api, API_CONFIG_FILE);
  return existsSync(file) ? file : undefined;
}

/**
 * The semantics of `api` checked against its `document`, or undefined when its config declares
 * none (semantic checks stay off). @throws ApiConfigError for a malformed config or a parameter
 * or field the document lacks
 */
export function loadSemantics(
  api: string,
  document: OpenApiDocument,
  root: string = packageRoot(),
): ApiSemantics | undefined {
  const config = readApiConfig(api, root);
  if (config.semantics === undefined) return undefined;
  checkSemanticFields(config.semantics, document, apiConfigPath(api));
  return { api, ...config.semantics };
}
