/**
 * Coverage of the generated phase: per operation, the schema keywords of each parameter and of
 * the JSON request body at every place of its schema (`/body`, `/body/name`, `/body/tags/*`),
 * counted as exercised positively (a valid request carried a value there), negatively (a mutant
 * broke that keyword there), or not at all.
 */
import { resolveLocal } from "../../document/follow-ref.js";
import type { OpenApiDocument } from "../../document/load-document.js";
import { parsePointer, toPointer } from "../../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../../runtime/json-value.js";
import { isJsonMediaType } from "../../runtime/media-type.js";
import type { OperationSpec } from "../../runtime/operation-index.js";
import type { Drawn } from "./explore-operation.js";
import type { GenerationMode } from "./generated-case.js";
import { requestBodyOf } from "./request-schema.js";

/** One keyword at one place of one operation's request. */
export interface KeywordCoverage {
  readonly operation: string;
  /** Where in the request: `/query/limit`, `/body/name`, `/body/tags/*` (any item). */
  readonly pointer: string;
  readonly keyword: string;
  readonly positive: number;
  readonly negative: number;
}

/** Keywords counted (annotations and structure left out). */
const COUNTED = new Set([
  "type",
  "enum",
  "const",
  "format",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "required",
  "additionalProperties",
  "minProperties",
  "maxProperties",
  "dependentRequired",
]);

/** The token standing for every item of an array in a coverage pointer. */
const ANY_ITEM = "*";

/** How deep the body schema is walked: a recursive schema ends here. */
const MAX_BODY_DEPTH = 8;

/** A schema with local `$ref`s followed (a few hops, so a cycle ends). */
function resolved(document: OpenApiDocument, schema: unknown): JsonObject {
  return resolveLocal(document, schema) ?? {};
}

/** The JSON body schema of `operation`, or undefined when it takes no JSON body. */
function bodySchemaOf(document: OpenApiDocument, operation: OperationSpec): unknown {
  if (!operation.requestBody) return undefined;
  const body = requestBodyOf(document, operation);
  const content = isJsonObject(body?.content) ? body.content : {};
  const type = Object.keys(content).find(isJsonMediaType);
  const media = type === undefined ? undefined : content[type];
  return isJsonObject(media) ? media.schema : undefined;
}

/** Whether `value` holds something at `tokens` (`*`: at any item of an array). */
function hasValueAt(value: unknown, tokens: readonly string[]): boolean {
  if (tokens.length === 0) return value !== undefined;
  const [head, ...rest] = tokens as [string, ...string[]];
  if (head === ANY_ITEM && Array.isArray(value)) return value.some((v) => hasValueAt(v, rest));
  if (Array.isArray(value)) return /^\d+$/.test(head) && hasValueAt(value[Number(head)], rest);
  if (!isJsonObject(value) || !Object.hasOwn(value, head)) return false;
  return hasValueAt(value[head], rest);
}

/** Counts generated requests per keyword and place. */
export class CoverageCounter {
  private readonly rows = new Map<
    string,
    { -readonly [K in keyof KeywordCoverage]: KeywordCoverage[K] }
  >();

  /** The keywords of `operation`'s parameters and JSON body, all at zero. */
  declare(key: string, document: OpenApiDocument, operation: OperationSpec): void {
    for (const param of operation.parameters) {
      if (param.in === "cookie") continue;
      this.declareSchema(key, toPointer([param.in, param.name]), resolved(document, param.schema));
    }
    const body = bodySchemaOf(document, operation);
    if (body !== undefined) this.declareBody(key, document, body, ["body"], new Set(), 0);
  }

  /**
   * The body schema at `tokens` and every place below it: properties by name, array items as `*`
   * (tuple items by index), and the branches of `allOf`/`anyOf`/`oneOf`/`then`/`else` at the same
   * place. A schema already on the path (recursion) and places past {@link MAX_BODY_DEPTH} end
   * the walk.
   */
  private declareBody(
    operation: string,
    document: OpenApiDocument,
    raw: unknown,
    tokens: readonly string[],
    onPath: ReadonlySet<JsonObject>,
    depth: number,
  ): void {
    const schema = resolveLocal(document, raw);
    if (schema === undefined || onPath.has(schema) || depth > MAX_BODY_DEPTH) return;
    const path = new Set(onPath).add(schema);
    const below = (child: unknown, more: readonly string[]) =>
      this.declareBody(operation, document, child, [...tokens, ...more], path, depth + 1);
    this.declareSchema(operation, toPointer(tokens), schema);
    for (const applicator of ["allOf", "anyOf", "oneOf"]) {
      const branches = schema[applicator];
      if (Array.isArray(branches)) for (const branch of branches) below(branch, []);
    }
    for (const conditional of ["then", "else"]) {
      if (schema[conditional] !== undefined) below(schema[conditional], []);
    }
    if (isJsonObject(schema.properties)) {
      for (const [name, child] of Object.entries(schema.properties)) below(child, [name]);
    }
    // 2020-12 tuples are prefixItems with items for the rest; draft 4 tuples are an items array.
    const tuple = Array.isArray(schema.prefixItems)
      ? schema.prefixItems
      : Array.isArray(schema.items)
        ? schema.items
        : [];
    tuple.forEach((child, i) => {
      below(child, [String(i)]);
    });
    if (isJsonObject(schema.items)) below(schema.items, [ANY_ITEM]);
  }

  private declareSchema(operation: string, pointer: string, schema: JsonObject): void {
    for (const keyword of Object.keys(schema)) {
      if (!COUNTED.has(keyword)) continue;
      const id = `${operation}\u0000${pointer}\u0000${keyword}`;
      if (this.rows.has(id)) continue;
      this.rows.set(id, { operation, pointer, keyword, positive: 0, negative: 0 });
    }
  }

  /** Count one sent request. */
  record(operation: string, drawn: Drawn, mode: GenerationMode): void {
    if (mode === "negative" && drawn.breaks) {
      const { keyword, pointer } = drawn.breaks;
      // A mutant names the item it broke (`/body/tags/3`); the table has the array's `*` row.
      const anyItem = toPointer(parsePointer(pointer).map((t) => (/^\d+$/.test(t) ? ANY_ITEM : t)));
      const row =
        this.rows.get(`${operation}\u0000${pointer}\u0000${keyword}`) ??
        this.rows.get(`${operation}\u0000${anyItem}\u0000${keyword}`);
      if (row) row.negative++;
      return;
    }
    for (const row of this.rows.values()) {
      if (row.operation !== operation) continue;
      if (hasValueAt(drawn.request, parsePointer(row.pointer))) row.positive++;
    }
  }

  /** Every row, in declaration order. */
  table(): KeywordCoverage[] {
    return [...this.rows.values()].map((row) => ({ ...row }));
  }
}
