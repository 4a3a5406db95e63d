import { defineRule } from "../define-rule.js";
import { matchMediaTypes } from "../match-media-types.js";

/**
 * A request body added, removed, made required or optional; its media types (matched by essence, so
 * a `charset` parameter is no new media type) and whether each has a schema.
 */
export const requestBodyPresence = defineRule({
  name: "request body",
  scope: "operation",
  levels: {
    "request-body-added-required": "breaking",
    "request-body-added-optional": "info",
    "request-body-removed": "breaking",
    "request-body-became-required": "breaking",
    "request-body-became-optional": "info",
    "request-body-media-type-removed": "breaking",
    "request-body-media-type-added": "info",
    "request-body-media-type-schema-added": "breaking",
    "request-body-media-type-schema-removed": "info",
  },
  check(pair, emit) {
    const before = pair.old.requestBody;
    const after = pair.new.requestBody;
    if (!before && !after) return;
    if (after && !before) {
      const kind = after.required ? "required" : "optional";
      emit(`request-body-added-${kind}`, after.loc.pointer, `added ${kind} request body`);
      return;
    }
    if (before && !after) {
      emit("request-body-removed", before.loc.pointer, "removed the request body");
      return;
    }
    if (!before || !after) return;
    if (before.required !== after.required) {
      const kind = after.required ? "required" : "optional";
      emit(
        `request-body-became-${kind}`,
        `${after.loc.pointer}/required`,
        `request body became ${kind}`,
      );
    }
    const match = matchMediaTypes(before.content.keys(), after.content.keys());
    for (const mediaType of match.removed) {
      emit(
        "request-body-media-type-removed",
        before.content.get(mediaType)?.loc.pointer ?? before.loc.pointer,
        `removed the media type ${mediaType} from the request body`,
      );
    }
    for (const mediaType of match.added) {
      emit(
        "request-body-media-type-added",
        after.content.get(mediaType)?.loc.pointer ?? after.loc.pointer,
        `added the media type ${mediaType} to the request body`,
      );
    }
    for (const [oldType, newType] of match.pairs) {
      const was = before.content.get(oldType);
      const is = after.content.get(newType);
      if (!was || !is || Boolean(was.schema) === Boolean(is.schema)) continue;
      emit(
        is.schema
          ? "request-body-media-type-schema-added"
          : "request-body-media-type-schema-removed",
        is.schema?.pointer ?? is.loc.pointer,
        `${is.schema ? "added a schema to" : "removed the schema of"} the request body media type ${newType}`,
      );
    }
  },
});
