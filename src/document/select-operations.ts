import { SpecError } from "../errors.js";
import { parsePointer } from "../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import {
  assertRefsResolve,
  collectReachableComponents,
  findRefs,
  findSecurityUses,
  HTTP_METHODS,
} from "./collect-refs.js";
import type { OpenApiDocument } from "./load-document.js";

/**
 * Which operations of a whole document to vendor. An operation is selected when it has one of the
 * `tags`, or one of the `operationIds`, or lives under one of the `paths` (exact path keys).
 */
export interface Selection {
  readonly tags?: readonly string[];
  readonly operationIds?: readonly string[];
  readonly paths?: readonly string[];
}

function isSelected(
  selection: Selection,
  path: string,
  operation: JsonObject,
  used: { tags: Set<string>; operationIds: Set<string>; paths: Set<string> },
): boolean {
  let selected = false;
  const tags = Array.isArray(operation.tags) ? operation.tags : [];
  for (const tag of tags) {
    if (typeof tag === "string" && selection.tags?.includes(tag)) {
      used.tags.add(tag);
      selected = true;
    }
  }
  const id = operation.operationId;
  if (typeof id === "string" && selection.operationIds?.includes(id)) {
    used.operationIds.add(id);
    selected = true;
  }
  if (selection.paths?.includes(path)) {
    used.paths.add(path);
    selected = true;
  }
  return selected;
}

/** Names a selection asks for that nothing in the document has: a typo or an upstream removal. */
function assertAllMatched(
  selection: Selection,
  used: { tags: Set<string>; operationIds: Set<string>; paths: Set<string> },
  file: string,
): void {
  const missing = [
    ...(selection.tags ?? []).filter((t) => !used.tags.has(t)).map((t) => `tag '${t}'`),
    ...(selection.operationIds ?? [])
      .filter((id) => !used.operationIds.has(id))
      .map((id) => `operationId '${id}'`),
    ...(selection.paths ?? []).filter((p) => !used.paths.has(p)).map((p) => `path '${p}'`),
  ];
  if (missing.length > 0) {
    throw new SpecError(
      `${file}: the selection names ${missing.join(", ")}, which no operation in the document has; fix the selection in source.json`,
      file,
      "/paths",
    );
  }
}

/**
 * Cut a whole OpenAPI document down to the selected operations plus every component they reach,
 * transitively (through schemas, parameters, responses, request bodies, headers, examples, links,
 * callbacks, path items, discriminator mappings, and the security schemes named by global or
 * operation `security`), and nothing else. Top-level `tags` (and `x-tagGroups`) keep only the tags
 * the selected operations use; `webhooks` are dropped. Key order is the document's own.
 * A selection that is empty, or names a tag, operationId or path the document lacks, is a
 * {@link SpecError}; so is an unresolvable or external `$ref` in what is kept.
 */
export function selectOperations(
  document: OpenApiDocument,
  selection: Selection,
  file: string,
): OpenApiDocument {
  const asked =
    (selection.tags?.length ?? 0) +
    (selection.operationIds?.length ?? 0) +
    (selection.paths?.length ?? 0);
  if (asked === 0) {
    throw new SpecError(
      `${file}: empty selection; name at least one tag, operationId or path in source.json`,
      file,
    );
  }
  const used = {
    tags: new Set<string>(),
    operationIds: new Set<string>(),
    paths: new Set<string>(),
  };
  const keptPaths: JsonObject = {};
  const keptTags = new Set<string>();
  const sourcePaths = isJsonObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(sourcePaths)) {
    if (!isJsonObject(item)) continue;
    const kept: JsonObject = {};
    let anyOperation = false;
    for (const [key, value] of Object.entries(item)) {
      if (!HTTP_METHODS.includes(key)) {
        kept[key] = value;
      } else if (isJsonObject(value) && isSelected(selection, path, value, used)) {
        kept[key] = value;
        anyOperation = true;
        for (const tag of Array.isArray(value.tags) ? value.tags : []) keptTags.add(String(tag));
      }
    }
    if (anyOperation) keptPaths[path] = kept;
  }
  assertAllMatched(selection, used, file);

  const selected: JsonObject = {};
  for (const [key, value] of Object.entries(document)) {
    if (key === "paths") selected.paths = keptPaths;
    else if (key === "webhooks") continue;
    // A placeholder keeps `components` where the document had it; filled in below.
    else if (key === "components") selected.components = undefined;
    else if (key === "tags" && Array.isArray(value)) {
      selected.tags = value.filter((tag) => isJsonObject(tag) && keptTags.has(String(tag.name)));
    } else if (key === "x-tagGroups" && Array.isArray(value)) {
      const groups = value
        .filter(isJsonObject)
        .map((group) => ({
          ...group,
          tags: Array.isArray(group.tags) ? group.tags.filter((t) => keptTags.has(String(t))) : [],
        }))
        .filter((group) => group.tags.length > 0);
      if (groups.length > 0) selected[key] = groups;
    } else selected[key] = value;
  }

  const roots = [...findRefs(keptPaths, ["paths"]), ...findSecurityUses(selected)];
  const reached = collectReachableComponents(document, roots, file);
  const components = keepComponents(document.components, reached);
  if (components !== undefined) selected.components = components;
  else delete selected.components;
  const result = structuredClone(selected) as OpenApiDocument;
  // Refs that point outside components (into `#/paths/…`) must still resolve after the cut.
  assertRefsResolve(result, file);
  return result;
}

/** The reached components, in the document's own section and name order. */
function keepComponents(components: unknown, reached: Set<string>): JsonObject | undefined {
  if (!isJsonObject(components)) return undefined;
  const wanted = new Map<string, Set<string>>();
  for (const pointer of reached) {
    const [, section, name] = parsePointer(pointer);
    if (section === undefined || name === undefined) continue;
    const names = wanted.get(section) ?? new Set<string>();
    names.add(name);
    wanted.set(section, names);
  }
  const kept: JsonObject = {};
  for (const [section, members] of Object.entries(components)) {
    const names = wanted.get(section);
    if (names === undefined || !isJsonObject(members)) continue;
    kept[section] = Object.fromEntries(Object.entries(members).filter(([name]) => names.has(name)));
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}
