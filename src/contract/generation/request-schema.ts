/**
 * One JSON Schema per operation for its whole request: `{ path, query, header, body }`, each
 * parameter's schema as the document gives it (its `$ref`s still resolve in the same document) and
 * the JSON request body by reference. The schemas sit in a copy of the document under one extra
 * root member, so that values, mutants and the validator all come from one schema, and a
 * mutant's JSON Pointer (`/query/limit`) says which parameter it breaks.
 */
import { resolveLocal } from "../../document/follow-ref.js";
import type { OpenApiDocument } from "../../document/load-document.js";
import { escapePointerToken, getAtPointer, toPointer } from "../../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../../runtime/json-value.js";
import { isJsonMediaType } from "../../runtime/media-type.js";
import type { ApiIndex, OperationSpec } from "../../runtime/operation-index.js";

/** The extra root member holding the request schemas. */
export const REQUESTS_MEMBER = "x-api-contracts-requests";

/** Where parameters go in a generated request. */
export const LOCATIONS = ["path", "query", "header"] as const;

/** One operation's request schema, or why none can be built. */
export type RequestSchema =
  | {
      readonly operation: string;
      /** Tokens of the schema from the document root. */
      readonly tokens: readonly string[];
      /** The JSON media type the body is sent as, when the operation takes one. */
      readonly bodyType: string | undefined;
    }
  | { readonly operation: string; readonly skipped: string };

/** The document with every request schema added, and each operation's entry. */
export interface RequestDocument {
  readonly document: OpenApiDocument;
  readonly requests: ReadonlyMap<string, RequestSchema>;
}

/** The request body object of `operation`, its `$ref` (to components/requestBodies) followed. */
export function requestBodyOf(
  document: OpenApiDocument,
  operation: OperationSpec,
): JsonObject | undefined {
  const pointer = toPointer(["paths", operation.path, operation.method, "requestBody"]);
  return resolveLocal(document, getAtPointer(document, pointer));
}

/**
 * The schema of one parameter as generated: a string path parameter is never empty (an empty
 * segment is another URL, not a value of this parameter).
 */
function parameterSchema(schema: JsonObject, location: string): JsonObject {
  const stringLike = schema.type === undefined || schema.type === "string";
  if (location === "path" && stringLike && schema.minLength === undefined && !("$ref" in schema))
    return { ...schema, minLength: 1 };
  if (location === "path" && stringLike && "$ref" in schema)
    return { allOf: [schema], minLength: 1 };
  return schema;
}

function buildRequestSchema(
  document: OpenApiDocument,
  operation: OperationSpec,
): { schema: JsonObject; bodyType: string | undefined } | { skipped: string } {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const location of LOCATIONS) {
    const params = operation.parameters.filter((p) => p.in === location);
    const members: JsonObject = {};
    const mandatory: string[] = [];
    for (const param of params) {
      members[param.name] = parameterSchema(param.schema, location);
      if (param.required) mandatory.push(param.name);
    }
    properties[location] = {
      type: "object",
      properties: members,
      ...(mandatory.length > 0 ? { required: mandatory } : {}),
    };
    required.push(location);
  }
  const cookies = operation.parameters.filter((p) => p.in === "cookie" && p.required);
  if (cookies.length > 0)
    return { skipped: `required cookie parameter ${cookies[0]?.name} is not generated` };
  let bodyType: string | undefined;
  if (operation.requestBody) {
    const body = requestBodyOf(document, operation);
    const content = isJsonObject(body?.content) ? body.content : {};
    bodyType = Object.keys(content).find(isJsonMediaType);
    if (bodyType !== undefined) {
      const tokens = ["paths", operation.path, operation.method, "requestBody"];
      const raw = getAtPointer(document, toPointer(tokens));
      // A body behind a $ref is referenced where it lives, so its own $refs keep their meaning.
      const at =
        isJsonObject(raw) && typeof raw.$ref === "string"
          ? `${raw.$ref}/content/${escapePointerToken(bodyType)}/schema`
          : `#${toPointer([...tokens, "content", bodyType, "schema"])}`;
      properties.body = { $ref: at };
      if (operation.requestBody.required) required.push("body");
    } else if (operation.requestBody.required) {
      return {
        skipped: `its request body is ${operation.requestBody.contentTypes.join(", ") || "of no media type"}; only JSON bodies are generated`,
      };
    }
  }
  return {
    schema: { type: "object", properties, required, additionalProperties: false },
    bodyType,
  };
}

/** Every operation's request schema added to a copy of `document` (the original is unchanged). */
export function buildRequestDocument(document: OpenApiDocument, index: ApiIndex): RequestDocument {
  const schemas: JsonObject = {};
  const requests = new Map<string, RequestSchema>();
  for (const operation of Object.values(index.operations)) {
    const built = buildRequestSchema(document, operation);
    if ("skipped" in built) {
      requests.set(operation.key, { operation: operation.key, skipped: built.skipped });
      continue;
    }
    schemas[operation.key] = built.schema;
    requests.set(operation.key, {
      operation: operation.key,
      tokens: [REQUESTS_MEMBER, operation.key],
      bodyType: built.bodyType,
    });
  }
  return { document: { ...document, [REQUESTS_MEMBER]: schemas } as OpenApiDocument, requests };
}
