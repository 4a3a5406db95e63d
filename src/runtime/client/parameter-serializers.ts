/**
 * Per-parameter serialisation from the spec's `style`/`explode`/`allowReserved`, one serialiser per
 * operation, built from the operation index. openapi-fetch only offers one global
 * `querySerializer` (openapi-ts/openapi-typescript #1608, #1388, #1533); the client passes these
 * per request instead.
 *
 * Encoding rule (RFC 6570 §3.2, which OpenAPI's styles are defined by, and OpenAPI's
 * `allowReserved`): a value is percent-encoded except for RFC 3986 unreserved characters
 * (`A-Z a-z 0-9 - . _ ~`). So `select=-lines,+audit` goes out as `select=-lines%2C%2Baudit`,
 * which every server decodes back to exactly `-lines,+audit`; sending a literal `+` instead would
 * reach form-decoding servers as a space. Delimiters that a style adds (the `,` of
 * `form`/`explode: false`, `|`, `%20`, `&`) are literal, so `ordering=-invoice_date,id`.
 * With `allowReserved: true` the RFC 3986 reserved characters stay literal too.
 * @see https://spec.openapis.org/oas/v3.1.0#style-values
 * @see https://www.rfc-editor.org/rfc/rfc3986#section-2.2
 */

import { ApiContractsError } from "../../errors.js";
import { isJsonObject } from "../json-value.js";
import type { ParameterSpec } from "../operation-index.js";

/**
 * A value could not be serialised in its parameter's style, or a required path value is missing:
 * the caller's value, so exit 2.
 */
export class ParameterError extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "ParameterError";
  constructor(
    readonly operation: string,
    readonly parameter: string,
    message: string,
  ) {
    super(`${operation}: parameter '${parameter}' ${message}`);
  }
}

/** Serialisers for one operation's parameters, in the shapes openapi-fetch takes per request. */
export interface OperationSerializers {
  /** openapi-fetch `querySerializer`: query object → query string without `?`. */
  readonly query: (query: Readonly<Record<string, unknown>>) => string;
  /** openapi-fetch `pathSerializer`: fills `{name}` templates of `pathname` (which includes the base URL). */
  readonly path: (pathname: string, pathParams: Readonly<Record<string, unknown>>) => string;
  /** Header parameters → header values (`simple` style, no percent-encoding). */
  readonly header: (header: Readonly<Record<string, unknown>>) => Record<string, string>;
  /** Cookie parameters → one `Cookie` header value, or undefined when there are none. */
  readonly cookie: (cookie: Readonly<Record<string, unknown>>) => string | undefined;
}

/** Percent-encode everything but RFC 3986 unreserved characters (RFC 6570 simple expansion). */
export function encodeStrict(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Percent-encode, leaving RFC 3986 unreserved and reserved characters literal (`allowReserved`). */
export function encodeAllowReserved(text: string): string {
  return encodeURIComponent(text).replace(
    /%(3A|2F|3F|23|5B|5D|40|24|26|2B|2C|3B|3D)/gi,
    (triplet) => decodeURIComponent(triplet),
  );
}

/** Build the serialisers of one operation (`operation` names it in errors). */
export function createOperationSerializers(
  operation: string,
  parameters: readonly ParameterSpec[],
): OperationSerializers {
  const byIn = (where: ParameterSpec["in"]) =>
    new Map(parameters.filter((p) => p.in === where).map((p) => [p.name, p]));
  const query = byIn("query");
  const path = byIn("path");
  const header = byIn("header");
  const cookie = byIn("cookie");

  return {
    query(values) {
      const parts: string[] = [];
      for (const [name, value] of Object.entries(values)) {
        const spec = query.get(name) ?? defaultSpec(name, "query");
        parts.push(...serializeQuery(operation, spec, value));
      }
      return parts.join("&");
    },
    path(pathname, values) {
      return pathname.replace(/\{([^{}]+)\}/g, (template, name: string) => {
        const spec = path.get(name) ?? defaultSpec(name, "path");
        const value = values[name];
        if (value === undefined || value === null) {
          if (!path.has(name) && !(name in values)) return template;
          throw new ParameterError(
            operation,
            name,
            "is a required path parameter; pass it in params.path",
          );
        }
        return serializePath(operation, spec, value);
      });
    },
    header(values) {
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(values)) {
        if (value === undefined || value === null) continue;
        const spec = header.get(name) ?? defaultSpec(name, "header");
        out[name] = serializeSimple(operation, spec, value, (s) => s);
      }
      return out;
    },
    cookie(values) {
      const parts: string[] = [];
      for (const [name, value] of Object.entries(values)) {
        if (value === undefined || value === null) continue;
        const spec = cookie.get(name) ?? defaultSpec(name, "cookie");
        parts.push(...serializeQuery(operation, spec, value));
      }
      return parts.length > 0 ? parts.join("; ") : undefined;
    },
  };
}

/** OpenAPI's defaults for a parameter the index does not list. */
function defaultSpec(name: string, where: ParameterSpec["in"]): ParameterSpec {
  const form = where === "query" || where === "cookie";
  return {
    name,
    in: where,
    required: where === "path",
    style: form ? "form" : "simple",
    explode: form,
    allowReserved: false,
    schema: {},
  };
}

/** `form`, `spaceDelimited`, `pipeDelimited` and `deepObject`: name=value pairs (without `&`). */
function serializeQuery(operation: string, spec: ParameterSpec, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const encode = spec.allowReserved ? encodeAllowReserved : encodeStrict;
  const name = encodeStrict(spec.name);
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    const items = value.map((item) => encode(primitive(operation, spec, item)));
    if (spec.explode || spec.style === "deepObject") return items.map((item) => `${name}=${item}`);
    return [`${name}=${items.join(delimiter(spec.style))}`];
  }
  if (typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
    if (spec.style === "deepObject") {
      return entries.map(
        ([k, v]) => `${name}[${encodeStrict(k)}]=${encode(primitive(operation, spec, v))}`,
      );
    }
    const pairs = entries.map(([k, v]) => [encodeStrict(k), encode(primitive(operation, spec, v))]);
    if (spec.explode) return pairs.map(([k, v]) => `${k}=${v}`);
    return [`${name}=${pairs.flat().join(delimiter(spec.style))}`];
  }
  return [`${name}=${encode(primitive(operation, spec, value))}`];
}

function delimiter(style: string): string {
  if (style === "spaceDelimited") return "%20";
  if (style === "pipeDelimited") return "|";
  return ",";
}

/** `simple`, `label` and `matrix` path values. */
function serializePath(operation: string, spec: ParameterSpec, value: unknown): string {
  const name = encodeStrict(spec.name);
  if (spec.style === "label") {
    const joiner = spec.explode ? "." : ",";
    const pairSeparator = spec.explode ? "=" : ",";
    return `.${listOrPairs(operation, spec, value, encodeStrict, pairSeparator).join(joiner)}`;
  }
  if (spec.style === "matrix") {
    if (Array.isArray(value) && spec.explode) {
      return value
        .map((item) => `;${name}=${encodeStrict(primitive(operation, spec, item))}`)
        .join("");
    }
    if (isJsonObject(value) && spec.explode) {
      return listOrPairs(operation, spec, value, encodeStrict, "=")
        .map((pair) => `;${pair}`)
        .join("");
    }
    return `;${name}=${listOrPairs(operation, spec, value, encodeStrict, ",").join(",")}`;
  }
  return serializeSimple(operation, spec, value, encodeStrict);
}

/** `simple` style (paths, headers): comma-joined lists, `k,v` or (explode) `k=v` pairs. */
function serializeSimple(
  operation: string,
  spec: ParameterSpec,
  value: unknown,
  encode: (text: string) => string,
): string {
  return listOrPairs(operation, spec, value, encode, spec.explode ? "=" : ",").join(",");
}

/** Items of a list, `k<sep>v` pairs of an object, or the one primitive, each encoded. */
function listOrPairs(
  operation: string,
  spec: ParameterSpec,
  value: unknown,
  encode: (text: string) => string,
  pairSeparator: string,
): string[] {
  if (Array.isArray(value)) return value.map((item) => encode(primitive(operation, spec, item)));
  if (isJsonObject(value)) {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${encode(k)}${pairSeparator}${encode(primitive(operation, spec, v))}`);
  }
  return [encode(primitive(operation, spec, value))];
}

/** A scalar as text; nested arrays and objects have no OpenAPI serialisation. */
function primitive(operation: string, spec: ParameterSpec, value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  throw new ParameterError(
    operation,
    spec.name,
    `holds a nested ${Array.isArray(value) ? "array" : typeof value}, which style '${spec.style}' cannot serialise; pass scalars`,
  );
}
