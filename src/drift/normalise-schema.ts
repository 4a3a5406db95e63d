import { isJsonObject } from "../runtime/json-value.js";
import { child, type DocumentSide, type Located, refOf } from "./document-side.js";

/** A numeric bound; `exclusive` for `exclusiveMinimum`/`exclusiveMaximum` (3.0 boolean or 3.1 number form). */
export interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
}

/**
 * A schema reduced to what the diff rules compare: `$ref`s followed, `allOf` merged, and the three
 * forms of nullability (`nullable: true`, a `"null"` type, a `oneOf`/`anyOf` null branch) folded into
 * one flag. Sub-schemas stay {@link Located} so that the walk normalises them only when it gets there.
 */
export interface NormalSchema {
  /** Cycle-detection key: the pointer of the node that defines the shape (a bare `$ref` passes through). */
  readonly identity: string;
  /** Without `"null"`; undefined when any type is allowed. */
  readonly types?: ReadonlySet<string>;
  readonly nullable: boolean;
  readonly format?: string;
  readonly pattern?: string;
  readonly minimum?: Bound;
  readonly maximum?: Bound;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly multipleOf?: number;
  readonly uniqueItems: boolean;
  /** Allowed values without `null`; undefined when not an enum. */
  readonly enum?: readonly unknown[];
  /** Whether `enum` came from a `const` (oasdiff reports those as `*-const-*`). */
  readonly isConst: boolean;
  /** `{ value }` when the schema has a `default` (an annotation, but oasdiff reports its changes). */
  readonly default?: { readonly value: unknown };
  readonly discriminator?: {
    readonly propertyName?: string;
    readonly mapping: Readonly<Record<string, string>>;
  };
  readonly deprecated: boolean;
  /** The `x-sunset` date text of a deprecated property, when given. */
  readonly sunset?: string;
  readonly properties: ReadonlyMap<string, Located>;
  readonly required: ReadonlySet<string>;
  readonly items?: Located;
  readonly additionalProperties?: Located;
  /** `oneOf`/`anyOf` alternatives other than the null branch, when more than one remains. */
  readonly oneOf?: readonly Located[];
  readonly anyOf?: readonly Located[];
  /** The schema's own `allOf` members as written (already merged into the rest). */
  readonly allOf?: readonly Located[];
  readonly readOnly: boolean;
  readonly writeOnly: boolean;
  /** Keyword → JSON Pointer of the value that set it (`"enum"` → `/components/schemas/Status/enum`). */
  readonly origin: Readonly<Record<string, string>>;
}

/** Keywords that document a schema without constraining it. */
const ANNOTATIONS = new Set([
  "description",
  "title",
  "example",
  "examples",
  "externalDocs",
  "xml",
  "$comment",
  "default",
  "deprecated",
  "discriminator",
]);

function isAnnotation(key: string): boolean {
  return ANNOTATIONS.has(key) || key.startsWith("x-");
}

interface Draft {
  types?: Set<string>;
  nullable: boolean;
  format?: string;
  pattern?: string;
  minimum?: Bound;
  maximum?: Bound;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  multipleOf?: number;
  uniqueItems: boolean;
  enum?: unknown[];
  isConst: boolean;
  default?: { readonly value: unknown };
  discriminator?: { propertyName?: string; mapping: Record<string, string> };
  deprecated: boolean;
  sunset?: string;
  properties: Map<string, Located>;
  required: Set<string>;
  items?: Located;
  additionalProperties?: Located;
  oneOf?: Located[];
  anyOf?: Located[];
  allOf?: Located[];
  readOnly: boolean;
  writeOnly: boolean;
  origin: Record<string, string>;
}

function emptyDraft(): Draft {
  return {
    nullable: false,
    uniqueItems: false,
    isConst: false,
    deprecated: false,
    properties: new Map(),
    required: new Set(),
    readOnly: false,
    writeOnly: false,
    origin: {},
  };
}

/** Whether a (dereferenced) schema admits only `null`: `{type: "null"}`, `{type: ["null"]}`, `{enum: [null]}`. */
export function isNullSchema(node: unknown): boolean {
  if (!isJsonObject(node)) return false;
  const type = node.type;
  if (type === "null") return true;
  if (Array.isArray(type)) return type.length === 1 && type[0] === "null";
  return Array.isArray(node.enum) && node.enum.length === 1 && node.enum[0] === null;
}

/** Normalises the schemas of one document, caching by pointer (a pointer always names the same node). */
export class SchemaNormaliser {
  private readonly cache = new Map<string, NormalSchema>();
  private readonly inProgress = new Set<string>();

  constructor(readonly side: DocumentSide) {}

  /** The normal form of the schema at `loc`. */
  normalise(loc: Located): NormalSchema {
    const cached = this.cache.get(loc.pointer);
    if (cached) return cached;
    // An allOf/$ref cycle (a schema that contains itself directly) describes no finite shape: cut it.
    if (this.inProgress.has(loc.pointer)) return { ...freeze(emptyDraft()), identity: loc.pointer };
    this.inProgress.add(loc.pointer);
    try {
      const result = this.build(loc);
      this.cache.set(loc.pointer, result);
      return result;
    } finally {
      this.inProgress.delete(loc.pointer);
    }
  }

  private build(loc: Located): NormalSchema {
    if (loc.parts) {
      // One name defined by several allOf members: every definition applies (their intersection).
      const parts = loc.parts.map((part) => this.normalise(part));
      return { ...freeze(merge(emptyDraft(), parts)), identity: loc.pointer };
    }
    const node = loc.node;
    if (!isJsonObject(node)) return { ...freeze(emptyDraft()), identity: loc.pointer };
    const ref = refOf(node);
    const own = ownKeywords(node, loc);
    const parts: NormalSchema[] = [];
    if (ref !== undefined) {
      // A reference to another file cannot be followed: it stays an opaque, unconstrained schema.
      if (ref.startsWith("#")) parts.push(this.normalise(this.side.deref(loc)));
    }
    if (Array.isArray(node.allOf)) {
      node.allOf.forEach((_, i) => {
        parts.push(this.normalise(child(loc, "allOf", i)));
      });
    }
    for (const keyword of ["oneOf", "anyOf"] as const) {
      const branches = node[keyword];
      if (!Array.isArray(branches)) continue;
      const kept: Located[] = [];
      branches.forEach((_, i) => {
        const branch = child(loc, keyword, i);
        if (isNullSchema(this.side.deref(branch).node)) {
          own.nullable = true;
          own.origin.nullable ??= branch.pointer;
        } else {
          kept.push(branch);
        }
      });
      const [only] = kept;
      if (kept.length === 1 && only) parts.push(this.normalise(only));
      else if (kept.length > 1) this.addAlternatives(own, keyword, kept);
    }
    const ownCounts = Object.keys(node).some(
      (key) => !isAnnotation(key) && key !== "$ref" && key !== "allOf",
    );
    const members = Array.isArray(node.allOf)
      ? node.allOf.map((_, i) => child(loc, "allOf", i))
      : undefined;
    const [single] = parts;
    if (!ownCounts && parts.length === 1 && single) {
      return members ? { ...single, identity: loc.pointer, allOf: members } : single;
    }
    const merged = merge(own, parts);
    if (members) merged.allOf = members;
    return { ...freeze(merged), identity: loc.pointer };
  }

  private addAlternatives(own: Draft, keyword: "oneOf" | "anyOf", kept: Located[]): void {
    own[keyword] = kept;
    own.origin[keyword] ??= kept[0]?.pointer.replace(/\/\d+$/, "") ?? "";
    if (own.types) return;
    // The union of the alternatives' types lets `string` vs `oneOf: [string, integer]` compare by type.
    const union = new Set<string>();
    for (const branch of kept) {
      const types = this.normalise(branch).types;
      if (!types) return;
      for (const type of types) union.add(type);
    }
    own.types = union;
  }
}

function ownKeywords(node: Record<string, unknown>, loc: Located): Draft {
  const draft = emptyDraft();
  const at = (key: string) => `${loc.pointer}/${key}`;
  const set = (key: string) => {
    draft.origin[key] = at(key);
  };
  const type = node.type;
  if (typeof type === "string" || Array.isArray(type)) {
    const list = (Array.isArray(type) ? type : [type]).filter(
      (t): t is string => typeof t === "string",
    );
    if (list.includes("null") && list.length > 1) {
      draft.nullable = true;
      draft.origin.nullable = at("type");
    }
    draft.types = new Set(list.length > 1 ? list.filter((t) => t !== "null") : list);
    set("type");
  }
  if (node.nullable === true) {
    draft.nullable = true;
    draft.origin.nullable = at("nullable");
  }
  const values = Array.isArray(node.enum) ? node.enum : "const" in node ? [node.const] : undefined;
  if (values) {
    const key = Array.isArray(node.enum) ? "enum" : "const";
    if (values.includes(null)) {
      draft.nullable = true;
      draft.origin.nullable ??= at(key);
    }
    draft.enum = values.filter((v) => v !== null);
    draft.isConst = key === "const";
    draft.origin.enum = at(key);
  }
  if ("default" in node) {
    draft.default = { value: node.default };
    set("default");
  }
  if (isJsonObject(node.discriminator)) {
    const { propertyName, mapping } = node.discriminator;
    draft.discriminator = {
      ...(typeof propertyName === "string" ? { propertyName } : {}),
      mapping: isJsonObject(mapping)
        ? Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, String(v)]))
        : {},
    };
    set("discriminator");
  }
  if (node.deprecated === true) {
    draft.deprecated = true;
    set("deprecated");
  }
  const sunset = node["x-sunset"];
  if (typeof sunset === "string" || sunset instanceof Date) {
    draft.sunset = sunset instanceof Date ? sunset.toISOString().slice(0, 10) : sunset;
  }
  if (node.uniqueItems === true) {
    draft.uniqueItems = true;
    set("uniqueItems");
  }
  if (typeof node.multipleOf === "number" && node.multipleOf > 0) {
    draft.multipleOf = node.multipleOf;
    set("multipleOf");
  }
  for (const key of ["format", "pattern"] as const) {
    // An empty pattern matches every string: the same as none.
    if (typeof node[key] === "string" && node[key] !== "") {
      draft[key] = node[key];
      set(key);
    }
  }
  for (const key of [
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
  ] as const) {
    const value = node[key];
    // A zero minimum length or count is the same as none.
    if (typeof value === "number" && !(value === 0 && key.startsWith("min"))) {
      draft[key] = value;
      set(key);
    }
  }
  readBound(node, "minimum", "exclusiveMinimum", draft, at);
  readBound(node, "maximum", "exclusiveMaximum", draft, at);
  if (isJsonObject(node.properties)) {
    for (const name of Object.keys(node.properties)) {
      draft.properties.set(name, child(loc, "properties", name));
    }
    set("properties");
  }
  if (Array.isArray(node.required)) {
    for (const name of node.required) if (typeof name === "string") draft.required.add(name);
    set("required");
  }
  if (isJsonObject(node.items)) draft.items = child(loc, "items");
  if (isJsonObject(node.additionalProperties)) {
    draft.additionalProperties = child(loc, "additionalProperties");
  }
  draft.readOnly = node.readOnly === true;
  draft.writeOnly = node.writeOnly === true;
  return draft;
}

function readBound(
  node: Record<string, unknown>,
  key: "minimum" | "maximum",
  exclusiveKey: "exclusiveMinimum" | "exclusiveMaximum",
  draft: Draft,
  at: (key: string) => string,
): void {
  const inclusive = node[key];
  const exclusive = node[exclusiveKey];
  let bound: Bound | undefined;
  if (typeof inclusive === "number") bound = { value: inclusive, exclusive: exclusive === true };
  // OpenAPI 3.1 (JSON Schema 2020-12): exclusiveMinimum is itself the bound.
  if (typeof exclusive === "number") {
    const candidate = { value: exclusive, exclusive: true };
    bound = bound ? tighter(key, bound, candidate) : candidate;
  }
  if (bound) {
    draft[key] = bound;
    draft.origin[key] = at(typeof inclusive === "number" ? key : exclusiveKey);
  }
}

/** The stricter of two bounds of the same kind. */
export function tighter(kind: "minimum" | "maximum", a: Bound, b: Bound): Bound {
  if (a.value === b.value) return a.exclusive ? a : b;
  return (kind === "minimum" ? a.value > b.value : a.value < b.value) ? a : b;
}

/** `allOf` semantics: every part applies, so constraints intersect and the stricter bound wins. */
function merge(own: Draft, parts: readonly NormalSchema[]): Draft {
  const out = own;
  for (const part of parts) {
    out.types = intersectTypes(out.types, part.types);
    for (const key of ["items", "additionalProperties"] as const) {
      const theirs = part[key];
      const mine = out[key];
      if (theirs === undefined) continue;
      if (mine === undefined) out[key] = theirs;
      else if (mine.pointer !== theirs.pointer) out[key] = intersection(mine, theirs);
    }
    for (const key of [
      "format",
      "pattern",
      "oneOf",
      "anyOf",
      "discriminator",
      "default",
    ] as const) {
      if (out[key] === undefined && part[key] !== undefined) {
        (out as unknown as Record<string, unknown>)[key] = part[key];
        copyOrigin(out, part, key);
      }
    }
    for (const [key, pick] of [
      ["minLength", Math.max],
      ["maxLength", Math.min],
      ["minItems", Math.max],
      ["maxItems", Math.min],
      ["minProperties", Math.max],
      ["maxProperties", Math.min],
    ] as const) {
      const mine = out[key];
      const theirs = part[key];
      if (theirs === undefined) continue;
      if (mine === undefined || pick(mine, theirs) !== mine) copyOrigin(out, part, key);
      out[key] = mine === undefined ? theirs : pick(mine, theirs);
    }
    for (const key of ["minimum", "maximum"] as const) {
      const theirs = part[key];
      const mine = out[key];
      if (theirs === undefined) continue;
      const next = mine ? tighter(key, mine, theirs) : theirs;
      if (next !== mine) copyOrigin(out, part, key);
      out[key] = next;
    }
    if (part.enum) {
      const theirs = part.enum;
      if (!out.enum) copyOrigin(out, part, "enum");
      if (out.enum) {
        const keep = new Set(theirs.map(valueKey));
        out.enum = out.enum.filter((value) => keep.has(valueKey(value)));
      } else {
        out.enum = [...theirs];
      }
    }
    for (const [name, loc] of part.properties) {
      const mine = out.properties.get(name);
      // A property declared again in a later member is narrowed by it: keep both definitions.
      if (!mine) out.properties.set(name, loc);
      else if (mine.pointer !== loc.pointer) out.properties.set(name, intersection(mine, loc));
    }
    if (part.properties.size > 0) copyOrigin(out, part, "properties");
    for (const name of part.required) out.required.add(name);
    if (part.required.size > 0) copyOrigin(out, part, "required");
    out.readOnly ||= part.readOnly;
    out.writeOnly ||= part.writeOnly;
    out.uniqueItems ||= part.uniqueItems;
    out.deprecated ||= part.deprecated;
    if (part.enum && !out.isConst) out.isConst = part.isConst;
    if (part.multipleOf !== undefined && out.multipleOf === undefined) {
      out.multipleOf = part.multipleOf;
      copyOrigin(out, part, "multipleOf");
    }
    copyOrigin(out, part, "type");
  }
  // `{allOf: [{$ref}], nullable: true}` is the common 3.0 idiom for a nullable reference.
  if (!own.nullable && parts.length > 0 && parts.every((p) => p.nullable)) {
    out.nullable = true;
    copyOrigin(out, parts[0] as NormalSchema, "nullable");
  }
  return out;
}

/** A synthetic location for two definitions of one name: normalised as their intersection. */
function intersection(a: Located, b: Located): Located {
  const parts = [...(a.parts ?? [a]), ...(b.parts ?? [b])];
  return { node: undefined, pointer: parts.map((p) => p.pointer).join("&"), parts };
}

function copyOrigin(out: Draft, part: NormalSchema, key: string): void {
  const origin = part.origin[key];
  if (origin !== undefined) out.origin[key] ??= origin;
}

function intersectTypes(
  a: Set<string> | undefined,
  b: ReadonlySet<string> | undefined,
): Set<string> | undefined {
  if (!b) return a;
  if (!a) return new Set(b);
  const out = new Set<string>();
  for (const type of a) {
    if (b.has(type)) out.add(type);
    else if (type === "integer" && b.has("number")) out.add("integer");
  }
  for (const type of b) if (type === "integer" && a.has("number")) out.add("integer");
  return out;
}

/** A string that is equal for two enum values exactly when they are equal as JSON. */
export function valueKey(value: unknown): string {
  return value !== null && typeof value === "object"
    ? JSON.stringify(value)
    : `${typeof value}:${String(value)}`;
}

/** The values of `values` that are not in `other` (JSON equality); linear, as enums can be long. */
export function valuesMissingFrom(
  values: readonly unknown[],
  other: readonly unknown[],
): unknown[] {
  const keys = new Set(other.map(valueKey));
  return values.filter((value) => !keys.has(valueKey(value)));
}

function freeze(draft: Draft): Omit<NormalSchema, "identity"> {
  return draft;
}
