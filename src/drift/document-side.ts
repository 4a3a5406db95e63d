import { getAtPointer } from "../document/json-pointer.js";
import type { OpenApiDocument } from "../document/load-document.js";
import { SpecError } from "../errors.js";

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

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The `$ref` string of a node, if it has one. */
export function refOf(node: unknown): string | undefined {
  return isObject(node) && typeof node.$ref === "string" ? node.$ref : undefined;
}

/** `loc` extended by one or more reference tokens: `child(op, "responses", "200")`. */
export function child(loc: Located, ...tokens: (string | number)[]): Located {
  let node = loc.node;
  let pointer = loc.pointer;
  for (const token of tokens) {
    node =
      isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[token] : undefined;
    const text = String(token);
    pointer += `/${/[~/]/.test(text) ? text.replace(/~/g, "~0").replace(/\//g, "~1") : text}`;
  }
  return { node, pointer };
}

/** Longest `$ref` chain followed before the document is declared broken. */
const MAX_REF_HOPS = 64;

/**
 * One side of a diff: the document, the name it was loaded from (for error messages) and
 * `$ref` resolution with the pointer of the target kept, so that locations name where a schema is defined.
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
    let current = loc;
    for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
      const ref = refOf(current.node);
      if (ref === undefined || !ref.startsWith("#")) return current;
      const cached = this.targets.get(ref);
      if (cached) {
        current = cached;
        continue;
      }
      const target = this.lookup(ref, current.pointer);
      if (target === undefined) {
        throw new SpecError(
          `${this.source}: $ref '${ref}' at ${current.pointer || "/"} points at nothing; fix the reference`,
          this.source,
          current.pointer,
        );
      }
      // lookup() has already decoded this reference once, so decoding cannot throw here.
      current = { node: target, pointer: decodeURIComponent(ref.slice(1)) };
      this.targets.set(ref, current);
    }
    throw new SpecError(
      `${this.source}: $ref chain starting at ${loc.pointer || "/"} does not end (circular $ref)`,
      this.source,
      loc.pointer,
    );
  }

  /** The node a local `$ref` names; a reference that is not a JSON Pointer is a {@link SpecError}. */
  private lookup(ref: string, at: string): unknown {
    try {
      return getAtPointer(this.doc, ref);
    } catch (error) {
      throw new SpecError(
        `${this.source}: $ref '${ref}' at ${at || "/"} is not a JSON Pointer (${(error as Error).message})`,
        this.source,
        at,
      );
    }
  }
}
