import { defineRule } from "../define-rule.js";

/** Whether a response status key (`200`, `2XX`, `default`) is a success. */
export function isSuccessStatus(status: string): boolean {
  return status.startsWith("2");
}

/** Response statuses and their media types, added or removed. */
export const responseStatuses = defineRule({
  name: "response statuses",
  scope: "operation",
  levels: {
    "response-success-status-removed": "breaking",
    "response-non-success-status-removed": "warning",
    "response-success-status-added": "info",
    "response-non-success-status-added": "info",
    "response-media-type-removed": "breaking",
    "response-media-type-added": "info",
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
      for (const [mediaType, media] of previous.content) {
        if (!response.content.has(mediaType)) {
          emit(
            "response-media-type-removed",
            media.loc.pointer,
            `removed the media type ${mediaType} for the response with the status ${status}`,
          );
        }
      }
      for (const [mediaType, media] of response.content) {
        if (!previous.content.has(mediaType)) {
          emit(
            "response-media-type-added",
            media.loc.pointer,
            `added the media type ${mediaType} for the response with the status ${status}`,
          );
        }
      }
    }
  },
});
