/** RFC 6901 JSON Pointer helpers. @see https://www.rfc-editor.org/rfc/rfc6901 */

/** Escape one reference token (`~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Unescape one reference token. */
export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Join tokens into a pointer: `["paths", "/a/{id}"]` → `/paths/~1a~1{id}`. */
export function toPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${escapePointerToken(t)}`).join("");
}

/** Split a pointer (with or without a leading `#`) into unescaped tokens. */
export function parsePointer(pointer: string): string[] {
  const p = pointer.startsWith("#") ? decodeURIComponent(pointer.slice(1)) : pointer;
  if (p === "") return [];
  if (!p.startsWith("/")) throw new Error(`not a JSON Pointer: '${pointer}'`);
  return p.slice(1).split("/").map(unescapePointerToken);
}

/** Value at `pointer` in `doc`, or `undefined` when any token is missing. */
export function getAtPointer(doc: unknown, pointer: string): unknown {
  let node: unknown = doc;
  for (const token of parsePointer(pointer)) {
    if (node === null || typeof node !== "object") return undefined;
    if (!Object.hasOwn(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}
