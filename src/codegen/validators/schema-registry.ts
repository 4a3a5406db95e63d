/**
 * The schemas one API's validators are compiled from, one per `$ref` target, each under an ajv id
 * of its own, so that a component used by many responses is compiled (and emitted) once.
 */
import { getAtPointer } from "../../spec/json-pointer.js";
import type { OpenApiDocument } from "../../spec/load-document.js";
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
    context: Omit<TransformContext, "refId">,
  ) {
    this.context = { ...context, refId: (ref, at) => this.refId(ref, at) };
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

  private refId(ref: string, at: string): string | undefined {
    if (!ref.startsWith("#")) {
      this.context.warn(at, `external $ref '${ref}' is not followed; anything is accepted here`);
      return undefined;
    }
    let pointer: string;
    try {
      pointer = decodeURIComponent(ref.slice(1));
    } catch {
      this.context.warn(at, `$ref '${ref}' is not a valid URI fragment; anything is accepted here`);
      return undefined;
    }
    if (pointer !== "" && !pointer.startsWith("/")) {
      this.context.warn(at, `$ref '${ref}' is not a JSON Pointer; anything is accepted here`);
      return undefined;
    }
    if (getAtPointer(this.document, pointer) === undefined) {
      this.context.warn(at, `$ref '${ref}' points at nothing; anything is accepted here`);
      return undefined;
    }
    return this.idFor(pointer);
  }
}
