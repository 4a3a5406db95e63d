/** The operation index of one API (the data in `generated/<api>/operations.ts`). */

import { derefObject } from "../document/follow-ref.js";
import type { OpenApiDocument } from "../document/load-document.js";
import { SpecError } from "../errors.js";
import { toPointer } from "../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import type {
  ApiIndex,
  OperationSpec,
  ParameterSpec,
  ResponseContentSpec,
  ResponseSpec,
  SpecWarning,
} from "../runtime/operation-index.js";
import { describePagination } from "./describe-pagination.js";
import { flattenSecurity } from "./flatten-security.js";
import { listOperations, listResponseBodies, type OperationEntry } from "./list-operations.js";

const LOCATIONS = new Set(["query", "path", "header", "cookie"]);

/** OpenAPI's default style per location. @see https://spec.openapis.org/oas/v3.1.0#fixed-fields-10 */
const DEFAULT_STYLE: Readonly<Record<ParameterSpec["in"], string>> = {
  query: "form",
  cookie: "form",
  path: "simple",
  header: "simple",
};

/** Server URLs with `{variables}` replaced by their defaults. @see https://spec.openapis.org/oas/v3.1.0#server-object */
export function serverUrls(document: OpenApiDocument): string[] {
  if (!Array.isArray(document.servers)) return [];
  return document.servers.filter(isJsonObject).flatMap((server) => {
    if (typeof server.url !== "string") return [];
    const variables = isJsonObject(server.variables) ? server.variables : {};
    return [
      server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
        const variable = variables[name];
        return isJsonObject(variable) && typeof variable.default === "string"
          ? variable.default
          : whole;
      }),
    ];
  });
}

function parameterSpec(
  document: OpenApiDocument,
  parameter: JsonObject,
  at: string,
  file: string,
): ParameterSpec {
  const location = parameter.in;
  if (
    typeof parameter.name !== "string" ||
    typeof location !== "string" ||
    !LOCATIONS.has(location)
  ) {
    throw new SpecError(
      `${file}: parameter at ${at} needs a 'name' and 'in' (query, path, header or cookie)`,
      file,
      at,
    );
  }
  const where = location as ParameterSpec["in"];
  const style = typeof parameter.style === "string" ? parameter.style : DEFAULT_STYLE[where];
  // A parameter described by `content` instead of `schema` uses its (single) media type's schema.
  const media = isJsonObject(parameter.content) ? Object.values(parameter.content)[0] : undefined;
  const given = parameter.schema ?? (isJsonObject(media) ? media.schema : undefined) ?? {};
  // A boolean schema (OpenAPI 3.1) as the object schema of the same meaning.
  const rawSchema = typeof given === "boolean" ? (given ? {} : { not: {} }) : given;
  return {
    name: parameter.name,
    in: where,
    required: typeof parameter.required === "boolean" ? parameter.required : where === "path",
    style,
    explode: typeof parameter.explode === "boolean" ? parameter.explode : style === "form",
    allowReserved: parameter.allowReserved === true,
    schema: derefObject(document, rawSchema, `${at}/schema`, file),
  };
}

/** Path-level parameters, overridden in place by operation-level ones of the same name and `in`. */
function mergedParameters(
  document: OpenApiDocument,
  entry: OperationEntry,
  file: string,
): ParameterSpec[] {
  const read = (list: unknown, base: string): ParameterSpec[] =>
    (Array.isArray(list) ? list : []).map((raw, index) => {
      const at = `${base}${toPointer(["parameters", index])}`;
      return parameterSpec(document, derefObject(document, raw, at, file), at, file);
    });
  const pathLevel = read(entry.pathItem.parameters, toPointer(["paths", entry.path]));
  const own = read(entry.operation.parameters, entry.pointer);
  const id = (p: ParameterSpec): string => `${p.in}:${p.name}`;
  const ownById = new Map(own.map((p) => [id(p), p]));
  const merged = pathLevel.map((p) => ownById.get(id(p)) ?? p);
  const inherited = new Set(pathLevel.map(id));
  return [...merged, ...own.filter((p) => !inherited.has(id(p)))];
}

function operationSpec(
  document: OpenApiDocument,
  entry: OperationEntry,
  file: string,
): OperationSpec {
  const { operation } = entry;
  let requestBody: OperationSpec["requestBody"] = null;
  if (operation.requestBody !== undefined) {
    const body = derefObject(document, operation.requestBody, `${entry.pointer}/requestBody`, file);
    requestBody = {
      required: body.required === true,
      contentTypes: isJsonObject(body.content) ? Object.keys(body.content) : [],
    };
  }
  const contents = new Map<string, ResponseContentSpec[]>();
  const statuses = isJsonObject(operation.responses) ? Object.keys(operation.responses) : [];
  for (const status of statuses) contents.set(status, []);
  for (const body of listResponseBodies(document, entry, file)) {
    contents.get(body.status)?.push({ type: body.mediaType, validator: body.validator });
  }
  const responses: Record<string, ResponseSpec> = {};
  for (const [status, content] of contents) responses[status] = { status, content };
  const ownSecurity = operation.security !== undefined;
  const spec: OperationSpec = {
    key: entry.key,
    operationId: entry.operationId,
    method: entry.method,
    path: entry.path,
    tags: Array.isArray(operation.tags) ? operation.tags.filter((t) => typeof t === "string") : [],
    parameters: mergedParameters(document, entry, file),
    requestBody,
    responses,
    security: flattenSecurity(
      document,
      ownSecurity ? operation.security : document.security,
      ownSecurity ? `${entry.pointer}/security` : "/security",
      file,
    ),
  };
  const pagination = describePagination(document, spec);
  return pagination === undefined ? spec : { ...spec, pagination };
}

/**
 * The operation index of `document` (already normalised by `prepareDocument`), with `warnings`
 * from the emitters attached. Problems that make the index wrong are {@link SpecError}s.
 */
export function buildOperationIndex(
  document: OpenApiDocument,
  api: string,
  file: string,
  warnings: readonly SpecWarning[] = [],
): ApiIndex {
  const info = isJsonObject(document.info) ? document.info : {};
  const operations: Record<string, OperationSpec> = {};
  for (const entry of listOperations(document, file)) {
    operations[entry.key] = operationSpec(document, entry, file);
  }
  return {
    api,
    title: typeof info.title === "string" ? info.title : api,
    version: typeof info.version === "string" ? info.version : "",
    openapi: String(document.openapi),
    servers: serverUrls(document),
    operations,
    warnings,
  };
}
