import { defineRule } from "../define-rule.js";
import { matchMediaTypes, mediaTypeParameters } from "../match-media-types.js";

/** Whether a response status key (`200`, `2XX`, `default`) is a success. */
export function isSuccessStatus(status: string): boolean {
  return status.startsWith("2");
}

/** A media type range (`application/*`) admits `application/json`: whether `wide` covers `narrow`. */
function coversMediaType(wide: string, narrow: string): boolean {
  const [wideType = "", wideSub = ""] = wide.split(";")[0]?.trim().split("/") ?? [];
  const [narrowType = "", narrowSub = ""] = narrow.split(";")[0]?.trim().split("/") ?? [];
  if (wideType === "*") return true;
  return wideType === narrowType && (wideSub === "*" || wideSub === narrowSub);
}

/**
 * Response statuses and their media types, added, removed or renamed. Media types are matched by
 * essence first: `application/json` → `application/json; charset=utf-8` is a media type whose
 * parameters changed (info; see the README's policy), not a removal. A media type replaced by a
 * range that covers it (`application/*`) is a generalisation clients may not handle (breaking).
 */
export const responseStatuses = defineRule({
  name: "response statuses",
  scope: "operation",
  levels: {
    "response-success-status-removed": "breaking",
    "response-non-success-status-removed": "info",
    "response-success-status-added": "info",
    "response-non-success-status-added": "info",
    "response-media-type-removed": "breaking",
    "response-media-type-added": "info",
    "response-media-type-name-changed": "info",
    "response-media-type-name-generalized": "breaking",
    "response-media-type-name-specialized": "info",
    "response-media-type-charset-removed": "info",
    "response-body-media-type-schema-added": "info",
    "response-body-media-type-schema-removed": "breaking",
  },
  check(pair, emit) {
    const before = pair.old.responses;
    const after = pair.new.responses;
    for (const [status, response] of before) {
      if (after.has(status)) continue;
      const kind = isSuccessStatus(status) ? "success" : "non-success";
      emit(
        `response-${kind}-status-removed`,
        response.loc.pointer,
        `removed the ${kind} response with the status ${status}`,
      );
    }
    for (const [status, response] of after) {
      const previous = before.get(status);
      if (!previous) {
        const kind = isSuccessStatus(status) ? "success" : "non-success";
        emit(
          `response-${kind}-status-added`,
          response.loc.pointer,
          `added the ${kind} response with the status ${status}`,
        );
        continue;
      }
      const match = matchMediaTypes(previous.content.keys(), response.content.keys());
      const added = [...match.added];
      for (const mediaType of match.removed) {
        const range = added.find((candidate) => coversMediaType(candidate, mediaType));
        if (range !== undefined) {
          added.splice(added.indexOf(range), 1);
          emit(
            "response-media-type-name-generalized",
            response.content.get(range)?.loc.pointer ?? response.loc.pointer,
            `the media type ${mediaType} was changed to the more general ${range} for the status ${status}`,
          );
          continue;
        }
        emit(
          "response-media-type-removed",
          previous.content.get(mediaType)?.loc.pointer ?? previous.loc.pointer,
          `removed the media type ${mediaType} for the response with the status ${status}`,
        );
      }
      for (const mediaType of added) {
        emit(
          "response-media-type-added",
          response.content.get(mediaType)?.loc.pointer ?? response.loc.pointer,
          `added the media type ${mediaType} for the response with the status ${status}`,
        );
      }
      for (const [oldType, newType] of match.pairs) {
        const was = previous.content.get(oldType);
        const is = response.content.get(newType);
        if (!was || !is) continue;
        if (oldType !== newType) {
          const oldParams = mediaTypeParameters(oldType);
          const newParams = mediaTypeParameters(newType);
          const onlyCharset = [...oldParams, ...newParams].every((p) => p.startsWith("charset="));
          const added = oldParams.every((p) => newParams.includes(p));
          const removed = newParams.every((p) => oldParams.includes(p));
          // A JSON client ignores charset (JSON is UTF-8): a charset dropped is info, not oasdiff's
          // generalisation (README policy: response-media-type-charset-removed).
          const id =
            onlyCharset && removed
              ? "response-media-type-charset-removed"
              : added
                ? "response-media-type-name-specialized"
                : removed
                  ? "response-media-type-name-generalized"
                  : "response-media-type-name-changed";
          emit(
            id,
            is.loc.pointer,
            `the media type ${oldType} was changed to ${newType} for the status ${status}`,
          );
        }
        if (Boolean(was.schema) !== Boolean(is.schema)) {
          emit(
            is.schema
              ? "response-body-media-type-schema-added"
              : "response-body-media-type-schema-removed",
            is.schema?.pointer ?? is.loc.pointer,
            `${is.schema ? "added a schema to" : "removed the schema of"} the media type ${newType} for the status ${status}`,
          );
        }
      }
    }
  },
});
