/** Naming and media-type rules shared by the operation index and the validator emitter. */

/** Identifier of the precompiled validator for one response body: `v_<operation>_<status>_<n>`. */
export function validatorName(operationKey: string, status: string, contentIndex: number): string {
  const op = operationKey.replace(/[^A-Za-z0-9_]/g, "_");
  return `v_${op}_${status.replace(/[^A-Za-z0-9]/g, "_")}_${contentIndex}`;
}

/** True for JSON media types (`application/json`, `application/problem+json`, `text/json`). */
export function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  return essence === "application/json" || essence === "text/json" || essence.endsWith("+json");
}
