/** Compiling an API's validator schemas so that one schema ajv rejects cannot sink the others. */

import type { ValidatorAjv } from "./create-validator-ajv.js";
import { SCHEMA_LIST, SCHEMA_MAP, SINGLE_SCHEMA } from "./dialect-keywords.js";
import type { DialectSchema } from "./transform-schema.js";

/** The ajv instance holding every compiled root, and the schemas that had to be given up. */
export interface CompiledSchemas {
  readonly ajv: ValidatorAjv;
  /** Schema id → ajv's reason; each was replaced by the accept-all schema `{}`. */
  readonly failed: ReadonlyMap<string, string>;
}

/** A copy of a dialect schema without its `$ref`s: to tell whether a schema fails on its own. */
function withoutRefs(schema: DialectSchema): DialectSchema {
  if (typeof schema === "boolean") return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$ref") continue;
    // Tuple `items` is a list: turning it into an object would make every tuple a culprit.
    if (SCHEMA_LIST.has(key) || (key === "items" && Array.isArray(value))) {
      out[key] = (value as DialectSchema[]).map(withoutRefs);
    } else if (SINGLE_SCHEMA.has(key)) out[key] = withoutRefs(value as DialectSchema);
    else if (SCHEMA_MAP.has(key)) {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, DialectSchema>).map(([k, v]) => [k, withoutRefs(v)]),
      );
    } else out[key] = value;
  }
  return out;
}

function reason(error: unknown): string {
  return (error as Error).message.split("\n")[0] ?? String(error);
}

/** Schemas that fail to compile by themselves (their `$ref`s removed). */
function findCulprits(
  schemas: ReadonlyMap<string, DialectSchema>,
  failed: ReadonlyMap<string, string>,
  makeAjv: () => ValidatorAjv,
): Map<string, string> {
  const scratch = makeAjv();
  const culprits = new Map<string, string>();
  for (const [id, schema] of schemas) {
    if (failed.has(id)) continue;
    try {
      scratch.compile(withoutRefs(schema));
    } catch (error) {
      culprits.set(id, reason(error));
    }
  }
  return culprits;
}

/**
 * Add every schema under its id and compile each root. When ajv throws, the schemas that fail on
 * their own are replaced by `{}` and everything is compiled again in a fresh instance; if none
 * fails alone, the failing roots themselves are given up. The caller reports `failed` as warnings.
 */
export function compileSchemas(
  schemas: ReadonlyMap<string, DialectSchema>,
  roots: readonly string[],
  makeAjv: () => ValidatorAjv,
): CompiledSchemas {
  const failed = new Map<string, string>();
  for (let attempt = 0; attempt <= roots.length; attempt++) {
    const ajv = makeAjv();
    for (const [id, schema] of schemas) ajv.addSchema(failed.has(id) ? {} : schema, id);
    const rootErrors = new Map<string, string>();
    for (const id of roots) {
      try {
        ajv.getSchema(id);
      } catch (error) {
        rootErrors.set(id, reason(error));
      }
    }
    if (rootErrors.size === 0) return { ajv, failed };
    const culprits = findCulprits(schemas, failed, makeAjv);
    for (const [id, why] of culprits.size > 0 ? culprits : rootErrors) failed.set(id, why);
  }
  throw new Error("ajv keeps failing on the validator schemas after giving up every root");
}
