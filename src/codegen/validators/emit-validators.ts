/**
 * The validator emitter: `generated/<api>/validators.ts`, ajv standalone code for every JSON
 * response body of the document, so that nothing compiles a schema at run time.
 * @see https://ajv.js.org/standalone.html
 */

import type { OpenApiDocument } from "../../document/load-document.js";
import type { PatternPlan } from "../../runtime/guarded-regexp.js";
import type { SpecWarning } from "../../runtime/operation-index.js";
import { fileHeader } from "../file-header.js";
import { listOperations, listResponseBodies } from "../list-operations.js";
import { classifyPattern } from "./classify-pattern.js";
import { compileSchemas } from "./compile-schemas.js";
import { createValidatorAjv, type ValidatorAjv } from "./create-validator-ajv.js";
import { toDraft07Tuples } from "./draft07-tuples.js";
import {
  type RewrittenModule,
  rewriteStandalone,
  rewriteStandaloneChecked,
} from "./rewrite-standalone.js";
import { SchemaRegistry } from "./schema-registry.js";
import { splitValidators } from "./split-validators.js";
import { assertParses, parses } from "./standalone-ast.js";
import { standaloneModule } from "./standalone-module.js";
import type { DialectSchema } from "./transform-schema.js";

/** What {@link emitValidators} needs besides the document (a subset of the codegen EmitterOptions). */
export interface ValidatorEmitContext {
  /** API id (`gcore-billing`). */
  readonly api: string;
  /** Module specifier of `src/runtime` from `generated/<api>/` (`../../src/runtime`). */
  readonly runtimeImport: string;
  /** Spec path for the header (`specs/gcore-billing/openapi.yaml`); defaults to `specs/<api>`. */
  readonly sourceFile?: string;
}

/**
 * Above this many bytes of validator code, `validators.ts` is an index over chunks loaded on
 * demand (split-validators.ts): importing 4 MB (GitHub) takes 200 ms, one operation's chunks a
 * few. Below it, one module holds everything and is imported whole.
 */
export const SPLIT_ABOVE_BYTES = 256 * 1024;

/** Tuning of {@link emitValidators} (tests use a low threshold on small specs). */
export interface ValidatorEmitOptions {
  /** Split into chunks above this many bytes of code (default {@link SPLIT_ABOVE_BYTES}). */
  readonly splitAbove?: number;
  /** Import cost of a module, in bytes, when merging chunks (split-validators.ts; 0: no merging). */
  readonly moduleCost?: number;
}

/** Warnings in first-seen order, each (pointer, message) once. */
class Warnings {
  readonly list: SpecWarning[] = [];
  private readonly seen = new Set<string>();
  private readonly names = new Set<string>();

  add(pointer: string, message: string): void {
    const key = `${pointer}\n${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ pointer, message });
  }

  /** Once per `name` (an unknown format or keyword), at its first pointer. */
  once(name: string, pointer: string, message: string): void {
    if (this.names.has(name)) return;
    this.names.add(name);
    this.add(pointer, message);
  }
}

/** ajv's function name (`validate12`) → the JSON Pointer of the schema it was compiled from. */
function functionPointers(ajv: ValidatorAjv, registry: SchemaRegistry): Map<string, string> {
  const out = new Map<string, string>();
  const envs = ajv.schemas as Record<
    string,
    { validateName?: unknown; schema?: unknown } | undefined
  >;
  for (const [id, env] of Object.entries(envs)) {
    if (env?.validateName !== undefined) out.set(String(env.validateName), registry.pointerOf(id));
  }
  return out;
}

/** Follow schemas that are only a `$ref` to the schema that does the work. */
function resolveAlias(id: string, schemas: ReadonlyMap<string, DialectSchema>): string {
  const seen = new Set<string>();
  let current = id;
  for (;;) {
    const schema = schemas.get(current);
    if (typeof schema !== "object" || Object.keys(schema).length !== 1) return current;
    const target = schema.$ref;
    if (typeof target !== "string" || seen.has(target)) return current;
    seen.add(current);
    current = target;
  }
}

/**
 * Emit `validators.ts` for a (prepared) document: `export const validators` maps each
 * `validatorName(operationKey, status, contentIndex)` of a JSON body with a schema to its function.
 * Components are compiled once and shared. Above {@link SPLIT_ABOVE_BYTES} bytes, `validators.ts` is an
 * index loading `validators/<n>.ts` chunks on demand. Schemas the validators cannot use (an unknown format,
 * a pattern invalid under the `u` flag, a keyword with a malformed value, a schema ajv rejects)
 * become warnings with their JSON Pointer, and everything else is still generated.
 */
export async function emitValidators(
  document: OpenApiDocument,
  context: ValidatorEmitContext,
  options: ValidatorEmitOptions = {},
): Promise<{ files: Record<string, string>; warnings: SpecWarning[] }> {
  const file = context.sourceFile ?? `specs/${context.api}`;
  const warnings = new Warnings();
  const linearPatterns = new Set<string>();
  const unicodeNeutralPatterns = new Set<string>();
  const guardedPatterns = new Map<string, PatternPlan>();
  const verdicts = new Map<string, ReturnType<typeof classifyPattern>>();
  let unevaluated = false;
  const registry = new SchemaRegistry(document, {
    openapi30: String(document.openapi).startsWith("3.0"),
    acceptPattern: (pattern, at) => {
      let verdict = verdicts.get(pattern);
      if (verdict === undefined) {
        verdict = classifyPattern(pattern);
        verdicts.set(pattern, verdict);
      }
      if (verdict.engine === "none") {
        warnings.add(at, `pattern ${JSON.stringify(pattern)} ${verdict.reason}; it is not checked`);
        return false;
      }
      if (verdict.engine === "linear") linearPatterns.add(pattern);
      if (verdict.engine === "guarded") {
        guardedPatterns.set(pattern, verdict.plan);
        if (verdict.warning)
          warnings.add(at, `pattern ${JSON.stringify(pattern)} ${verdict.warning}`);
      }
      if (verdict.engine === "native" && verdict.unicodeNeutral)
        unicodeNeutralPatterns.add(pattern);
      return true;
    },
    warn: (pointer, message) => warnings.add(pointer, message),
    unknownFormat: (format, pointer) =>
      warnings.once(
        `format:${format}`,
        pointer,
        `unknown format '${format}' is not checked (first use shown)`,
      ),
    unknownKeyword: (keyword, pointer) =>
      warnings.once(
        `keyword:${keyword}`,
        pointer,
        `unknown keyword '${keyword}' is ignored (first use shown)`,
      ),
    usesUnevaluated: () => {
      unevaluated = true;
    },
  });

  const rootByValidator = new Map<string, string>();
  for (const operation of listOperations(document, file)) {
    for (const body of listResponseBodies(document, operation, file)) {
      if (body.validator !== null)
        rootByValidator.set(body.validator, registry.idFor(body.pointer));
    }
  }
  const drained = registry.drain();
  // The draft-07 class (no `unevaluated*` anywhere) reads tuples in its own form.
  const schemas = unevaluated
    ? drained
    : new Map([...drained].map(([id, schema]) => [id, toDraft07Tuples(schema)] as const));
  const exportsByName: Record<string, string> = {};
  for (const [name, id] of rootByValidator) exportsByName[name] = resolveAlias(id, schemas);
  const roots = [...new Set(Object.values(exportsByName))];
  const { ajv, failed } = compileSchemas(schemas, roots, () =>
    createValidatorAjv({ runtimeImport: context.runtimeImport, unevaluated }),
  );
  for (const [id, why] of failed) {
    warnings.add(
      registry.pointerOf(id),
      `schema cannot be compiled (${why}); anything is accepted here`,
    );
  }

  const standalone = roots.length > 0 ? standaloneModule(ajv, exportsByName) : "";
  const rewriteOptions = {
    runtimeImport: context.runtimeImport,
    linearPatterns,
    unicodeNeutralPatterns,
    guardedPatterns,
  };
  const layout = { ...context, file, exportNames: Object.keys(exportsByName), ...options };
  let module = rewriteStandalone(standalone, rewriteOptions);
  let output = validatorFiles(module, layout);
  // The emitted JavaScript is parsed before anything is written; should a rewrite not parse (a bug
  // here), the functions at fault are kept as ajv wrote them, and the result is checked again.
  if (!output.javascript.every(([, source]) => parses(source))) {
    module = rewriteStandaloneChecked(standalone, rewriteOptions);
    output = validatorFiles(module, layout);
    for (const [name, source] of output.javascript) assertParses(source, name);
  }
  if (module.fallbacks.length > 0) {
    const pointerOf = functionPointers(ajv, registry);
    for (const fallback of module.fallbacks) {
      warnings.add(
        pointerOf.get(fallback.name) ?? "",
        `validator code for this schema has a shape the post-processing does not know (${fallback.reason.split("\n")[0]}); it is kept as ajv wrote it (correct verdicts; error paths may be relative and its error list is not capped)`,
      );
    }
  }
  return { files: output.files, warnings: warnings.list };
}

/** Where and how {@link validatorFiles} lays the rewritten module out. */
interface ValidatorLayout extends ValidatorEmitContext, ValidatorEmitOptions {
  readonly file: string;
  /** Every exported validator name, in order. */
  readonly exportNames: readonly string[];
}

/**
 * `validators.ts` (one module, or an index over chunks above the split threshold), and the
 * JavaScript to parse-check: the chunks and index as they are, the single module without its
 * two TypeScript-only constructs (acorn reads JavaScript).
 */
function validatorFiles(
  module: RewrittenModule,
  layout: ValidatorLayout,
): { files: Record<string, string>; javascript: [name: string, source: string][] } {
  const noCheck = `${fileHeader(layout.file)}// @ts-nocheck: ajv standalone output, covered by the validator tests rather than tsc.`;
  if (module.body.length > (layout.splitAbove ?? SPLIT_ABOVE_BYTES)) {
    const files = splitValidators(module, {
      runtimeImport: layout.runtimeImport,
      chunkHeader: noCheck,
      indexHeader: fileHeader(layout.file).trimEnd(),
      ...(layout.moduleCost === undefined ? {} : { moduleCost: layout.moduleCost }),
    });
    return { files, javascript: Object.entries(files) };
  }
  const entries = layout.exportNames.map((name) => `  ${name}: ${module.exports.get(name)},`);
  const text = [
    noCheck,
    `import type { CompiledValidator } from "${layout.runtimeImport}/validate/types.js";`,
    module.imports,
    "",
    module.body,
    "",
    "/** Response body validators by name (the `validator` of each content entry in operations.ts). */",
    "export const validators: Record<string, CompiledValidator> = {",
    ...entries,
    "};",
    "",
  ].join("\n");
  const javascript = [module.imports, module.body, "export const validators = {", ...entries, "};"];
  return {
    files: { "validators.ts": text },
    javascript: [["validators.ts", javascript.join("\n")]],
  };
}
