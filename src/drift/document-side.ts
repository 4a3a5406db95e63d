import { followRef } from "../document/follow-ref.js";
import type { OpenApiDocument } from "../document/load-document.js";
import { SpecError } from "../errors.js";
import { escapePointerToken } from "../runtime/json-pointer.js";
import { isJsonObject } from "../runtime/json-value.js";

/** A node of a document and the JSON Pointer it sits at. */
export interface Located {
  readonly node: unknown;
  readonly pointer: string;
  /**
   * Set when one name is defined by several `allOf` members (a property declared in two of them):
   * the schema is then the intersection of every part, and `pointer` is a synthetic key.
   */
  readonly parts?: readonly Located[];
}

/** A real JSON Pointer for `loc`: the first definition when it is the intersection of several. */
export function realPointer(loc: Located): string {
  return loc.parts?.[0]?.pointer ?? loc.pointer;
}

/** The `$ref` string of a node, if it has one. */
export function refOf(node: unknown): string | undefined {
  return isJsonObject(node) && typeof node.$ref === "string" ? node.$ref : undefined;
}

/** `loc` extended by one or more reference tokens: `child(op, "responses", "200")`. */
export function child(loc: Located, ...tokens: (string | number)[]): Located {
  let node = loc.node;
  let pointer = loc.pointer;
  for (const token of tokens) {
    node =
      isJsonObject(node) || Array.isArray(node)
        ? (node as Record<string, unknown>)[token]
        : undefined;
    const text = String(token);
    pointer += `/${escapePointerToken(text)}`;
  }
  return { node, pointer };
}

/**
 * One side of a diff: the document, the name it was loaded from (for error messages) and
 * `$ref` resolution (through the document layer's one follower) with the pointer of the target
 * kept, so that locations name where a schema is defined.
 */
export class DocumentSide {
  private readonly targets = new Map<string, Located>();

  constructor(
    readonly doc: OpenApiDocument,
    readonly source: string,
  ) {}

  /** The document root as a located node. */
  get root(): Located {
    return { node: this.doc, pointer: "" };
  }

  /**
   * Follow a chain of local `$ref`s to the node they name. A reference to another file is left as is
   * (the diff then compares only the reference string); a dangling or circular chain is a {@link SpecError}.
   */
  deref(loc: Located): Located {
    const ref = refOf(loc.node);
    if (ref === undefined || !ref.startsWith("#")) return loc;
    const cached = this.targets.get(ref);
    if (cached) return cached;
    const followed = followRef(this.doc, loc.node, loc.pointer);
    const stop = followed.stop;
    const at = followed.pointer || "/";
    if (stop?.reason === "circular") {
      throw new SpecError(
        `${this.source}: $ref chain starting at ${loc.pointer || "/"} does not end (circular $ref)`,
        this.source,
        loc.pointer,
      );
    }
    if (stop?.reason === "not-a-pointer") {
      throw new SpecError(
        `${this.source}: $ref '${stop.ref}' at ${at} is not a JSON Pointer (${stop.detail})`,
        this.source,
        followed.pointer,
      );
    }
    if (stop?.reason === "dangling") {
      throw new SpecError(
        `${this.source}: $ref '${stop.ref}' at ${at} points at nothing; fix the reference`,
        this.source,
        followed.pointer,
      );
    }
    const target = { node: followed.node, pointer: followed.pointer };
    this.targets.set(ref, target);
    return target;
  }
}
