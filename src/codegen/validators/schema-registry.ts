/**
 * The schemas one API's validators are compiled from, one per `$ref` target, each under an ajv id
 * of its own, so that a component used by many responses is compiled (and emitted) once.
 */
import { getAtPointer, toPointer } from "../../spec/json-pointer.js";
import type { OpenApiDocument } from "../../spec/load-document.js";
import {
  collectSchemaResources,
  DOCUMENT_BASE,
  resolveRefTokens,
  type SchemaResources,
  walkSchemas,
} from "../../spec/walk-schemas.js";
import { type DialectSchema, type TransformContext, transformSchema } from "./transform-schema.js";

const COMPONENT = /^\/components\/schemas\/([^/]+)$/;

/**
 * The ajv id of the schema at a JSON Pointer: `c:<Name>` for `#/components/schemas/<Name>`,
 * `p:<pointer>` for anything else (both URI-encoded, so ajv's URI resolution leaves them alone).
 */
export function schemaIdFor(pointer: string): string {
  const component = COMPONENT.exec(pointer)?.[1];
  if (component !== undefined) {
    return `c:${encodeURIComponent(component.replace(/~1/g, "/").replace(/~0/g, "~"))}`;
  }
  return `p:${encodeURIComponent(pointer)}`;
}

/** Transforms schemas on demand: each `$ref` target once, in the order they are first reached. */
export class SchemaRegistry {
  private readonly idByPointer = new Map<string, string>();
  private readonly pointerById = new Map<string, string>();
  private readonly pending: string[] = [];
  private readonly transformed = new Map<string, DialectSchema>();
  private readonly context: TransformContext;

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

  /** The id of the schema at `pointer`, queued for transformation on first use. */
  idFor(pointer: string): string {
    let id = this.idByPointer.get(pointer);
    if (id === undefined) {
      id = schemaIdFor(pointer);
      this.idByPointer.set(pointer, id);
      this.pointerById.set(id, pointer);
      this.pending.push(pointer);
    }
    return id;
  }

  /** JSON Pointer (in the document) of the schema with this id. */
  pointerOf(id: string): string {
    return this.pointerById.get(id) ?? id;
  }

  /** Transform everything queued, following `$ref`s; returns every schema by id, in first-use order. */
  drain(): ReadonlyMap<string, DialectSchema> {
    for (
      let pointer = this.pending.shift();
      pointer !== undefined;
      pointer = this.pending.shift()
    ) {
      const id = this.idByPointer.get(pointer) as string;
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
   * The document's `$id` resources and anchors, and the base URI of every schema below an `$id`,
   * found once (src/spec/walk-schemas.ts, the walk the spec layer resolves refs with).
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
    const tokens = resolveRefTokens(this.document, ref, base, known);
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
    return this.idFor(toPointer(tokens));
  }

  /** See {@link TransformContext.resourceRootId}. */
  private resourceRootId(at: string): string | undefined {
    const { bases } = this.resolution();
    if (bases.has(at.slice(0, at.lastIndexOf("/")))) return this.refId("#", at);
    // No `$id` around: the outermost schema, a component or the schema of a media type/parameter.
    const root = /^\/components\/schemas\/[^/]+|^.*?\/schema(?=\/|$)/.exec(at)?.[0];
    return root === undefined ? undefined : this.idFor(root);
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
    return this.idFor(pointer);
  }
}
