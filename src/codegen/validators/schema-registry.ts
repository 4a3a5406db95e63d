/**
 * The schemas one API's validators are compiled from, one per `$ref` target, each under an ajv id
 * of its own, so that a component used by many responses is compiled (and emitted) once.
 *
 * `$dynamicRef` follows JSON Schema 2020-12's dynamic scope without run-time bookkeeping: when its
 * static target declares the same `$dynamicAnchor` (the "bookend"), it resolves to the outermost
 * resource of the dynamic scope that declares that anchor. The scope is known at codegen along
 * each chain of references, so a schema reached under a different binding of such anchors is
 * compiled once per binding (ids suffixed `~d<n>`); a document without a bookended `$dynamicRef`
 * (every vendor document seen so far) compiles exactly as before.
 */

import type { OpenApiDocument } from "../../document/load-document.js";
import {
  collectSchemaResources,
  DOCUMENT_BASE,
  resolveRefTokens,
  type SchemaResources,
  walkSchemas,
} from "../../document/walk-schemas.js";
import {
  getAtPointer,
  parsePointer,
  toPointer,
  unescapePointerToken,
} from "../../runtime/json-pointer.js";
import { type DialectSchema, type TransformContext, transformSchema } from "./transform-schema.js";

const COMPONENT = /^\/components\/schemas\/([^/]+)$/;

/**
 * The ajv id of the schema at a JSON Pointer: `c:<Name>` for `#/components/schemas/<Name>`,
 * `p:<pointer>` for anything else (both URI-encoded, so ajv's URI resolution leaves them alone).
 */
export function schemaIdFor(pointer: string): string {
  const component = COMPONENT.exec(pointer)?.[1];
  if (component !== undefined) {
    return `c:${encodeURIComponent(unescapePointerToken(component))}`;
  }
  return `p:${encodeURIComponent(pointer)}`;
}

/** Dynamic anchor name → pointer of the outermost schema in the dynamic scope declaring it. */
type Binding = ReadonlyMap<string, string>;
const NO_BINDING: Binding = new Map();

/** A stable key of a binding ("" when empty). */
function bindingKey(binding: Binding): string {
  if (binding.size === 0) return "";
  return [...binding].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).join("\u0001");
}

/** Transforms schemas on demand: each `$ref` target once, in the order they are first reached. */
export class SchemaRegistry {
  private readonly idByUnit = new Map<string, string>();
  private readonly pointerById = new Map<string, string>();
  private readonly bindingById = new Map<string, Binding>();
  private readonly bindingKeys = new Map<string, number>();
  private readonly pending: string[] = [];
  private readonly transformed = new Map<string, DialectSchema>();
  private readonly context: TransformContext;
  /** The unit being transformed (refs inside it resolve in its dynamic scope). */
  private current: { pointer: string; binding: Binding } = { pointer: "", binding: NO_BINDING };

  constructor(
    private readonly document: OpenApiDocument,
    context: Omit<TransformContext, "refId" | "resourceRootId">,
  ) {
    this.context = {
      ...context,
      refId: (ref, at) => this.refId(ref, at),
      resourceRootId: (at) => this.resourceRootId(at),
    };
  }

  /**
   * The id of the schema at `pointer` as an entry point (its dynamic scope starts with the
   * resources holding it), queued for transformation on first use.
   */
  idFor(pointer: string): string {
    return this.unitId(pointer, this.enter(NO_BINDING, pointer));
  }

  /** The id of the schema at `pointer` under `binding`, queued on first use. */
  private unitId(pointer: string, binding: Binding): string {
    const key = bindingKey(binding);
    const unit = `${key}\u0000${pointer}`;
    let id = this.idByUnit.get(unit);
    if (id === undefined) {
      let n = this.bindingKeys.get(key);
      if (n === undefined) {
        n = this.bindingKeys.size;
        this.bindingKeys.set(key, n);
      }
      id = key === "" ? schemaIdFor(pointer) : `${schemaIdFor(pointer)}~d${n}`;
      this.idByUnit.set(unit, id);
      this.pointerById.set(id, pointer);
      this.bindingById.set(id, binding);
      this.pending.push(id);
    }
    return id;
  }

  /** JSON Pointer (in the document) of the schema with this id. */
  pointerOf(id: string): string {
    return this.pointerById.get(id) ?? id;
  }

  /** Transform everything queued, following `$ref`s; returns every schema by id, in first-use order. */
  drain(): ReadonlyMap<string, DialectSchema> {
    for (let id = this.pending.shift(); id !== undefined; id = this.pending.shift()) {
      const pointer = this.pointerById.get(id) as string;
      this.current = { pointer, binding: this.bindingById.get(id) ?? NO_BINDING };
      this.transformed.set(
        id,
        transformSchema(getAtPointer(this.document, pointer), pointer, this.context),
      );
    }
    return this.transformed;
  }

  /** The schema with this id, once drained. */
  get(id: string): DialectSchema | undefined {
    return this.transformed.get(id);
  }

  private resources: SchemaResources | undefined;
  /** Base URI of each schema that lies inside an `$id` resource (others: the document's). */
  private baseByPointer: Map<string, string> | undefined;
  /**
   * Resource base URI → its `$dynamicAnchor`s that some `$dynamicRef` names (name → pointer);
   * empty when no `$dynamicRef` names a declared dynamic anchor.
   */
  private dynamicAnchors: Map<string, Map<string, string>> | undefined;

  /** See {@link dynamicAnchors}, found once. */
  private anchorsByResource(): Map<string, Map<string, string>> {
    if (this.dynamicAnchors === undefined) {
      this.dynamicAnchors = new Map();
      // Without an `$id` the document is one resource: the outermost declaration of an anchor is
      // the one its static resolution finds, so the scope changes nothing (and costs no walk).
      if (this.resolution().known.resources.size <= 1) return this.dynamicAnchors;
      const declared: [string, string, string][] = [];
      const named = new Set<string>();
      walkSchemas(this.document, (schema, { tokens, base }) => {
        if (typeof schema === "boolean") return;
        if (typeof schema.$dynamicAnchor === "string")
          declared.push([base, schema.$dynamicAnchor, toPointer(tokens)]);
        if (typeof schema.$dynamicRef === "string") {
          const hash = schema.$dynamicRef.indexOf("#");
          if (hash >= 0) named.add(schema.$dynamicRef.slice(hash + 1));
        }
      });
      for (const [base, name, pointer] of declared) {
        if (!named.has(name)) continue;
        const anchors = this.dynamicAnchors.get(base) ?? new Map<string, string>();
        this.dynamicAnchors.set(base, anchors);
        anchors.set(name, pointer);
      }
    }
    return this.dynamicAnchors;
  }

  /** `binding` with the anchors of the resource at `base` that it does not bind yet. */
  private bind(binding: Binding, base: string): Binding {
    let out: Map<string, string> | undefined;
    for (const [name, at] of this.anchorsByResource().get(base) ?? []) {
      if (binding.has(name)) continue;
      out ??= new Map(binding);
      out.set(name, at);
    }
    return out ?? binding;
  }

  /**
   * `binding` once evaluation enters the schema at `pointer` by reference (or as an entry point):
   * its resource joins the dynamic scope, and binds the anchors no outer resource bound.
   */
  private enter(binding: Binding, pointer: string): Binding {
    if (this.anchorsByResource().size === 0) return binding;
    return this.bind(binding, this.resolution().bases.get(pointer) ?? DOCUMENT_BASE);
  }

  /**
   * `binding` at `holder`, a schema inside the unit at `unit`: each embedded resource (`$id`)
   * between them joins the dynamic scope too.
   */
  private within(binding: Binding, holder: string, unit: string): Binding {
    if (this.anchorsByResource().size === 0 || !holder.startsWith(unit)) return binding;
    const { bases } = this.resolution();
    let out = binding;
    let last = bases.get(unit) ?? DOCUMENT_BASE;
    let at = unit;
    for (const token of holder.slice(unit.length).split("/").slice(1)) {
      at = `${at}/${token}`;
      const base = bases.get(at);
      if (base !== undefined && base !== last) {
        out = this.bind(out, base);
        last = base;
      }
    }
    return out;
  }

  /**
   * The document's `$id` resources and anchors, and the base URI of every schema below an `$id`,
   * found once (src/document/walk-schemas.ts, the walk the document layer resolves refs with).
   */
  private resolution(): { known: SchemaResources; bases: Map<string, string> } {
    if (this.resources === undefined || this.baseByPointer === undefined) {
      this.resources = collectSchemaResources(this.document);
      this.baseByPointer = new Map();
      // Without any `$id`, every schema's base is the document's: no second walk.
      if (this.resources.resources.size > 1) {
        const bases = this.baseByPointer;
        walkSchemas(this.document, (_schema, { tokens, base }) => {
          if (base !== DOCUMENT_BASE) bases.set(toPointer(tokens), base);
        });
      }
    }
    return { known: this.resources, bases: this.baseByPointer };
  }

  /**
   * The id of what `ref` (used at `at`, the pointer of the `$ref`/`$dynamicRef` keyword) points at:
   * a JSON Pointer into the document, or a URI naming an `$id` resource or anchor of the document,
   * resolved against the base URI of the schema that holds it, as JSON Schema says.
   */
  private refId(ref: string, at: string): string | undefined {
    if (ref.startsWith("#/") || ref === "#") {
      const { bases } = this.resolution();
      if (bases.size === 0) return this.pointerRefId(ref, at);
    }
    const { known, bases } = this.resolution();
    const holder = at.slice(0, at.lastIndexOf("/"));
    const base = bases.get(holder) ?? DOCUMENT_BASE;
    let tokens = resolveRefTokens(this.document, ref, base, known);
    if (tokens === undefined) {
      const local = ref.startsWith("#");
      this.context.warn(
        at,
        local
          ? `$ref '${ref}' points at nothing; anything is accepted here`
          : `$ref '${ref}' names no schema of this document (external references are not followed); anything is accepted here`,
      );
      return undefined;
    }
    const binding = this.within(this.current.binding, holder, this.current.pointer);
    if (at.endsWith("/$dynamicRef")) tokens = this.dynamicTarget(ref, tokens, binding);
    const pointer = toPointer(tokens);
    return this.unitId(pointer, this.enter(binding, pointer));
  }

  /**
   * Where a `$dynamicRef` whose static target is `tokens` goes under `binding`: the bound schema
   * when the target declares the same `$dynamicAnchor`, else the static target.
   */
  private dynamicTarget(
    ref: string,
    tokens: readonly (string | number)[],
    binding: Binding,
  ): readonly (string | number)[] {
    const name = ref.slice(ref.indexOf("#") + 1);
    const target = getAtPointer(this.document, toPointer(tokens));
    const bound = binding.get(name);
    if (
      bound === undefined ||
      !ref.includes("#") ||
      target === null ||
      typeof target !== "object" ||
      (target as Record<string, unknown>).$dynamicAnchor !== name
    ) {
      return tokens;
    }
    return parsePointer(bound);
  }

  /** See {@link TransformContext.resourceRootId}. */
  private resourceRootId(at: string): string | undefined {
    const { bases } = this.resolution();
    if (bases.has(at.slice(0, at.lastIndexOf("/")))) return this.refId("#", at);
    // No `$id` around: the outermost schema, a component or the schema of a media type/parameter.
    const root = /^\/components\/schemas\/[^/]+|^.*?\/schema(?=\/|$)/.exec(at)?.[0];
    return root === undefined ? undefined : this.unitId(root, this.current.binding);
  }

  /** {@link refId} for a document without `$id`s: a JSON Pointer fragment. */
  private pointerRefId(ref: string, at: string): string | undefined {
    let pointer: string;
    try {
      pointer = decodeURIComponent(ref.slice(1));
    } catch {
      this.context.warn(at, `$ref '${ref}' is not a valid URI fragment; anything is accepted here`);
      return undefined;
    }
    if (getAtPointer(this.document, pointer) === undefined) {
      this.context.warn(at, `$ref '${ref}' points at nothing; anything is accepted here`);
      return undefined;
    }
    // No `$id` in the document: one resource, so no dynamic scope beyond the entry's.
    return this.unitId(pointer, this.current.binding);
  }
}
