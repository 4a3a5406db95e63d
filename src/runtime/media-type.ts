/**
 * The one media-type rule: the essence of a media type and which ones carry one JSON document.
 * Codegen (which bodies get a validator), the client's and the contract suite's body reading, the
 * recorder, replay and drift all ask here, so a body is parsed as JSON exactly when a validator was
 * compiled for it. Hand-written because the rule is three lines of RFC text, and a parser package
 * (content-type, whatwg-mimetype) would still leave the JSON decision to us.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-8.3.1
 * @see https://www.rfc-editor.org/rfc/rfc6839#section-3.1
 */

/** The media type essence, parameters dropped: `Application/JSON; charset=utf-8` → `application/json`. */
export function mediaTypeEssence(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

/**
 * True when a body of this media type is one JSON document: `application/json`, `text/json` and
 * any `+json` structured suffix (`application/problem+json`, `application/vnd.api+json`), in any
 * case, with any parameters. JSON Lines and NDJSON are not: their body is a sequence of JSON texts,
 * which `JSON.parse` refuses and a response schema does not describe as a whole.
 */
export function isJsonMediaType(contentType: string): boolean {
  const essence = mediaTypeEssence(contentType);
  return essence === "application/json" || essence === "text/json" || essence.endsWith("+json");
}
