/** HTTP methods an OpenAPI path item can hold. @see https://spec.openapis.org/oas/v3.1.0#path-item-object */
import { HTTP_METHOD_KEYS as HTTP_METHODS } from "../document/walk-schemas.js";
import { isJsonObject } from "../runtime/json-value.js";
import { child, type DocumentSide, type Located } from "./document-side.js";

/** A parameter after `$ref` resolution and path-level merging. */
export interface ParameterView {
  /** Matching key: `query:limit`, `header:x-id` (lower case), `path:0` (position in the template). */
  readonly key: string;
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly deprecated: boolean;
  /** The `x-sunset` date text, when given. */
  readonly sunset?: string;
  /** The serialisation in effect (defaults applied): only for a parameter described by a schema. */
  readonly style?: string;
  readonly explode?: boolean;
  readonly allowReserved: boolean;
  readonly loc: Located;
  readonly schema?: Located;
}

/** A response header after `$ref` resolution; matched case-insensitively. */
export interface HeaderView {
  readonly name: string;
  readonly required: boolean;
  readonly loc: Located;
  readonly schema?: Located;
}

/** One media type of a request body or response. */
export interface MediaView {
  readonly loc: Located;
  readonly schema?: Located;
}

/** A request body after `$ref` resolution. */
export interface RequestBodyView {
  readonly loc: Located;
  readonly required: boolean;
  readonly content: ReadonlyMap<string, MediaView>;
}

/** A response after `$ref` resolution; `status` is upper-cased (`2XX`, `default`). */
export interface ResponseView {
  readonly status: string;
  readonly loc: Located;
  readonly content: ReadonlyMap<string, MediaView>;
  /** By lower-cased name. */
  readonly headers: ReadonlyMap<string, HeaderView>;
}

/** The security requirements in force for an operation (its own, else the document's). */
export interface SecurityView {
  readonly pointer: string;
  readonly requirements: readonly Readonly<Record<string, readonly string[]>>[];
}

/** Everything the rules compare about one operation. */
export interface OperationView {
  /** `"GET /billing/org/v1/erp-invoices/{id}"`. */
  readonly label: string;
  /** The path with its parameter names blanked (`/a/{}`), so renaming a path parameter still matches. */
  readonly pathKey: string;
  readonly loc: Located;
  readonly operationId?: string;
  readonly deprecated: boolean;
  /** The operation's `x-sunset` date text, when given. */
  readonly sunset?: string;
  /** The operation's own `security` (not the document's), as oasdiff compares it. */
  readonly ownSecurity?: SecurityView;
  readonly parameters: ReadonlyMap<string, ParameterView>;
  readonly requestBody?: RequestBodyView;
  readonly responses: ReadonlyMap<string, ResponseView>;
  readonly security: SecurityView;
}

/** The template of a path with parameter names blanked: `/a/{id}` → `/a/{}`. */
export function pathKeyOf(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}

/**
 * Every operation of a document, keyed by `"METHOD /a/{}"` (see {@link pathKeyOf}); when two paths
 * differ only in parameter names, the later one is keyed by its exact label instead.
 */
export function collectOperations(side: DocumentSide): Map<string, OperationView> {
  const out = new Map<string, OperationView>();
  const paths = child(side.root, "paths");
  if (!isJsonObject(paths.node)) return out;
  for (const path of Object.keys(paths.node)) {
    const item = side.deref(child(paths, path));
    if (!isJsonObject(item.node)) continue;
    const shared = parametersOf(side, child(item, "parameters"), path);
    for (const method of HTTP_METHODS) {
      const op = child(item, method);
      if (!isJsonObject(op.node)) continue;
      const view = operationView(side, op, op.node, method, path, shared);
      const key = `${method.toUpperCase()} ${view.pathKey}`;
      out.set(out.has(key) ? view.label : key, view);
    }
  }
  return out;
}

function operationView(
  side: DocumentSide,
  op: Located,
  node: Record<string, unknown>,
  method: string,
  path: string,
  shared: Map<string, ParameterView>,
): OperationView {
  const parameters = new Map(shared);
  for (const [key, param] of parametersOf(side, child(op, "parameters"), path)) {
    parameters.set(key, param);
  }
  const responses = new Map<string, ResponseView>();
  const responsesLoc = child(op, "responses");
  if (isJsonObject(responsesLoc.node)) {
    for (const status of Object.keys(responsesLoc.node)) {
      const loc = side.deref(child(responsesLoc, status));
      const normalStatus = status.toUpperCase() === "DEFAULT" ? "default" : status.toUpperCase();
      responses.set(normalStatus, {
        status: normalStatus,
        loc,
        content: contentOf(side, loc),
        headers: headersOf(side, loc),
      });
    }
  }
  const bodyLoc = child(op, "requestBody");
  let requestBody: RequestBodyView | undefined;
  if (isJsonObject(bodyLoc.node)) {
    const loc = side.deref(bodyLoc);
    const required = isJsonObject(loc.node) && loc.node.required === true;
    requestBody = { loc, required, content: contentOf(side, loc) };
  }
  return {
    label: `${method.toUpperCase()} ${path}`,
    pathKey: pathKeyOf(path),
    loc: op,
    ...(typeof node.operationId === "string" ? { operationId: node.operationId } : {}),
    deprecated: node.deprecated === true,
    ...(sunsetOf(node) !== undefined ? { sunset: sunsetOf(node) as string } : {}),
    ...(Array.isArray(node.security) ? { ownSecurity: requirementsAt(child(op, "security")) } : {}),
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses,
    security: securityOf(side, op, node),
  };
}

function parametersOf(side: DocumentSide, list: Located, path: string): Map<string, ParameterView> {
  const out = new Map<string, ParameterView>();
  if (!Array.isArray(list.node)) return out;
  const templateNames = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  list.node.forEach((_, i) => {
    const loc = side.deref(child(list, i));
    const node = loc.node;
    if (!isJsonObject(node) || typeof node.name !== "string" || typeof node.in !== "string") return;
    const name = node.name;
    const location = node.in;
    const position = templateNames.indexOf(name);
    const key =
      location === "path" && position >= 0
        ? `path:${position}`
        : location === "header"
          ? `header:${name.toLowerCase()}`
          : `${location}:${name}`;
    let schema: Located | undefined;
    if (isJsonObject(node.schema)) schema = child(loc, "schema");
    else if (isJsonObject(node.content)) {
      const [mediaType] = Object.keys(node.content);
      const media =
        mediaType === undefined ? undefined : child(loc, "content", mediaType, "schema");
      if (media && isJsonObject(media.node)) schema = media;
    }
    // Defaults from the OpenAPI specification, so writing a default out is no change.
    const style =
      typeof node.style === "string"
        ? node.style
        : location === "query" || location === "cookie"
          ? "form"
          : "simple";
    const sunset = sunsetOf(node);
    out.set(key, {
      key,
      name,
      in: location,
      required: location === "path" || node.required === true,
      deprecated: node.deprecated === true,
      ...(sunset !== undefined ? { sunset } : {}),
      ...(isJsonObject(node.schema)
        ? {
            style,
            explode: typeof node.explode === "boolean" ? node.explode : style === "form",
          }
        : {}),
      allowReserved: node.allowReserved === true,
      loc,
      ...(schema ? { schema } : {}),
    });
  });
  return out;
}

function contentOf(side: DocumentSide, holder: Located): Map<string, MediaView> {
  const out = new Map<string, MediaView>();
  const content = child(holder, "content");
  if (!isJsonObject(content.node)) return out;
  for (const mediaType of Object.keys(content.node)) {
    const loc = side.deref(child(content, mediaType));
    const schema = child(loc, "schema");
    out.set(mediaType.toLowerCase(), { loc, ...(isJsonObject(schema.node) ? { schema } : {}) });
  }
  return out;
}

/** The `x-sunset` extension as text (a YAML date may have been parsed into a Date). */
export function sunsetOf(node: Record<string, unknown>): string | undefined {
  const value = node["x-sunset"];
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === "string" ? value : undefined;
}

function headersOf(side: DocumentSide, response: Located): Map<string, HeaderView> {
  const out = new Map<string, HeaderView>();
  const headers = child(response, "headers");
  if (!isJsonObject(headers.node)) return out;
  for (const name of Object.keys(headers.node)) {
    const loc = side.deref(child(headers, name));
    if (!isJsonObject(loc.node)) continue;
    let schema: Located | undefined;
    if (isJsonObject(loc.node.schema)) schema = child(loc, "schema");
    else if (isJsonObject(loc.node.content)) {
      const [mediaType] = Object.keys(loc.node.content);
      if (mediaType !== undefined) {
        const media = child(loc, "content", mediaType, "schema");
        if (isJsonObject(media.node)) schema = media;
      }
    }
    out.set(name.toLowerCase(), {
      name,
      required: loc.node.required === true,
      loc,
      ...(schema ? { schema } : {}),
    });
  }
  return out;
}

function requirementsAt(chosen: Located): SecurityView {
  const list = Array.isArray(chosen.node) ? chosen.node : [];
  const requirements = list.filter(isJsonObject).map((requirement) => {
    const out: Record<string, string[]> = {};
    for (const [scheme, scopes] of Object.entries(requirement)) {
      out[scheme] = Array.isArray(scopes) ? scopes.map(String) : [];
    }
    return out;
  });
  return { pointer: chosen.pointer, requirements };
}

/** The document's own top-level `security`, or undefined when it has none. */
export function globalSecurityOf(side: DocumentSide): SecurityView | undefined {
  const global = child(side.root, "security");
  return Array.isArray(global.node) ? requirementsAt(global) : undefined;
}

function securityOf(side: DocumentSide, op: Located, node: Record<string, unknown>): SecurityView {
  const own = Array.isArray(node.security) ? child(op, "security") : undefined;
  const global = child(side.root, "security");
  const chosen = own ?? (Array.isArray(global.node) ? global : undefined);
  if (!chosen || !Array.isArray(chosen.node)) return { pointer: op.pointer, requirements: [] };
  const requirements = chosen.node.filter(isJsonObject).map((requirement) => {
    const out: Record<string, string[]> = {};
    for (const [scheme, scopes] of Object.entries(requirement)) {
      out[scheme] = Array.isArray(scopes) ? scopes.map(String) : [];
    }
    return out;
  });
  return { pointer: chosen.pointer, requirements };
}
