/**
 * Which operation of an API a request URL belongs to: the method, and the path template matching
 * the end of the URL's path (a base URL may add a prefix), the most literal template first
 * (`/invoices/export` before `/invoices/{id}`). Used to key recordings and to serve them back.
 */
import { pathTemplatePattern } from "../path-template.js";

/** What matching needs of an operation. */
export interface MatchableOperation {
  readonly key: string;
  readonly method: string;
  readonly path: string;
}

/** A matched operation and its path parameters (percent-decoded). */
export interface OperationMatch<T extends MatchableOperation> {
  readonly operation: T;
  readonly pathParams: Readonly<Record<string, string>>;
}

interface Compiled<T> {
  readonly operation: T;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly literal: number;
}

/** A matcher over `operations`; returns undefined for a request no operation describes. */
export function operationMatcher<T extends MatchableOperation>(
  operations: Iterable<T>,
): (method: string, url: string) => OperationMatch<T> | undefined {
  const compiled: Compiled<T>[] = [];
  for (const operation of operations) {
    compiled.push({
      operation,
      ...pathTemplatePattern(operation.path),
      literal: operation.path.replace(/\{[^}]+\}/g, "").length,
    });
  }
  // Most literal characters first: a fixed segment beats a parameter.
  compiled.sort((a, b) => b.literal - a.literal);
  return (method, url) => {
    let pathname: string;
    try {
      pathname = new URL(url, "http://relative.invalid").pathname;
    } catch {
      return undefined;
    }
    const upper = method.toUpperCase();
    for (const candidate of compiled) {
      if (candidate.operation.method.toUpperCase() !== upper) continue;
      const match = candidate.pattern.exec(pathname);
      if (!match) continue;
      const pathParams: Record<string, string> = {};
      candidate.names.forEach((name, i) => {
        pathParams[name] = safeDecode(match[i + 1] ?? "");
      });
      return { operation: candidate.operation, pathParams };
    }
    return undefined;
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
