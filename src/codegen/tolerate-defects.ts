/**
 * Defects of real vendor documents that do not stop anyone from typing or validating them, worked
 * around on codegen's copy with one named warning each (`<name>: …`, with the JSON Pointer where
 * the defect is), instead of refusing the whole document. openapi-typescript and Prism accept such
 * documents; `--strict` turns these warnings into exit 2 for users who want the gate.
 *
 * Tolerated here:
 * - `duplicate-operation-id`: two operations with one operationId (say GET and HEAD of a path), or
 *   whose keys differ only in characters generated identifiers cannot hold (`get-a` / `get_a`):
 *   the later one gets a distinct generated name (`<operationId>_<method>`);
 * - `undefined-security-scheme`: a security requirement naming a scheme that
 *   `components.securitySchemes` does not define is ignored for that operation;
 * - `unusable-security-scheme`: a defined scheme the client cannot use (an apiKey without `in`
 *   or `name`, an unknown `type`) is ignored likewise;
 * - `invalid-parameter`: a parameter without `name`, or with an `in` other than query, path,
 *   header or cookie (Swagger 2's `body`/`formData` left in a 3.x document), is dropped;
 * - `undeclared-path-parameter`: a `{name}` of the path template that no parameter declares is
 *   added as a required string path parameter, so the client can fill it in;
 * - `unresolvable-ref`: a local `$ref` that points at nothing: in a schema, the schema accepts
 *   any value (its other keywords stay); elsewhere (a parameter, a response, …) the referring
 *   object is left out. A discriminator `mapping` entry naming nothing is dropped likewise.
 *   External references are not defects but unbundled input: the ref check refuses them.
 * @see https://spec.openapis.org/oas/v3.1.0#operation-object (operationId "MUST be unique")
 * @see https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */

import { resolveLocal } from "../document/follow-ref.js";
import type { OpenApiDocument } from "../document/load-document.js";
import {
  collectSchemaResources,
  HTTP_METHOD_KEYS,
  mapDocumentNodes,
  REMOVE,
  resolveRefTokens,
  type SchemaResources,
} from "../document/walk-schemas.js";
import { SpecError } from "../errors.js";
import { toPointer } from "../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import type { SpecWarning } from "../runtime/operation-index.js";
import { flattenSecurityScheme } from "./flatten-security.js";
import { operationKey } from "./list-operations.js";

/** Names of the defects this module tolerates, as the warnings start with them. */
export const TOLERATED_DEFECTS = [
  "duplicate-operation-id",
  "undefined-security-scheme",
  "unusable-security-scheme",
  "invalid-parameter",
  "unresolvable-ref",
  "undeclared-path-parameter",
] as const;

/** One of {@link TOLERATED_DEFECTS}. */
export type DefectName = (typeof TOLERATED_DEFECTS)[number];

/** A document with its tolerated defects worked around, and a warning per defect. */
export interface ToleratedDocument {
  readonly document: OpenApiDocument;
  readonly warnings: readonly SpecWarning[];
}

const PARAMETER_LOCATIONS = new Set(["query", "path", "header", "cookie"]);

/** How generated identifiers spell an operation key (see validator-name.ts). */
function identifierOf(key: string): string {
  return key.replace(/[^A-Za-z0-9_]/g, "_");
}

/**
 * A copy of `document` with the defects listed in this module's doc comment worked around, and
 * their warnings in document order. The input is not modified; a document without such defects
 * comes back as the same object.
 */
export function tolerateDefects(input: OpenApiDocument, file: string): ToleratedDocument {
  let document = input;
  const warnings: SpecWarning[] = [];
  const warn = (name: DefectName, pointer: string, message: string): void => {
    warnings.push({ pointer, message: `${name}: ${message}` });
  };
  // Dangling refs first: a scheme or parameter left out by it is then handled as missing.
  document = withoutDanglingRefs(document, warn);
  const unusable = unusableSchemes(document, file, warn);
  const keepRequirements = (security: unknown, tokens: readonly (string | number)[]): unknown => {
    if (!Array.isArray(security)) return security;
    let changed = false;
    const kept = security.flatMap((requirement, index) => {
      if (!isJsonObject(requirement)) return [requirement];
      const names = Object.keys(requirement);
      const good = names.filter((name) => {
        const problem =
          unusable.get(name) ?? (schemeDefined(document, name) ? undefined : "undefined");
        if (problem === undefined) return true;
        // An unusable scheme was warned about once, where it is defined.
        if (problem === "undefined") {
          warn(
            "undefined-security-scheme",
            toPointer([...tokens, index, name]),
            `security scheme '${name}' is not defined under components.securitySchemes; this requirement ignores it (the client sends no credential for it) — define the scheme or fix the name`,
          );
        }
        return false;
      });
      if (good.length === names.length) return [requirement];
      changed = true;
      // A requirement left empty would mean "no credentials needed": drop it instead.
      return good.length === 0 ? [] : [Object.fromEntries(good.map((n) => [n, requirement[n]]))];
    });
    return changed ? kept : security;
  };

  let out: JsonObject = document;
  const globalSecurity = keepRequirements(document.security, ["security"]);
  if (globalSecurity !== document.security) out = { ...out, security: globalSecurity };

  const paths = isJsonObject(document.paths) ? document.paths : {};
  const outPaths: JsonObject = {};
  let pathsChanged = false;
  const used = new Map<string, string>();
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolveLocal(document, rawItem);
    if (item === undefined) {
      outPaths[path] = rawItem;
      continue;
    }
    let outItem: JsonObject = item;
    const pathParameters = keepParameters(document, item.parameters, ["paths", path], warn);
    if (pathParameters !== item.parameters) outItem = { ...outItem, parameters: pathParameters };
    for (const method of HTTP_METHOD_KEYS) {
      const operation = item[method];
      if (!isJsonObject(operation)) continue;
      const tokens = ["paths", path, method];
      const pointer = toPointer(tokens);
      let outOperation: JsonObject = operation;
      const operationId = typeof operation.operationId === "string" ? operation.operationId : null;
      let key = operationKey(operationId, method, path);
      const previous = used.get(identifierOf(key));
      if (previous !== undefined) {
        const base = `${operationId ?? identifierOf(key)}_${method}`;
        let renamed = base;
        for (let n = 2; used.has(identifierOf(renamed)); n++) renamed = `${base}_${n}`;
        warn(
          "duplicate-operation-id",
          operationId !== null ? `${pointer}/operationId` : pointer,
          `operation key '${key}' is also used at ${previous} (operationIds must be unique); the operation at ${pointer} is generated as '${renamed}' — give it its own operationId upstream or with a patch`,
        );
        key = renamed;
        outOperation = { ...outOperation, operationId: renamed };
      }
      used.set(identifierOf(key), pointer);
      let parameters = keepParameters(document, operation.parameters, tokens, warn);
      const undeclared = undeclaredPathParameters(document, path, [pathParameters, parameters]);
      if (undeclared.length > 0) {
        warn(
          "undeclared-path-parameter",
          pointer,
          `the path template '${path}' has ${undeclared.map((n) => `{${n}}`).join(", ")}, which no parameter of this operation declares; codegen adds ${undeclared.length === 1 ? "it" : "them"} as a required string path parameter — declare ${undeclared.length === 1 ? "it" : "them"} upstream or with a patch`,
        );
        parameters = [
          ...(Array.isArray(parameters) ? parameters : []),
          ...undeclared.map((name) => ({
            name,
            in: "path",
            required: true,
            schema: { type: "string" },
          })),
        ];
      }
      if (parameters !== operation.parameters) outOperation = { ...outOperation, parameters };
      if (operation.security !== undefined) {
        const security = keepRequirements(operation.security, [...tokens, "security"]);
        if (security !== operation.security) outOperation = { ...outOperation, security };
      }
      if (outOperation !== operation) outItem = { ...outItem, [method]: outOperation };
    }
    // A path item behind a `$ref` that needed changes is written out at its path.
    outPaths[path] = outItem === item ? rawItem : outItem;
    if (outItem !== item) pathsChanged = true;
  }
  if (pathsChanged) out = { ...out, paths: outPaths };
  return { document: out as OpenApiDocument, warnings };
}

function schemeDefined(document: OpenApiDocument, name: string): boolean {
  const components = isJsonObject(document.components) ? document.components : {};
  const schemes = isJsonObject(components.securitySchemes) ? components.securitySchemes : {};
  return Object.hasOwn(schemes, name);
}

/** Defined schemes the client cannot use, with the reason (flatten-security.ts's own message). */
function unusableSchemes(
  document: OpenApiDocument,
  file: string,
  warn: (name: DefectName, pointer: string, message: string) => void,
): Map<string, string> {
  const components = isJsonObject(document.components) ? document.components : {};
  const schemes = isJsonObject(components.securitySchemes) ? components.securitySchemes : {};
  const unusable = new Map<string, string>();
  for (const name of Object.keys(schemes)) {
    try {
      flattenSecurityScheme(
        document,
        name,
        toPointer(["components", "securitySchemes", name]),
        file,
      );
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      const reason = error.message.replace(`${file}: `, "");
      unusable.set(name, reason);
      warn(
        "unusable-security-scheme",
        toPointer(["components", "securitySchemes", name]),
        `${reason}; requirements naming '${name}' ignore it`,
      );
    }
  }
  return unusable;
}

/** `parameters` without the entries codegen cannot use (each warned), or the same list. */
function keepParameters(
  document: OpenApiDocument,
  parameters: unknown,
  tokens: readonly (string | number)[],
  warn: (name: DefectName, pointer: string, message: string) => void,
): unknown {
  if (!Array.isArray(parameters)) return parameters;
  const kept = parameters.filter((raw, index) => {
    const parameter = resolveLocal(document, raw);
    // A dangling $ref is reported (and refused) by the ref check, not here.
    if (parameter === undefined) return true;
    if (typeof parameter.name === "string" && PARAMETER_LOCATIONS.has(String(parameter.in))) {
      return true;
    }
    warn(
      "invalid-parameter",
      toPointer([...tokens, "parameters", index]),
      `parameter ${typeof parameter.name === "string" ? `'${parameter.name}' ` : ""}needs a 'name' and 'in' (query, path, header or cookie), found in: ${JSON.stringify(parameter.in)}; it is left out of the client — fix it upstream or with a patch`,
    );
    return false;
  });
  return kept.length === parameters.length ? parameters : kept;
}

/** True when `ref` (used where the base URI is `base`) is local to the document yet points at nothing. */
function dangling(
  document: OpenApiDocument,
  ref: string,
  base: string,
  known: SchemaResources,
): boolean {
  if (resolveRefTokens(document, ref, base, known) !== undefined) return false;
  try {
    const url = new URL(ref, base);
    url.hash = "";
    return known.resources.has(url.href);
  } catch {
    return false;
  }
}

/** `document` with its dangling local refs worked around (see `unresolvable-ref` above). */
function withoutDanglingRefs(
  document: OpenApiDocument,
  warn: (name: DefectName, pointer: string, message: string) => void,
): OpenApiDocument {
  const known = collectSchemaResources(document);
  return mapDocumentNodes(document, (node, { kind, tokens, base }) => {
    if (typeof node === "boolean") return node;
    let out = node;
    const ref = node.$ref;
    if (typeof ref === "string" && dangling(document, ref, base, known)) {
      const pointer = toPointer([...tokens, "$ref"]);
      if (kind !== "schema") {
        warn(
          "unresolvable-ref",
          pointer,
          `$ref '${ref}' points at nothing in the document; this ${kind} is left out — define the target or fix the reference`,
        );
        return REMOVE;
      }
      warn(
        "unresolvable-ref",
        pointer,
        `$ref '${ref}' points at nothing in the document; this schema accepts any value here — define the target or fix the reference`,
      );
      const { $ref: _dropped, ...rest } = node;
      out = rest;
    }
    const discriminator = out.discriminator;
    if (kind === "schema" && isJsonObject(discriminator) && isJsonObject(discriminator.mapping)) {
      const mapping: JsonObject = {};
      for (const [key, target] of Object.entries(discriminator.mapping)) {
        const targetRef =
          typeof target === "string" && !/[#/]/.test(target)
            ? `#/components/schemas/${target}`
            : target;
        if (typeof targetRef === "string" && dangling(document, targetRef, base, known)) {
          warn(
            "unresolvable-ref",
            toPointer([...tokens, "discriminator", "mapping", key]),
            `discriminator mapping '${key}' names '${String(target)}', which the document does not define; the entry is left out — define the schema or fix the mapping`,
          );
        } else mapping[key] = target;
      }
      if (Object.keys(mapping).length !== Object.keys(discriminator.mapping).length) {
        out = { ...out, discriminator: { ...discriminator, mapping } };
      }
    }
    return out;
  });
}

/** Names in `{…}` of `path` that no `in: path` parameter of `lists` declares, in template order. */
function undeclaredPathParameters(
  document: OpenApiDocument,
  path: string,
  lists: readonly unknown[],
): string[] {
  const declared = new Set<string>();
  for (const list of lists) {
    for (const raw of Array.isArray(list) ? list : []) {
      const parameter = resolveLocal(document, raw);
      if (parameter?.in === "path" && typeof parameter.name === "string")
        declared.add(parameter.name);
    }
  }
  const names = [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1] as string);
  return [...new Set(names)].filter((name) => !declared.has(name));
}
