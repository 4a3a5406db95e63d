/**
 * The spec's own examples checked against their schemas: every `example` of a schema, and every
 * `example` / `examples` of a media type or parameter. An example that breaks its own schema is a
 * spec defect (a warning, fatal with `--strict-examples`). The schemas are compiled here with the
 * validators' own dialect (src/codegen/validators/), because examples sit on sub-schemas that no
 * precompiled response validator covers.
 * @see https://spec.openapis.org/oas/v3.1.0#example-object
 */

import { resolveLocal } from "../../document/follow-ref.js";
import type { OpenApiDocument } from "../../document/load-document.js";
import { escapePointerToken } from "../../runtime/json-pointer.js";
import type { SchemaLike } from "../../runtime/operation-index.js";
import { toViolations } from "../../runtime/validate/to-violations.js";
import type { AjvLikeError } from "../../runtime/validate/types.js";
import { classifyPattern } from "../validators/classify-pattern.js";
import { compileSchemas } from "../validators/compile-schemas.js";
import { createValidatorAjv } from "../validators/create-validator-ajv.js";
import { SchemaRegistry } from "../validators/schema-registry.js";

/** One example found in the document and the schema it illustrates. */
export interface FoundExample {
  /** Pointer of the example value. */
  readonly pointer: string;
  /** Pointer of the schema it must satisfy. */
  readonly schemaPointer: string;
  readonly value: unknown;
}

const SCHEMA_KEYS = [
  "type",
  "properties",
  "items",
  "allOf",
  "anyOf",
  "oneOf",
  "enum",
  "$ref",
  "format",
];

function isSchemaLike(node: SchemaLike): boolean {
  return SCHEMA_KEYS.some((key) => key in node);
}

/** Every example of the document with the schema it belongs to (depth-first, document order). */
export function findExamples(document: OpenApiDocument): FoundExample[] {
  const found: FoundExample[] = [];
  const visit = (node: unknown, pointer: string, depth: number): void => {
    if (depth > 64 || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, `${pointer}/${i}`, depth + 1);
      return;
    }
    const object = node as SchemaLike;
    // Media type and parameter objects carry a `schema`; a schema carries its own example.
    const owner =
      "schema" in object ? `${pointer}/schema` : isSchemaLike(object) ? pointer : undefined;
    if (owner !== undefined && "example" in object) {
      found.push({ pointer: `${pointer}/example`, schemaPointer: owner, value: object.example });
    }
    if (owner !== undefined && object.examples !== null && typeof object.examples === "object") {
      const examples = object.examples as Record<string, unknown> | unknown[];
      for (const [key, entry] of Object.entries(examples)) {
        const at = `${pointer}/examples/${escapePointerToken(key)}`;
        if (Array.isArray(examples)) {
          found.push({ pointer: at, schemaPointer: owner, value: entry });
          continue;
        }
        // An Example Object (`{ value }`), maybe behind a $ref to components/examples.
        let example = entry as SchemaLike | undefined;
        if (typeof example?.$ref === "string") {
          example = resolveLocal(document, example) as SchemaLike | undefined;
        }
        if (example && "value" in example) {
          found.push({ pointer: `${at}/value`, schemaPointer: owner, value: example.value });
        }
      }
    }
    for (const [key, child] of Object.entries(object)) {
      if (key === "example" || key === "examples" || key.startsWith("x-")) continue;
      visit(child, `${pointer}/${escapePointerToken(key)}`, depth + 1);
    }
  };
  visit(document, "", 0);
  return found;
}

/** One example that breaks its own schema: where (JSON Pointer into the document) and how. */
export interface ExampleDefect {
  readonly pointer: string;
  readonly message: string;
}

/** Check every example of `document` against its schema; each violation is one defect. */
export function checkDocumentExamples(document: OpenApiDocument): ExampleDefect[] {
  const examples = findExamples(document);
  if (examples.length === 0) return [];
  const registry = new SchemaRegistry(document, {
    openapi30: String(document.openapi).startsWith("3.0"),
    // This ajv runs patterns on V8 in-process: only those recheck proves safe there (a vendor's
    // own example must not be able to hang `vendor` through a pattern).
    acceptPattern: (pattern) => classifyPattern(pattern).engine === "native",
    warn: () => {},
    unknownFormat: () => {},
    unknownKeyword: () => {},
    usesUnevaluated: () => {},
  });
  const ids = examples.map((example) => registry.idFor(example.schemaPointer));
  const schemas = registry.drain();
  const { ajv } = compileSchemas(schemas, [...new Set(ids)], () =>
    createValidatorAjv({ runtimeImport: "../runtime", unevaluated: false }),
  );
  return examples.flatMap((example, i) => {
    const validate = ajv.getSchema(ids[i] as string);
    if (!validate || validate(example.value)) return [];
    const errors = (validate.errors ?? []) as AjvLikeError[];
    return toViolations(errors, example.value).map(
      (violation): ExampleDefect => ({
        pointer: `${example.pointer}${violation.pointer}`,
        message: `the example breaks its own schema (${example.schemaPointer}): ${violation.keyword}: ${violation.message}`,
      }),
    );
  });
}
