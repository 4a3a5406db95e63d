/**
 * An OpenAPI path template (`/invoices/{id}`) as a regular expression over a request's path.
 * @see https://spec.openapis.org/oas/v3.1.0#path-templating
 */
import { escapeRegExp } from "./escape-regexp.js";

/** A compiled path template: its pattern and, in order, the names its groups capture. */
export interface PathTemplatePattern {
  /**
   * Matches a path that ends with the template (a base URL may add a prefix such as `/api`), a
   * trailing slash allowed; each `{name}` is one non-empty segment, captured.
   */
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

/** `template` compiled for matching request paths (see {@link PathTemplatePattern}). */
export function pathTemplatePattern(template: string): PathTemplatePattern {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (part.startsWith("{") && part.endsWith("}")) {
        names.push(part.slice(1, -1));
        return "([^/]+)";
      }
      return escapeRegExp(part);
    })
    .join("");
  return { pattern: new RegExp(`${source}/?$`), names };
}
