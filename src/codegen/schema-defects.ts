/**
 * Spec warnings for schema defects that codegen works around rather than fails on: each is
 * reported with its JSON Pointer, and the rest of the document is generated as usual.
 */

import type { OpenApiDocument } from "../document/load-document.js";
import { toPointer } from "../runtime/json-pointer.js";
import type { SpecWarning } from "../runtime/operation-index.js";
import { mapSchemas } from "./map-schemas.js";

/**
 * The defects of `document`'s Schema Objects, in document order (subschemas first). Today one:
 * in OpenAPI 3.1 (JSON Schema 2020-12) `examples` must be an array; an object there (the 3.0
 * Media Type Object's shape, often pasted into schemas) makes ajv reject the whole schema, so the
 * validators ignore it as the annotation it is.
 * (`nullable: true` without `type` needs no warning: normalize-nullable.ts gives it its meaning.)
 * @see https://json-schema.org/draft/2020-12/json-schema-validation#section-9.5
 */
export function findSchemaDefects(document: OpenApiDocument): SpecWarning[] {
  if (!String(document.openapi).startsWith("3.1")) return [];
  const warnings: SpecWarning[] = [];
  mapSchemas(document, (schema, path) => {
    if (Object.hasOwn(schema, "examples") && !Array.isArray(schema.examples)) {
      warnings.push({
        pointer: toPointer([...path, "examples"]),
        message:
          "`examples` is not an array (JSON Schema 2020-12 requires one); it is ignored — make it a list of example values",
      });
    }
    return schema;
  });
  return warnings;
}
