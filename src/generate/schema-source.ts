/**
 * Where the generator reads schemas from: one OpenAPI 3.0/3.1 document, its dialect, and `$ref`
 * resolution through the document layer's one resolver (src/document/walk-schemas.ts: `$id` resources,
 * anchors, JSON Pointers), so generation and the validators agree on what every reference means.
 */

import {
  collectSchemaResources,
  DOCUMENT_BASE,
  resolveRefTokens,
  type SchemaResources,
  schemaBase,
  walkSchemas,
} from "../document/walk-schemas.js";
import { toPointer } from "../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";

/** A schema at a position of the document: the node, its tokens and the base URI there. */
export interface SchemaAt {
  readonly schema: unknown;
  readonly tokens: readonly (string | number)[];
  readonly base: string;
}

/** One document prepared for generation: its resources found once. */
export class SchemaSource {
  /** OpenAPI 3.0: `$ref` siblings ignored, boolean exclusive bounds. */
  readonly openapi30: boolean;
  private readonly known: SchemaResources;
  private bases: Map<string, string> | undefined;

  constructor(readonly document: unknown) {
    const version = isJsonObject(document) ? String(document.openapi ?? "") : "";
    this.openapi30 = version.startsWith("3.0");
    this.known = collectSchemaResources(document);
  }

  /** The schema at `tokens` with its base URI, or undefined when nothing is there. */
  at(tokens: readonly (string | number)[]): SchemaAt | undefined {
    let value: unknown = this.document;
    for (const token of tokens) {
      if (value === null || typeof value !== "object" || !Object.hasOwn(value, token)) {
        return undefined;
      }
      value = (value as JsonObject)[String(token)];
    }
    return { schema: value, tokens, base: this.baseAt(tokens, value) };
  }

  /** What `ref` (in a schema whose base is `base`) points at, or undefined (external, dangling). */
  resolve(ref: string, base: string): SchemaAt | undefined {
    const tokens = resolveRefTokens(this.document, ref, base, this.known);
    return tokens === undefined ? undefined : this.at(tokens);
  }

  /** Base URI of the schema at `tokens`: the document's unless an `$id` encloses it. */
  private baseAt(tokens: readonly (string | number)[], value: unknown): string {
    if (this.known.resources.size <= 1) return DOCUMENT_BASE;
    if (this.bases === undefined) {
      const bases = new Map<string, string>();
      walkSchemas(this.document, (_schema, context) => {
        if (context.base !== DOCUMENT_BASE) bases.set(toPointer(context.tokens), context.base);
      });
      this.bases = bases;
    }
    const found = this.bases.get(toPointer(tokens));
    if (found !== undefined) return found;
    return isJsonObject(value) ? schemaBase(value, DOCUMENT_BASE) : DOCUMENT_BASE;
  }
}
