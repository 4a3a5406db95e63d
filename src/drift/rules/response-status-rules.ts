import { mediaTypeEssence } from "../../runtime/media-type.js";
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
  // `application/problem+json` is a more specific `application/json` (its structured suffix).
  return (
    wideType === narrowType &&
    (wideSub === "*" || wideSub === narrowSub || narrowSub.endsWith(`+${wideSub}`))
  );
}

/** A media type's parameters by name (`charset` → `utf-8`), names lower-cased. */
function parametersByName(mediaType: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of mediaTypeParameters(mediaType)) {
    const at = part.indexOf("=");
    out.set(at < 0 ? part : part.slice(0, at), at < 0 ? "" : part.slice(at + 1));
  }
  return out;
}

/**
 * Response statuses and their media types, added, removed or renamed. Media types are matched by
 * essence first: `application/json` → `application/json; charset=utf-8` is one media type whose
 * parameters were added (info), removed (breaking; a dropped `charset` is info, README policy) or
 * changed (breaking). A media type replaced by a wider one (a range, or `application/json` for
 * `application/problem+json`) is a generalisation (breaking), by a narrower one a specialisation
 * (info), and with other parameters too a change that cannot be ordered (warning).
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
    "response-media-type-name-changed": "warning",
    "response-media-type-name-generalized": "breaking",
    "response-media-type-name-specialized": "info",
    "response-media-type-charset-removed": "info",
    "response-media-type-parameter-added": "info",
    "response-media-type-parameter-removed": "breaking",
    "response-media-type-parameter-changed": "breaking",
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
        const sameParameters = (other: string) =>
          mediaTypeParameters(other).join(";") === mediaTypeParameters(mediaType).join(";");
        const wider = added.find((candidate) => coversMediaType(candidate, mediaType));
        const narrower = added.find((candidate) => coversMediaType(mediaType, candidate));
        const renamed = wider ?? narrower;
        if (renamed !== undefined) {
          added.splice(added.indexOf(renamed), 1);
          // With other parameters too, the two cannot be ordered: oasdiff's warning.
          const id = !sameParameters(renamed)
            ? "response-media-type-name-changed"
            : wider !== undefined
              ? "response-media-type-name-generalized"
              : "response-media-type-name-specialized";
          const how =
            id === "response-media-type-name-changed"
              ? ""
              : wider !== undefined
                ? "the more general "
                : "the more specific ";
          emit(
            id,
            response.content.get(renamed)?.loc.pointer ?? response.loc.pointer,
            `the media type ${mediaType} was changed to ${how}${renamed} for the status ${status}`,
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
          const oldParams = parametersByName(oldType);
          const newParams = parametersByName(newType);
          const where = `of ${mediaTypeEssence(newType)} for the status ${status}`;
          for (const [name, value] of newParams) {
            const was = oldParams.get(name);
            if (was === undefined) {
              emit(
                "response-media-type-parameter-added",
                is.loc.pointer,
                `the media type parameter '${name}' was added ${where}`,
              );
            } else if (was !== value) {
              emit(
                "response-media-type-parameter-changed",
                is.loc.pointer,
                `the media type parameter '${name}' changed from '${was}' to '${value}' ${where}`,
              );
            }
          }
          for (const name of oldParams.keys()) {
            if (newParams.has(name)) continue;
            // A JSON client ignores charset (JSON is UTF-8): a charset dropped is info, not oasdiff's
            // breaking parameter removal (README policy: response-media-type-charset-removed).
            emit(
              name === "charset"
                ? "response-media-type-charset-removed"
                : "response-media-type-parameter-removed",
              is.loc.pointer,
              `the media type parameter '${name}' was removed ${where}`,
            );
          }
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
