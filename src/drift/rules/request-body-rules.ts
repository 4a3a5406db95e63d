import { defineRule } from "../define-rule.js";

/** A request body added, removed, made required or optional, and its media types. */
export const requestBodyPresence = defineRule({
  name: "request body",
  scope: "operation",
  levels: {
    "request-body-added-required": "breaking",
    "request-body-added-optional": "info",
    "request-body-removed": "warning",
    "request-body-became-required": "breaking",
    "request-body-became-optional": "info",
    "request-body-media-type-removed": "breaking",
    "request-body-media-type-added": "info",
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
    for (const [mediaType, media] of before.content) {
      if (!after.content.has(mediaType)) {
        emit(
          "request-body-media-type-removed",
          media.loc.pointer,
          `removed the media type ${mediaType} from the request body`,
        );
      }
    }
    for (const [mediaType, media] of after.content) {
      if (!before.content.has(mediaType)) {
        emit(
          "request-body-media-type-added",
          media.loc.pointer,
          `added the media type ${mediaType} to the request body`,
        );
      }
    }
  },
});
