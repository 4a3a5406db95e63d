/**
 * Where an operation's schemas sit in the vendored document, as JSON Pointers: each parameter's
 * schema (path-level parameters overridden by the operation's, `$ref`s to `components/parameters`
 * followed), the request body's schema per media type, and each response media type. Values are
 * generated and validated at these pointers, so the schema read is the one the validators compile.
 * @see https://spec.openapis.org/oas/v3.1.0#operation-object
 */
import { followRef } from "../../document/follow-ref.js";
import type { OpenApiDocument } from "../../document/load-document.js";
import { getAtPointer, parsePointer, toPointer } from "../../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../../runtime/json-value.js";
import type { OperationSpec } from "../../runtime/operation-index.js";

/** An object at `pointer` with its local `$ref`s followed: the object and where it really is. */
export function derefAt(
  document: OpenApiDocument,
  pointer: string,
): { readonly node: JsonObject; readonly pointer: string } | undefined {
  const followed = followRef(document, getAtPointer(document, pointer), pointer);
  return followed.stop === undefined && isJsonObject(followed.node)
    ? { node: followed.node, pointer: followed.pointer }
    : undefined;
}

/** The key parameters are found under: `query limit`, `path id`. */
export function parameterKey(location: string, name: string): string {
  return `${location} ${name}`;
}

/** Pointer of each parameter's schema, by {@link parameterKey}. */
export function parameterSchemaPointers(
  document: OpenApiDocument,
  operation: OperationSpec,
): Map<string, string> {
  const out = new Map<string, string>();
  const item = ["paths", operation.path];
  // Path-level first: an operation's parameter of the same name and location overrides it.
  for (const owner of [item, [...item, operation.method]]) {
    const list = getAtPointer(document, toPointer([...owner, "parameters"]));
    if (!Array.isArray(list)) continue;
    list.forEach((_, i) => {
      const found = derefAt(document, toPointer([...owner, "parameters", i]));
      const { name, in: location, schema } = found?.node ?? {};
      if (typeof name !== "string" || typeof location !== "string" || !isJsonObject(schema)) return;
      out.set(parameterKey(location, name), `${found?.pointer}/schema`);
    });
  }
  return out;
}

/** One documented body media type and the pointer of its schema. */
export interface MediaTypeSchema {
  readonly mediaType: string;
  /** Pointer of the media type object (where an `example` goes). */
  readonly pointer: string;
  readonly schemaPointer: string;
}

/** The media types of a request body or response object at `pointer` that carry a schema. */
export function contentSchemas(document: OpenApiDocument, pointer: string): MediaTypeSchema[] {
  const owner = derefAt(document, pointer);
  const content = owner?.node.content;
  if (!owner || !isJsonObject(content)) return [];
  return Object.entries(content).flatMap(([mediaType, entry]) => {
    if (!isJsonObject(entry) || entry.schema === undefined) return [];
    const at = toPointer([...parsePointer(owner.pointer), "content", mediaType]);
    return [{ mediaType, pointer: at, schemaPointer: `${at}/schema` }];
  });
}

/** The request body's media types with a schema (none when the operation takes no body). */
export function requestBodySchemas(
  document: OpenApiDocument,
  operation: OperationSpec,
): MediaTypeSchema[] {
  return contentSchemas(
    document,
    toPointer(["paths", operation.path, operation.method, "requestBody"]),
  );
}

/** The media types with a schema of the operation's response for `status`. */
export function responseSchemas(
  document: OpenApiDocument,
  operation: OperationSpec,
  status: string,
): MediaTypeSchema[] {
  return contentSchemas(
    document,
    toPointer(["paths", operation.path, operation.method, "responses", status]),
  );
}
