/**
 * The compiler the contract suite is handed for the schemas no generated validator covers (request
 * bodies and parameters, whose generated values must be confirmed before they are sent): codegen's
 * own pipeline (SchemaRegistry's dialect transform, compileSchemas, createValidatorAjv with the
 * runtime's formats), compiled in memory. The contract layer cannot import codegen, so the CLI,
 * which composes layers, hands this in (as it hands in the examples check).
 */
import { classifyPattern } from "../codegen/validators/classify-pattern.js";
import { compileSchemas } from "../codegen/validators/compile-schemas.js";
import { createValidatorAjv } from "../codegen/validators/create-validator-ajv.js";
import { toDraft07Tuples } from "../codegen/validators/draft07-tuples.js";
import { SchemaRegistry } from "../codegen/validators/schema-registry.js";
import type { CompiledSchema } from "../contract/cases/request-values.js";
import type { OpenApiDocument } from "../document/load-document.js";

/** Validators for the schemas at `pointers` of `document`, each or why it could not be compiled. */
export function compileRequestSchemas(
  document: OpenApiDocument,
  pointers: readonly string[],
): ReadonlyMap<string, CompiledSchema> {
  const out = new Map<string, CompiledSchema>();
  if (pointers.length === 0) return out;
  let unevaluated = false;
  const registry = new SchemaRegistry(document, {
    openapi30: String(document.openapi).startsWith("3.0"),
    // Patterns run where the generated validators run them (V8, or the bounded engine).
    acceptPattern: (pattern) => classifyPattern(pattern).engine !== "none",
    warn: () => {},
    unknownFormat: () => {},
    unknownKeyword: () => {},
    usesUnevaluated: () => {
      unevaluated = true;
    },
  });
  const ids = pointers.map((pointer) => registry.idFor(pointer));
  const drained = registry.drain();
  const schemas = unevaluated
    ? drained
    : new Map([...drained].map(([id, schema]) => [id, toDraft07Tuples(schema)] as const));
  const { ajv, failed } = compileSchemas(schemas, [...new Set(ids)], () =>
    createValidatorAjv({ runtimeImport: "../runtime", unevaluated }),
  );
  pointers.forEach((pointer, i) => {
    const id = ids[i] as string;
    const why = failed.get(id);
    const validate = why === undefined ? ajv.getSchema(id) : undefined;
    out.set(
      pointer,
      validate
        ? (value: unknown) => validate(value) as boolean
        : { skipped: `its schema does not compile (${why ?? "not found"})` },
    );
  });
  return out;
}
