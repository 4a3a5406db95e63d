/** Security requirements flattened into where the credential goes and what precedes it. */

import { derefObject } from "../document/follow-ref.js";
import type { OpenApiDocument } from "../document/load-document.js";
import { SpecError } from "../errors.js";
import { toPointer } from "../runtime/json-pointer.js";
import { isJsonObject } from "../runtime/json-value.js";
import type { SecuritySpec } from "../runtime/operation-index.js";

/** Extension on an apiKey scheme giving the text put before the key (Gcore: `"apikey "`). */
export const PREFIX_EXTENSION = "x-api-contracts-prefix";

const API_KEY_LOCATIONS = new Set(["header", "query", "cookie"]);

/**
 * One security scheme flattened: apiKey → its `in`/`name` and {@link PREFIX_EXTENSION} (or "");
 * http → `Authorization` with `Bearer `, `Basic ` or the capitalised scheme name; oauth2 and
 * openIdConnect → `Authorization: Bearer `; mutualTLS → nothing to send (empty name).
 * @see https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
export function flattenSecurityScheme(
  document: OpenApiDocument,
  name: string,
  usedAt: string,
  file: string,
): SecuritySpec {
  const schemes = isJsonObject(document.components) ? document.components.securitySchemes : {};
  const raw = isJsonObject(schemes) ? schemes[name] : undefined;
  if (raw === undefined) {
    throw new SpecError(
      `${file}: security scheme '${name}' used at ${usedAt} is not defined under components.securitySchemes; define it or fix the name`,
      file,
      usedAt,
    );
  }
  const at = toPointer(["components", "securitySchemes", name]);
  const scheme = derefObject(document, raw, at, file);
  switch (scheme.type) {
    case "apiKey": {
      const location = String(scheme.in);
      if (!API_KEY_LOCATIONS.has(location) || typeof scheme.name !== "string") {
        throw new SpecError(
          `${file}: apiKey scheme at ${at} needs 'in' (header, query or cookie) and 'name'`,
          file,
          at,
        );
      }
      const prefix = scheme[PREFIX_EXTENSION];
      return {
        scheme: name,
        type: "apiKey",
        in: location as SecuritySpec["in"],
        name: scheme.name,
        prefix: typeof prefix === "string" ? prefix : "",
      };
    }
    case "http": {
      const httpScheme = String(scheme.scheme ?? "").toLowerCase();
      const label =
        httpScheme === "bearer"
          ? "Bearer"
          : httpScheme.charAt(0).toUpperCase() + httpScheme.slice(1);
      return {
        scheme: name,
        type: "http",
        in: "header",
        name: "Authorization",
        prefix: `${label} `,
      };
    }
    case "oauth2":
    case "openIdConnect":
      return {
        scheme: name,
        type: scheme.type,
        in: "header",
        name: "Authorization",
        prefix: "Bearer ",
      };
    case "mutualTLS":
      return { scheme: name, type: "mutualTLS", in: "header", name: "", prefix: "" };
    default:
      throw new SpecError(
        `${file}: security scheme at ${at} has unknown type ${JSON.stringify(scheme.type)}; expected apiKey, http, oauth2, openIdConnect or mutualTLS`,
        file,
        at,
      );
  }
}

/**
 * The security of one operation: its own `security`, else the document's; each requirement (AND)
 * flattened, alternatives (OR) kept in order. An empty requirement `{}` means "no auth".
 */
export function flattenSecurity(
  document: OpenApiDocument,
  security: unknown,
  pointer: string,
  file: string,
): SecuritySpec[][] {
  if (!Array.isArray(security)) return [];
  return security.map((requirement, index) =>
    isJsonObject(requirement)
      ? Object.keys(requirement).map((name) =>
          flattenSecurityScheme(document, name, `${pointer}${toPointer([index, name])}`, file),
        )
      : [],
  );
}
