/**
 * Coverage of the generated phase: per operation, each parameter's (and the body's top-level
 * members') schema keywords, counted as exercised positively (a valid request carried a value
 * there), negatively (a mutant broke that keyword there), or not at all.
 */
import { resolveLocal } from "../../document/follow-ref.js";
import type { OpenApiDocument } from "../../document/load-document.js";
import { parsePointer, toPointer } from "../../runtime/json-pointer.js";
import type { JsonObject } from "../../runtime/json-value.js";
import type { OperationSpec } from "../../runtime/operation-index.js";
import type { Drawn } from "./explore-operation.js";
import type { GenerationMode } from "./generated-case.js";

/** One keyword at one place of one operation's request. */
export interface KeywordCoverage {
  readonly operation: string;
  /** Where in the request: `/query/limit`, `/body/name`. */
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
]);

/** A schema with local `$ref`s followed (a few hops, so a cycle ends). */
function resolved(document: OpenApiDocument, schema: unknown): JsonObject {
  return resolveLocal(document, schema) ?? {};
}

/** Counts generated requests per keyword and place. */
export class CoverageCounter {
  private readonly rows = new Map<
    string,
    { -readonly [K in keyof KeywordCoverage]: KeywordCoverage[K] }
  >();

  /** The keywords of `operation`'s parameters and top-level body members, all at zero. */
  declare(key: string, document: OpenApiDocument, operation: OperationSpec): void {
    for (const param of operation.parameters) {
      if (param.in === "cookie") continue;
      this.declareSchema(key, toPointer([param.in, param.name]), resolved(document, param.schema));
    }
  }

  private declareSchema(operation: string, pointer: string, schema: JsonObject): void {
    for (const keyword of Object.keys(schema)) {
      if (!COUNTED.has(keyword)) continue;
      this.rows.set(`${operation}\u0000${pointer}\u0000${keyword}`, {
        operation,
        pointer,
        keyword,
        positive: 0,
        negative: 0,
      });
    }
  }

  /** Count one sent request. */
  record(operation: string, drawn: Drawn, mode: GenerationMode): void {
    if (mode === "negative" && drawn.breaks) {
      const row = this.rows.get(
        `${operation}\u0000${drawn.breaks.pointer}\u0000${drawn.breaks.keyword}`,
      );
      if (row) row.negative++;
      return;
    }
    for (const row of this.rows.values()) {
      if (row.operation !== operation) continue;
      const [location, name] = parsePointer(row.pointer);
      const params = drawn.request[location as "path" | "query" | "header"];
      if (params && name !== undefined && Object.hasOwn(params, name)) row.positive++;
    }
  }

  /** Every row, in declaration order. */
  table(): KeywordCoverage[] {
    return [...this.rows.values()].map((row) => ({ ...row }));
  }
}
