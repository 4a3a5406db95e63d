/** Values and patterns quoted in report messages, readable as written in the document. */

/**
 * A value as it would be written in the document: strings in single quotes with nothing escaped
 * (`'^\d{3}$'`, not JSON's `"^\\d{3}$"`), an empty string as `''`, other values as JSON.
 * Line breaks become `\n` so that a message stays on one line.
 */
export function showValue(value: unknown): string {
  if (typeof value === "string") return `'${value.replace(/\r?\n/g, "\\n")}'`;
  if (value === undefined) return "(none)";
  return JSON.stringify(value) ?? String(value);
}
