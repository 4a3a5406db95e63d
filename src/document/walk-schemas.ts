/**
 * The one schema-aware walk over an OpenAPI 3.0/3.1 document. It knows which positions hold which
 * OpenAPI object (path items, operations, parameters, media types, callbacks, webhooks, components,
 * …) and, inside a Schema Object, which keywords hold subschemas (`properties`, `items`, `allOf`,
 * `if`, `$defs`, …). Every other position is DATA and is never walked: `enum`, `const`, `default`,
 * `example`, `examples`, an Example Object's `value`, a Link's `parameters`, `x-*` extensions and
 * unknown keywords. So a `$ref`-shaped object inside `enum` is a value, not a reference, and a
 * property *named* `$ref` or `nullable` is a name, not a keyword.
 *
 * Boolean schemas (`true`/`false`, JSON Schema 2019+ and OpenAPI 3.1) are schemas too.
 * Every walk terminates: a node already on the walk's stack (a YAML alias cycle) is not entered
 * again, and nothing here follows `$ref`s (callers that do keep their own visited sets).
 * Written by hand: OpenAPI-aware traversal libraries (@redocly/openapi-core's walker, swagger-parser)
 * carry a resolver and a lint framework for a job that is a position table and a recursion here.
 * @see https://spec.openapis.org/oas/v3.1.0#schema
 * @see https://json-schema.org/draft/2020-12/json-schema-core#section-10
 */

import { parsePointer } from "../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import type { HttpMethod } from "../runtime/operation-index.js";

type Token = string | number;

/** The OpenAPI object a position holds. */
export type NodeKind =
  | "document"
  | "pathItem"
  | "operation"
  | "parameter"
  | "header"
  | "requestBody"
  | "response"
  | "mediaType"
  | "encoding"
  | "example"
  | "link"
  | "callback"
  | "securityScheme"
  | "components"
  | "schema"
  | "dependency";

/**
 * What a key of an object holds: one object of a kind, a map of them (`map:`, every key a name;
 * `ext-map:`, `x-*` keys are extensions), or a list of them.
 */
type Slot = NodeKind | `map:${NodeKind}` | `ext-map:${NodeKind}` | `list:${NodeKind}`;

/** Schema keywords whose value is one subschema. */
export const SUBSCHEMA_SINGLE: readonly string[] = [
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "additionalItems",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
  "contentSchema",
  "items",
];
/** Schema keywords whose value is a list of subschemas. */
export const SUBSCHEMA_LIST: readonly string[] = ["allOf", "anyOf", "oneOf", "prefixItems"];
/** Schema keywords whose value is a map of subschemas. */
export const SUBSCHEMA_MAP: readonly string[] = [
  "properties",
  "patternProperties",
  "dependentSchemas",
  "$defs",
  "definitions",
];
/** Schema keywords whose value is data, never a schema or a reference. */
export const SCHEMA_DATA_KEYWORDS: readonly string[] = [
  "enum",
  "const",
  "default",
  "example",
  "examples",
];

/** Path item keys that hold operations, in the order OpenAPI lists them. @see https://spec.openapis.org/oas/v3.1.0#path-item-object */
export const HTTP_METHOD_KEYS: readonly HttpMethod[] = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
];

const SCHEMA_SLOTS = new Map<string, Slot>([
  ...SUBSCHEMA_SINGLE.map((key): [string, Slot] => [key, "schema"]),
  ...SUBSCHEMA_LIST.map((key): [string, Slot] => [key, "list:schema"]),
  ...SUBSCHEMA_MAP.map((key): [string, Slot] => [key, "map:schema"]),
  // Draft 4-7 `dependencies`: each value a schema, or a list of property names (data).
  ["dependencies", "map:dependency"],
]);

const OBJECT_SLOTS: Readonly<Partial<Record<NodeKind, Readonly<Record<string, Slot>>>>> = {
  document: { paths: "ext-map:pathItem", webhooks: "map:pathItem", components: "components" },
  pathItem: {
    ...Object.fromEntries(HTTP_METHOD_KEYS.map((m) => [m, "operation"])),
    parameters: "list:parameter",
  },
  operation: {
    parameters: "list:parameter",
    requestBody: "requestBody",
    responses: "ext-map:response",
    callbacks: "map:callback",
  },
  parameter: { schema: "schema", content: "map:mediaType", examples: "map:example" },
  header: { schema: "schema", content: "map:mediaType", examples: "map:example" },
  requestBody: { content: "map:mediaType" },
  response: { headers: "map:header", content: "map:mediaType", links: "map:link" },
  mediaType: { schema: "schema", examples: "map:example", encoding: "map:encoding" },
  encoding: { headers: "map:header" },
  components: {
    schemas: "map:schema",
    responses: "map:response",
    parameters: "map:parameter",
    examples: "map:example",
    requestBodies: "map:requestBody",
    headers: "map:header",
    securitySchemes: "map:securityScheme",
    links: "map:link",
    callbacks: "map:callback",
    pathItems: "map:pathItem",
  },
};

/** What `key` of a `kind` object holds, or undefined for data (extensions, unknown keys). */
function slotOf(kind: NodeKind, key: string): Slot | undefined {
  if (key.startsWith("x-")) return undefined;
  if (kind === "schema") return SCHEMA_SLOTS.get(key);
  // A Callback Object is a map of runtime expressions to path items.
  if (kind === "callback") return "pathItem";
  return OBJECT_SLOTS[kind]?.[key];
}

/**
 * The kind of object at `tokens` (from the document root), or undefined when the position holds
 * data. `items/0` (a tuple `items` array) is a schema.
 */
export function kindAt(tokens: readonly Token[]): NodeKind | undefined {
  const slot = slotAt(tokens);
  return slot === undefined || slot.includes(":") ? undefined : (slot as NodeKind);
}

/** What the position `tokens` holds: one object, a map or list of them, or undefined for data. */
function slotAt(tokens: readonly Token[]): Slot | undefined {
  let slot: Slot = "document";
  for (const raw of tokens) {
    const token = String(raw);
    const container = /^(map|ext-map|list):(.+)$/.exec(slot);
    if (container) {
      if (container[1] === "ext-map" && token.startsWith("x-")) return undefined;
      if (container[1] === "list" && !/^\d+$/.test(token)) return undefined;
      slot = container[2] as NodeKind;
      continue;
    }
    // A `dependencies` value that is an object is a schema (a list of names is data).
    const kind: NodeKind = slot === "dependency" ? "schema" : (slot as NodeKind);
    if (kind === "schema" && /^\d+$/.test(token)) {
      if (slot === "dependency") return undefined;
      continue;
    }
    const next = slotOf(kind, token);
    if (next === undefined) return undefined;
    slot = next;
  }
  return slot;
}

/** Where the walk is: the node's tokens from the root, its kind, and its schema base URI. */
export interface WalkContext {
  /** Tokens of the node from the document root; valid only during the visit (copy to keep). */
  readonly tokens: readonly Token[];
  readonly kind: NodeKind;
  /** Base URI for resolving references at this node (changed by schema `$id`s). */
  readonly base: string;
}

/** Base URI of a document that names none: its `#/…` references resolve within itself. */
export const DOCUMENT_BASE = "https://api-contracts.invalid/document";

/** `$id` of a schema resolved against `base` (fragment dropped); `base` when absent or unusable. */
export function schemaBase(schema: JsonObject, base: string): string {
  const id = schema.$id;
  if (typeof id !== "string" || id.startsWith("#")) return base;
  try {
    const url = new URL(id, base);
    url.hash = "";
    return url.href;
  } catch {
    return base;
  }
}

/** Options of {@link walkDocument}. */
export interface WalkOptions {
  /** Tokens of `root` in its document (default: it is the document). */
  readonly tokens?: readonly Token[];
  /** Kind of `root` (default: {@link kindAt} of `tokens`). */
  readonly kind?: NodeKind;
  /** Base URI at `root` (default: {@link DOCUMENT_BASE}). */
  readonly base?: string;
  /** Called for boolean schemas too (`visit` sees objects only). */
  readonly visitBoolean?: (value: boolean, context: WalkContext) => void;
}

/**
 * Calls `visit` on every OpenAPI object and Schema Object under `root` (itself included), parents
 * before children, in document order; data positions are skipped. `root` may also be a map or
 * list of objects (`paths`, `components/schemas`); a root at a data position is not walked.
 */
export function walkDocument(
  root: unknown,
  visit: (node: JsonObject, context: WalkContext) => void,
  options: WalkOptions = {},
): void {
  const tokens: Token[] = [...(options.tokens ?? [])];
  const rootSlot = options.kind ?? slotAt(tokens);
  if (rootSlot === undefined) return;
  const onStack = new Set<unknown>();

  const node = (value: unknown, kind: NodeKind, base: string): void => {
    if (typeof value === "boolean") {
      if (kind === "schema" || kind === "dependency")
        options.visitBoolean?.(value, context(kind, base));
      return;
    }
    if (kind === "dependency") {
      if (isJsonObject(value)) node(value, "schema", base);
      return;
    }
    if (kind === "schema" && Array.isArray(value)) {
      // Tuple `items` (draft 4, OpenAPI 3.0 vendors): each entry a schema.
      list(value, kind, base);
      return;
    }
    if (!isJsonObject(value) || onStack.has(value)) return;
    onStack.add(value);
    const here = kind === "schema" ? schemaBase(value, base) : base;
    visit(value, context(kind, here));
    for (const key of Object.keys(value)) {
      const slot = slotOf(kind, key);
      if (slot === undefined) continue;
      tokens.push(key);
      at(value[key], slot, here);
      tokens.pop();
    }
    onStack.delete(value);
  };
  const list = (value: readonly unknown[], kind: NodeKind, base: string): void => {
    value.forEach((item, index) => {
      tokens.push(index);
      node(item, kind, base);
      tokens.pop();
    });
  };
  const at = (value: unknown, slot: Slot, base: string): void => {
    const container = /^(map|ext-map|list):(.+)$/.exec(slot);
    if (!container) {
      node(value, slot as NodeKind, base);
      return;
    }
    const kind = container[2] as NodeKind;
    if (container[1] === "list") {
      if (Array.isArray(value)) list(value, kind, base);
      return;
    }
    if (!isJsonObject(value)) return;
    for (const key of Object.keys(value)) {
      if (container[1] === "ext-map" && key.startsWith("x-")) continue;
      tokens.push(key);
      node(value[key], kind, base);
      tokens.pop();
    }
  };
  const context = (kind: NodeKind, base: string): WalkContext => ({ tokens, kind, base });

  at(root, rootSlot, options.base ?? DOCUMENT_BASE);
}

/**
 * Calls `visit` on every schema under `root` (objects and booleans), parents first, with its tokens
 * and base URI. See {@link walkDocument} for the options.
 */
export function walkSchemas(
  root: unknown,
  visit: (schema: JsonObject | boolean, context: WalkContext) => void,
  options: Omit<WalkOptions, "visitBoolean"> = {},
): void {
  walkDocument(
    root,
    (node, context) => {
      if (context.kind === "schema") visit(node, context);
    },
    { ...options, visitBoolean: (value, context) => visit(value, context) },
  );
}

/** Rewrites one schema whose subschemas were already rewritten; returns it unchanged or a copy. */
export type SchemaMapper = (schema: JsonObject, tokens: readonly Token[]) => JsonObject;
/** Rewrites one boolean schema (say `true` → `{}`). */
export type BooleanSchemaMapper = (value: boolean, tokens: readonly Token[]) => unknown;

/** Returned by a {@link NodeMapper} to remove the node from its map, list or parent. */
export const REMOVE: unique symbol = Symbol("remove");

/**
 * Rewrites one OpenAPI object or schema (objects and booleans) whose children were already
 * rewritten: returns it unchanged, a copy, or {@link REMOVE}.
 */
export type NodeMapper = (node: JsonObject | boolean, context: WalkContext) => unknown;

/**
 * A copy of `document` with `mapNode` applied to every OpenAPI object and schema, children before
 * parents, at the positions {@link walkDocument} visits. Untouched subtrees are shared with the
 * input, which is not modified.
 */
export function mapDocumentNodes<T>(document: T, mapNode: NodeMapper): T {
  const tokens: Token[] = [];
  const onStack = new Set<unknown>();
  const context = (kind: NodeKind, base: string): WalkContext => ({ tokens, kind, base });

  const node = (value: unknown, kind: NodeKind, base: string): unknown => {
    if (typeof value === "boolean") {
      return kind === "schema" || kind === "dependency"
        ? mapNode(value, context("schema", base))
        : value;
    }
    if (kind === "dependency") return isJsonObject(value) ? node(value, "schema", base) : value;
    if (kind === "schema" && Array.isArray(value)) return list(value, kind, base);
    if (!isJsonObject(value) || onStack.has(value)) return value;
    onStack.add(value);
    const here = kind === "schema" ? schemaBase(value, base) : base;
    let out: JsonObject | undefined;
    for (const key of Object.keys(value)) {
      const slot = slotOf(kind, key);
      if (slot === undefined) continue;
      tokens.push(key);
      const next = at(value[key], slot, here);
      tokens.pop();
      if (next !== value[key]) {
        out ??= { ...value };
        if (next === REMOVE) delete out[key];
        else out[key] = next;
      }
    }
    onStack.delete(value);
    return mapNode(out ?? value, context(kind, here));
  };
  const list = (value: readonly unknown[], kind: NodeKind, base: string): unknown => {
    let changed = false;
    const out: unknown[] = [];
    value.forEach((item, index) => {
      tokens.push(index);
      const next = node(item, kind, base);
      tokens.pop();
      if (next !== item) changed = true;
      if (next !== REMOVE) out.push(next);
    });
    return changed ? out : value;
  };
  const at = (value: unknown, slot: Slot, base: string): unknown => {
    const container = /^(map|ext-map|list):(.+)$/.exec(slot);
    if (!container) return node(value, slot as NodeKind, base);
    const kind = container[2] as NodeKind;
    if (container[1] === "list") return Array.isArray(value) ? list(value, kind, base) : value;
    if (!isJsonObject(value)) return value;
    let out: JsonObject | undefined;
    for (const key of Object.keys(value)) {
      if (container[1] === "ext-map" && key.startsWith("x-")) continue;
      tokens.push(key);
      const next = node(value[key], kind, base);
      tokens.pop();
      if (next !== value[key]) {
        out ??= { ...value };
        if (next === REMOVE) delete out[key];
        else out[key] = next;
      }
    }
    return out ?? value;
  };
  const result = node(document, "document", DOCUMENT_BASE);
  return (result === REMOVE ? {} : result) as T;
}

/**
 * A copy of `document` with `mapSchema` applied to every Schema Object (children before parents)
 * and `mapBoolean`, when given, to every boolean schema. Untouched subtrees are shared with the
 * input, which is not modified. Same positions as {@link walkDocument}.
 */
export function mapDocumentSchemas<T>(
  document: T,
  mapSchema: SchemaMapper,
  mapBoolean?: BooleanSchemaMapper,
): T {
  return mapDocumentNodes(document, (node, { kind, tokens }) => {
    if (kind !== "schema") return node;
    if (typeof node === "boolean") return mapBoolean ? mapBoolean(node, tokens) : node;
    return mapSchema(node, tokens);
  });
}

/** Where a schema-position reference can point: schema resources (`$id`) and anchors. */
export interface SchemaResources {
  /** Absolute URI (no fragment) → tokens of the resource's root in the document. */
  readonly resources: ReadonlyMap<string, readonly Token[]>;
  /** `<resource URI>#<anchor>` → tokens of the schema declaring `$anchor`/`$dynamicAnchor`. */
  readonly anchors: ReadonlyMap<string, readonly Token[]>;
}

/** Every `$id` resource and anchor of `document`'s schemas (the document itself at {@link DOCUMENT_BASE}). */
export function collectSchemaResources(document: unknown): SchemaResources {
  const resources = new Map<string, readonly Token[]>([[DOCUMENT_BASE, []]]);
  const anchors = new Map<string, readonly Token[]>();
  walkSchemas(document, (schema, { tokens, base }) => {
    if (typeof schema === "boolean") return;
    if (typeof schema.$id === "string" && !resources.has(base)) resources.set(base, [...tokens]);
    for (const key of ["$anchor", "$dynamicAnchor"]) {
      const name = schema[key];
      if (typeof name === "string") anchors.set(`${base}#${name}`, [...tokens]);
    }
    // Draft 4-6 plain-name identifiers: `$id: "#foo"` names an anchor.
    if (typeof schema.$id === "string" && schema.$id.startsWith("#") && schema.$id.length > 1) {
      anchors.set(`${base}${schema.$id}`, [...tokens]);
    }
  });
  return { resources, anchors };
}

/**
 * Tokens (from the document root) of what `ref`, used where the base URI is `base`, points at
 * within the document; undefined when it points outside it (an external document) or at nothing
 * the document defines. JSON Pointer fragments are followed from their resource's root.
 */
export function resolveRefTokens(
  document: unknown,
  ref: string,
  base: string,
  known: SchemaResources,
): readonly Token[] | undefined {
  // The common case, a JSON Pointer within the document itself, without URL parsing.
  if (base === DOCUMENT_BASE && ref.startsWith("#/")) return pointerTokens(document, [], ref);
  let url: URL;
  try {
    url = new URL(ref, base);
  } catch {
    return undefined;
  }
  const fragment = url.hash;
  url.hash = "";
  const root = known.resources.get(url.href);
  if (root === undefined) return undefined;
  if (fragment === "" || fragment === "#") return root;
  if (!fragment.startsWith("#/")) return known.anchors.get(`${url.href}${fragment}`);
  return pointerTokens(document, root, fragment);
}

/** `root` + the tokens of `fragment` (`#/…`) when something is there, else undefined. */
function pointerTokens(
  document: unknown,
  root: readonly Token[],
  fragment: string,
): readonly Token[] | undefined {
  let pointer: string[];
  try {
    pointer = parsePointer(fragment);
  } catch {
    return undefined;
  }
  const tokens = [...root, ...pointer];
  let value: unknown = document;
  for (const token of tokens) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, token)) {
      return undefined;
    }
    value = (value as JsonObject)[String(token)];
  }
  return tokens;
}

/**
 * JSON Schema meta-schemas (and OpenAPI 3.1's dialect) that validators know without the document:
 * a schema may `$ref` one (say to accept any schema as data) without bundling it.
 */
const META_SCHEMAS = new Set([
  "http://json-schema.org/draft-04/schema",
  "http://json-schema.org/draft-06/schema",
  "http://json-schema.org/draft-07/schema",
  "https://json-schema.org/draft/2019-09/schema",
  "https://json-schema.org/draft/2020-12/schema",
  "https://spec.openapis.org/oas/3.1/dialect/base",
  "https://spec.openapis.org/oas/3.1/schema-base",
]);

/** True when `ref` (against `base`) names a well-known meta-schema (see META_SCHEMAS). */
export function isMetaSchemaRef(ref: string, base: string): boolean {
  try {
    const url = new URL(ref, base);
    url.hash = "";
    return META_SCHEMAS.has(
      url.href.replace(/^https:\/\/json-schema\.org\/draft-0/, "http://json-schema.org/draft-0"),
    );
  } catch {
    return false;
  }
}
