/**
 * The values a case sends, planned once per API from the vendored document: for each parameter the
 * valid values worth sending (the hand-picked samples its validator accepts, else values generated
 * from its schema by src/generate), a well-formed value no list holds for each path parameter (the
 * "404 unknown id" case: a random uuid for `format: uuid`, a large integer inside the bounds), and
 * a request body generated from the request schema. Every value is confirmed by the validator of
 * its own schema before it is planned; a value the validator rejects is a generator bug, reported
 * in `notes` and never sent. Compiling schemas is codegen's job, which this layer cannot reach, so
 * the caller hands in {@link CompileSchemas}. The plan is plain data: it crosses into vitest's
 * worker with the run's configuration.
 */
import type { OpenApiDocument } from "../../document/load-document.js";
import { schemaType } from "../../document/schema-shape.js";
import { generateValues, type Validate } from "../../generate/generate-values.js";
import { SchemaArbitraries } from "../../generate/schema-arbitrary.js";
import { SchemaSource } from "../../generate/schema-source.js";
import { parsePointer } from "../../runtime/json-pointer.js";
import { isJsonMediaType, mediaTypeEssence } from "../../runtime/media-type.js";
import type { ApiIndex, OperationSpec, SchemaLike } from "../../runtime/operation-index.js";
import type { RequestBody } from "../types.js";
import {
  type MediaTypeSchema,
  parameterKey,
  parameterSchemaPointers,
  requestBodySchemas,
} from "./operation-schemas.js";
import { sampleValues } from "./sample-values.js";

/** A compiled validator for a schema, or why there is none. */
export type CompiledSchema = Validate | { readonly skipped: string };

/**
 * Validators for the schemas at `pointers` of `document`, with the generated validators' own
 * dialect and formats (the CLI hands in codegen's compiler).
 */
export type CompileSchemas = (
  document: OpenApiDocument,
  pointers: readonly string[],
) => ReadonlyMap<string, CompiledSchema>;

/** What one operation's cases send. */
export interface OperationValues {
  /** Valid values by {@link parameterKey}; the first is sent where one value is needed. */
  readonly parameters: Readonly<Record<string, readonly unknown[]>>;
  /** Per path parameter name: a value valid for its schema that no list holds. */
  readonly unknownIds: Readonly<Record<string, unknown>>;
  /** The body sent, when the operation takes one and a valid one was generated. */
  readonly body?: RequestBody;
  /** Why an operation that requires a body has none: the case is not sent, saying so. */
  readonly bodyProblem?: string;
  /** Generator bugs and schemas nothing could be generated for (api-contracts' own defects). */
  readonly notes: readonly string[];
}

/** The plan of one API, by operation key. */
export type ApiValues = Readonly<Record<string, OperationValues>>;

/** The seed of every value planned: the same document gives the same requests. */
export const GENERATION_SEED = 20_260_515;

/** Values drawn per schema; the first valid one is used. */
const DRAWS = 8;

/** Ids no real API holds: what the "404 for an unknown id" case tries first. */
const UNKNOWN_INTEGER_ID = 2_147_483_646;
const UNKNOWN_STRING_ID = "contract-test-unknown-id";

function excerpt(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Draws valid values for one schema, reporting what it could not do. */
class Drawer {
  readonly notes: string[] = [];
  private readonly arbitraries: SchemaArbitraries;

  constructor(
    document: OpenApiDocument,
    private readonly validators: ReadonlyMap<string, CompiledSchema>,
  ) {
    this.arbitraries = new SchemaArbitraries(new SchemaSource(document));
  }

  validator(pointer: string): Validate | undefined {
    const compiled = this.validators.get(pointer);
    return typeof compiled === "function" ? compiled : undefined;
  }

  /** Up to `count` valid values of the schema at `pointer` (empty: see `notes`). */
  draw(pointer: string, seed: number, count = 1): unknown[] {
    const validate = this.validator(pointer);
    if (!validate) {
      const compiled = this.validators.get(pointer);
      const why = compiled && typeof compiled !== "function" ? compiled.skipped : "no validator";
      this.notes.push(`no value generated for ${pointer}: ${why}`);
      return [];
    }
    const generated = generateValues(this.arbitraries, parsePointer(pointer), validate, {
      seed,
      count: DRAWS,
    });
    if (generated.kind === "cannot-generate") {
      this.notes.push(
        `api-contracts cannot generate a value for ${pointer} (${generated.keyword}): ${generated.reason}`,
      );
      return [];
    }
    if (generated.generatorBugs.length > 0) {
      this.notes.push(
        `api-contracts generator bug at ${pointer}: ${generated.generatorBugs.length} drawn value(s) rejected by the schema's validator and not sent, e.g. ${excerpt(generated.generatorBugs[0])}`,
      );
    }
    if (generated.values.length === 0 && generated.generatorBugs.length === 0) {
      this.notes.push(`api-contracts found no value for ${pointer} within its retries`);
    }
    return generated.values.slice(0, count);
  }
}

/** Values tried first for an unknown id: far from any real id, yet inside the schema's bounds. */
function unknownCandidates(schema: SchemaLike): unknown[] {
  const type = schemaType(schema);
  if (type !== "integer" && type !== "number") return [UNKNOWN_STRING_ID];
  const bounds = [schema.maximum, schema.exclusiveMaximum].filter(
    (b): b is number => typeof b === "number" && b <= UNKNOWN_INTEGER_ID,
  );
  if (bounds.length === 0) return [UNKNOWN_INTEGER_ID];
  const top = Math.floor(Math.min(...bounds));
  return [top, top - 1, top - 2];
}

function operationValues(
  operation: OperationSpec,
  drawer: Drawer,
  pointers: ReadonlyMap<string, string>,
  body: { mediaType: string; schemaPointer: string } | undefined,
): OperationValues {
  const before = drawer.notes.length;
  const parameters: Record<string, unknown[]> = {};
  const unknownIds: Record<string, unknown> = {};
  for (const parameter of operation.parameters) {
    if (parameter.in === "cookie") continue;
    const key = parameterKey(parameter.in, parameter.name);
    const pointer = pointers.get(key);
    const validate = pointer === undefined ? undefined : drawer.validator(pointer);
    if (pointer === undefined || !validate) continue;
    const samples = sampleValues(parameter.schema).filter((value) => validate(value));
    parameters[key] = samples.length > 0 ? samples : drawer.draw(pointer, GENERATION_SEED);
    if (parameter.in !== "path") continue;
    const unknown =
      unknownCandidates(parameter.schema).find((value) => validate(value)) ??
      drawer.draw(pointer, GENERATION_SEED + 1)[0];
    if (unknown !== undefined) unknownIds[parameter.name] = unknown;
  }
  let planned: Pick<OperationValues, "body" | "bodyProblem"> = {};
  if (body && (operation.method === "get" || operation.method === "head")) {
    // fetch refuses a body on GET and HEAD (a 3.1 document may still describe one).
    if (operation.requestBody?.required)
      planned = {
        bodyProblem: `fetch cannot send the body ${operation.key} requires on a ${operation.method.toUpperCase()}`,
      };
  } else if (body) {
    const value = drawer.draw(body.schemaPointer, GENERATION_SEED)[0];
    planned =
      value === undefined
        ? { bodyProblem: `api-contracts could not generate a valid ${body.mediaType} body` }
        : { body: { mediaType: body.mediaType, value } };
  } else if (operation.requestBody) {
    const types = operation.requestBody.contentTypes.join(", ") || "no media type";
    planned = {
      bodyProblem: `api-contracts generates JSON request bodies only; ${operation.key} takes ${types}`,
    };
  }
  const notes = drawer.notes.slice(before);
  if (planned.bodyProblem !== undefined && notes.length > 0) {
    planned = { bodyProblem: `${planned.bodyProblem} (${notes.join("; ")})` };
  }
  return { parameters, unknownIds, ...planned, notes };
}

/** The JSON media type a body is generated for: `application/json` itself first. */
function jsonBodySchema(schemas: readonly MediaTypeSchema[]): MediaTypeSchema | undefined {
  const json = schemas.filter((m) => isJsonMediaType(m.mediaType));
  return json.find((m) => mediaTypeEssence(m.mediaType) === "application/json") ?? json[0];
}

/** The values every operation of an API sends, each confirmed by its schema's validator. */
export function planRequestValues(
  document: OpenApiDocument,
  index: ApiIndex,
  compile: CompileSchemas,
): ApiValues {
  const operations = Object.values(index.operations);
  const plans = operations.map((operation) => ({
    operation,
    pointers: parameterSchemaPointers(document, operation),
    body: jsonBodySchema(requestBodySchemas(document, operation)),
  }));
  const wanted = new Set<string>();
  for (const plan of plans) {
    for (const pointer of plan.pointers.values()) wanted.add(pointer);
    if (plan.body) wanted.add(plan.body.schemaPointer);
  }
  const drawer = new Drawer(document, compile(document, [...wanted]));
  return Object.fromEntries(
    plans.map(({ operation, pointers, body }) => [
      operation.key,
      operationValues(operation, drawer, pointers, body),
    ]),
  );
}
