/**
 * Test helper: emit an API's validators exactly as codegen does (prepared document, operation index,
 * emitValidators) into `.tmp/validate-tests/`, then import them. Output folders are named by a hash
 * of the emitted code, so test files running in parallel never write different code to one file.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildOperationIndex } from "../../src/codegen/build-operation-index.js";
import { prepareDocument } from "../../src/codegen/prepare-document.js";
import {
  emitValidators,
  type ValidatorEmitOptions,
} from "../../src/codegen/validators/emit-validators.js";
import { loadOpenApiFile, type OpenApiDocument } from "../../src/document/load-document.js";
import type { ApiIndex, SpecWarning } from "../../src/runtime/operation-index.js";
import type { ValidatorModule } from "../../src/runtime/validate/types.js";

/** Repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The vendored specs, by API id. */
export const VENDORED = {
  "gcore-billing": join(root, "specs/gcore-billing/openapi.yaml"),
  "softwareone-marketplace": join(root, "specs/softwareone-marketplace/openapi.json"),
} as const;

/** One API compiled for a test. */
export interface CompiledApi {
  readonly api: string;
  /** The prepared document (nullable normalised), as every emitter sees it. */
  readonly document: OpenApiDocument;
  readonly index: ApiIndex;
  readonly module: ValidatorModule;
  readonly warnings: readonly SpecWarning[];
  /** Text of the emitted validators.ts. */
  readonly source: string;
  /** Path of the emitted validators.ts. */
  readonly file: string;
  /** Every emitted file by path (`validators.ts`, and `validators/<n>.ts` when split). */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * Emit and import the validators of `document` (a parsed OpenAPI document) as API `api`; with
 * `splitAbove`, split into chunks above that many bytes (emit-validators.ts).
 */
export async function compileApi(
  document: OpenApiDocument,
  api: string,
  options: ValidatorEmitOptions = {},
): Promise<CompiledApi> {
  const sourceFile = `specs/${api}/openapi`;
  const prepared = prepareDocument(document, sourceFile);
  const index = buildOperationIndex(prepared, api, sourceFile);
  // Every folder is two levels below .tmp/validate-tests, so the runtime import is the same for all.
  const runtimeImport = "../../../src/runtime";
  const { files, warnings } = await emitValidators(
    prepared,
    { api, runtimeImport, sourceFile },
    options,
  );
  const source = files["validators.ts"] ?? "";
  const hash = createHash("sha256");
  for (const [name, text] of Object.entries(files)) hash.update(name).update(text);
  const out = join(root, ".tmp", "validate-tests", `${api}-${hash.digest("hex").slice(0, 16)}`);
  const file = join(out, "validators.ts");
  if (!existsSync(file)) {
    // The index last: once it exists, so do the chunks it imports.
    for (const name of [
      ...Object.keys(files).filter((n) => n !== "validators.ts"),
      "validators.ts",
    ]) {
      const target = join(out, name);
      await mkdir(dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.tmp`;
      await writeFile(temporary, files[name] ?? "");
      await rename(temporary, target);
    }
  }
  const module = (await import(pathToFileURL(file).href)) as ValidatorModule;
  return { api, document: prepared, index, module, warnings, source, file, files };
}

/** {@link compileApi} for a spec file. */
export async function compileSpecFile(
  file: string,
  api: string,
  options: ValidatorEmitOptions = {},
): Promise<CompiledApi> {
  return compileApi(await loadOpenApiFile(file), api, options);
}

/** Path of a fixture under test/fixtures/validate/. */
export function fixture(name: string): string {
  return join(root, "test/fixtures/validate", name);
}
