/**
 * Test helper: the two validators every generated value and mutant goes through.
 * - Ours: src/cli/compile-request-schemas.ts, the validators' own pipeline (SchemaRegistry's
 *   dialect transform, compileSchemas, createValidatorAjv with src/runtime/formats.ts) compiled in
 *   memory, as the contract suite confirms generated values; every pattern the classifier accepts is kept.
 * - The reference: plain ajv 8 + ajv-formats on the raw document (Ajv2020 for OpenAPI 3.1, ajv's
 *   default class for 3.0), with only what plain ajv cannot read rewritten: `nullable: true` as
 *   `anyOf: [{type: null}, …]`, 3.0's boolean exclusive bounds as numbers, 3.0's `$ref` siblings
 *   dropped (OpenAPI 3.0 ignores them). `decimal` (not an ajv-formats format) is the README's rule.
 */
import AjvModule from "ajv";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { compileRequestSchemas } from "../../src/cli/compile-request-schemas.js";
import type { OpenApiDocument } from "../../src/document/load-document.js";
import { mapDocumentSchemas } from "../../src/document/walk-schemas.js";
import type { Validate } from "../../src/generate/generate-values.js";

const unwrap = <T>(module: T | { default: T }): T =>
  (module as { default?: T }).default ?? (module as T);
const Ajv = unwrap(AjvModule);
const Ajv2020 = unwrap(Ajv2020Module);
const addFormats = unwrap(addFormatsModule);

type Json = Record<string, unknown>;

/** A validator, or why there is none for that schema. */
export type Compiled = Validate | { readonly skipped: string };

/** The README's `decimal`: optional sign, digits on either side of the point may be missing. */
export const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)$/;

/**
 * Our validators for the schemas at `pointers` of `document`: the compiler the CLI hands the
 * contract suite (codegen's own pipeline), so the property tests check the one that runs.
 */
export function compileOurs(
  document: OpenApiDocument,
  pointers: readonly string[],
): ReadonlyMap<string, Compiled> {
  return compileRequestSchemas(document, pointers);
}

/** The raw schema rewritten only where plain ajv cannot read OpenAPI (see the module doc). */
function forPlainAjv(schema: Json, openapi30: boolean): Json {
  let out: Json = { ...schema };
  if (openapi30 && typeof out.$ref === "string")
    out = { $ref: out.$ref, ...(out.nullable === true ? { nullable: true } : {}) };
  for (const [keyword, limit] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[keyword] === "boolean") {
      if (out[keyword] === true && typeof out[limit] === "number") {
        out[keyword] = out[limit];
        delete out[limit];
      } else delete out[keyword];
    }
  }
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [{ type: "null" }, out] };
  }
  delete out.nullable;
  return out;
}

const REFERENCE_BASE = "https://reference.invalid/document";

/** Plain ajv 8 + ajv-formats validators for the schemas at `pointers` of an OpenAPI document. */
export function compileReference(
  document: OpenApiDocument,
  pointers: readonly string[],
): Map<string, Compiled> {
  const openapi30 = String(document.openapi).startsWith("3.0");
  const options = {
    strict: false,
    validateSchema: false,
    logger: false,
    allErrors: false,
  } as const;
  const ajv = openapi30 ? new Ajv(options) : new Ajv2020(options);
  addFormats(ajv);
  ajv.addFormat("decimal", DECIMAL);
  const prepared = mapDocumentSchemas(document, (schema) => forPlainAjv(schema, openapi30));
  ajv.addSchema(prepared as Json, REFERENCE_BASE);
  const out = new Map<string, Compiled>();
  for (const pointer of pointers) {
    try {
      const validate = ajv.compile({
        $ref: `${REFERENCE_BASE}#${encodeURI(pointer).replace(/#/g, "%23")}`,
      });
      out.set(pointer, (value: unknown) => validate(value) as boolean);
    } catch (error) {
      out.set(pointer, {
        skipped: `plain ajv cannot compile it (${(error as Error).message.split("\n")[0]})`,
      });
    }
  }
  return out;
}

/** Plain ajv 8 + ajv-formats for one raw JSON Schema of the suite (`id` read as draft 4's). */
export function compileRawReference(schema: unknown, draft: "draft2020-12" | "draft4"): Compiled {
  const options = { strict: false, validateSchema: false, logger: false } as const;
  const ajv =
    draft === "draft2020-12" ? new Ajv2020(options) : new Ajv({ ...options, schemaId: "id" });
  addFormats(ajv);
  try {
    const validate = ajv.compile(schema as Json);
    return (value: unknown) => validate(value) as boolean;
  } catch (error) {
    return { skipped: `plain ajv cannot compile it (${(error as Error).message.split("\n")[0]})` };
  }
}
