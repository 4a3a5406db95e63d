/** The operations of a document in a stable order, with the keys everything generated uses. */

import { deref, derefObject } from "../document/follow-ref.js";
import type { OpenApiDocument } from "../document/load-document.js";
import { HTTP_METHOD_KEYS } from "../document/walk-schemas.js";
import { SpecError } from "../errors.js";
import { toPointer } from "../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import { isJsonMediaType } from "../runtime/media-type.js";
import type { HttpMethod } from "../runtime/operation-index.js";
import { validatorName } from "./validator-name.js";

/** One operation as found in the document (path item `$ref`s resolved). */
export interface OperationEntry {
  /** operationId, or `"GET /path"` when it has none. */
  readonly key: string;
  readonly operationId: string | null;
  readonly method: HttpMethod;
  readonly path: string;
  readonly pathItem: JsonObject;
  readonly operation: JsonObject;
  /** JSON Pointer of the operation (`/paths/~1a/get`). */
  readonly pointer: string;
}

/** The key of an operation: its operationId, or the method (uppercase) and path template. */
export function operationKey(operationId: string | null, method: string, path: string): string {
  return operationId ?? `${method.toUpperCase()} ${path}`;
}

/**
 * Every operation under `paths`, in document order (paths, then methods in OpenAPI's order).
 * Two operations with the same key are a {@link SpecError} naming both.
 */
export function listOperations(document: OpenApiDocument, file: string): OperationEntry[] {
  const paths = isJsonObject(document.paths) ? document.paths : {};
  const entries: OperationEntry[] = [];
  const byKey = new Map<string, string>();
  for (const [path, rawItem] of Object.entries(paths)) {
    const itemPointer = toPointer(["paths", path]);
    const pathItem = derefObject(document, rawItem, itemPointer, file);
    for (const method of HTTP_METHOD_KEYS) {
      const operation = pathItem[method];
      if (!isJsonObject(operation)) continue;
      const pointer = toPointer(["paths", path, method]);
      const operationId = typeof operation.operationId === "string" ? operation.operationId : null;
      const key = operationKey(operationId, method, path);
      const previous = byKey.get(key);
      if (previous !== undefined) {
        throw new SpecError(
          `${file}: operation key '${key}' is used at ${previous} and at ${pointer}; operationIds must be unique`,
          file,
          pointer,
        );
      }
      byKey.set(key, pointer);
      entries.push({ key, operationId, method, path, pathItem, operation, pointer });
    }
  }
  return entries;
}

/** One documented response body media type, with the validator name the index and emitter share. */
export interface ResponseBodyEntry {
  readonly operationKey: string;
  readonly status: string;
  readonly mediaType: string;
  /** Position of the media type in the response's `content` (part of the validator name). */
  readonly contentIndex: number;
  /** `validatorName(...)` for JSON media types with a schema, otherwise null. */
  readonly validator: string | null;
  readonly schema: unknown;
  /** JSON Pointer of the schema in the document (`…/content/application~1json/schema`). */
  readonly pointer: string;
}

/**
 * The response bodies of one operation, statuses in document order: the single source of the
 * validator names, used by the operation index and by the validator emitter.
 */
export function listResponseBodies(
  document: OpenApiDocument,
  entry: OperationEntry,
  file: string,
): ResponseBodyEntry[] {
  const responses = isJsonObject(entry.operation.responses) ? entry.operation.responses : {};
  const bodies: ResponseBodyEntry[] = [];
  for (const [status, rawResponse] of Object.entries(responses)) {
    const at = `${entry.pointer}${toPointer(["responses", status])}`;
    const { value: response, pointer } = deref(document, rawResponse, at, file);
    const content = isJsonObject(response.content) ? response.content : {};
    Object.entries(content).forEach(([mediaType, media], contentIndex) => {
      const schema = isJsonObject(media) ? media.schema : undefined;
      const hasSchema = schema !== undefined && schema !== null;
      bodies.push({
        operationKey: entry.key,
        status,
        mediaType,
        contentIndex,
        validator:
          hasSchema && isJsonMediaType(mediaType)
            ? validatorName(entry.key, status, contentIndex)
            : null,
        schema,
        pointer: `${pointer}${toPointer(["content", mediaType, "schema"])}`,
      });
    });
  }
  return bodies;
}
