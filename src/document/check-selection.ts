/**
 * A selection asked for on the command line (`add --tag T --operation ID`), checked against the
 * whole document before anything is written: an unknown tag or operationId is a usage error
 * naming it, with the closest names the document has.
 */
import { UsageError } from "../errors.js";
import { isJsonObject } from "../runtime/json-value.js";
import { closest } from "./closest-match.js";
import type { OpenApiDocument } from "./parse-document-text.js";
import type { Selection } from "./select-operations.js";
import { HTTP_METHOD_KEYS } from "./walk-schemas.js";

/** The tags and operationIds the operations of `document` carry. */
export function selectableNames(document: OpenApiDocument): {
  tags: Set<string>;
  operationIds: Set<string>;
} {
  const tags = new Set<string>();
  const operationIds = new Set<string>();
  const paths = isJsonObject(document.paths) ? document.paths : {};
  for (const item of Object.values(paths)) {
    if (!isJsonObject(item)) continue;
    for (const method of HTTP_METHOD_KEYS) {
      const operation = item[method];
      if (!isJsonObject(operation)) continue;
      if (Array.isArray(operation.tags))
        for (const tag of operation.tags) if (typeof tag === "string") tags.add(tag);
      if (typeof operation.operationId === "string") operationIds.add(operation.operationId);
    }
  }
  return { tags, operationIds };
}

function unknownOnes(
  kind: string,
  asked: readonly string[] | undefined,
  known: Set<string>,
): string[] {
  return (asked ?? [])
    .filter((name) => !known.has(name))
    .map((name) => {
      const guess = closest(name, known);
      const near = [...known]
        .filter((k) => k.toLowerCase().includes(name.toLowerCase()))
        .slice(0, 5);
      const hints = [...new Set([...(guess ? [guess] : []), ...near])];
      return `${kind} '${name}'${hints.length > 0 ? ` (did you mean ${hints.join(", ")}?)` : ""}`;
    });
}

/** @throws UsageError naming each unknown tag or operationId of `selection` and close matches */
export function checkSelection(
  document: OpenApiDocument,
  selection: Selection,
  file: string,
): void {
  const { tags, operationIds } = selectableNames(document);
  const unknown = [
    ...unknownOnes("--tag", selection.tags, tags),
    ...unknownOnes("--operation", selection.operationIds, operationIds),
  ];
  if (unknown.length === 0) return;
  const list = (names: Set<string>): string => {
    const sorted = [...names].sort();
    return sorted.length > 20
      ? `${sorted.slice(0, 20).join(", ")}, … (${sorted.length})`
      : sorted.join(", ") || "(none)";
  };
  throw new UsageError(
    `${file} has no ${unknown.join("; no ")}; its tags: ${list(tags)}; its operationIds: ${list(operationIds)}`,
  );
}
