/**
 * A spec file compiled for replay exactly as codegen compiles it, without touching `generated/`:
 * the document loaded and prepared, its operation index built, and its response validators emitted
 * by codegen's own validator emitter (emit-validators.ts) into a scratch folder and imported, so
 * replay judges recorded traffic with the same validators a regenerated client would use.
 * From source the scratch folder is `<package>/.tmp/replay/<api>-<hash of the code>` (runs in
 * parallel never write different code to one file); built, the emitted TypeScript is transpiled
 * with TypeScript's own compiler into a private temp folder, removed once imported.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildOperationIndex } from "../codegen/build-operation-index.js";
import { prepareDocumentWithWarnings } from "../codegen/prepare-document.js";
import { emitValidators } from "../codegen/validators/emit-validators.js";
import { loadOpenApiFile, type OpenApiDocument } from "../document/load-document.js";
import { packageRoot } from "../document/package-root.js";
import { UsageError } from "../errors.js";
import { sha256 } from "../runtime/har/recording-store.js";
import type { ApiIndex, SpecWarning } from "../runtime/operation-index.js";
import type { ValidatorModule } from "../runtime/validate/types.js";

/** One spec compiled for replay. */
export interface CompiledSpec {
  readonly api: string;
  readonly specFile: string;
  /** The prepared document (refs checked, `nullable` normalised). */
  readonly document: OpenApiDocument;
  readonly index: ApiIndex;
  readonly validators: ValidatorModule;
  readonly warnings: readonly SpecWarning[];
}

/** True when this module runs from its TypeScript source (tests, tsx) rather than from dist/. */
const fromSource = import.meta.url.endsWith(".ts");

/** Load, prepare and compile `specFile` as API `api`. Spec problems are SpecErrors (exit 2). */
export async function compileSpec(specFile: string, api: string): Promise<CompiledSpec> {
  const inside = relative(process.cwd(), specFile);
  const sourceFile = inside === "" || inside.startsWith("..") ? specFile : inside;
  return compileDocument(await loadOpenApiFile(specFile, sourceFile), sourceFile, api);
}

/**
 * Compile a document already in memory (drift's and pull's rebuilt upstream document); `label`
 * names it in messages and reports.
 */
export async function compileDocument(
  raw: OpenApiDocument,
  label: string,
  api: string,
): Promise<CompiledSpec> {
  const sourceFile = label;
  const { document, warnings } = prepareDocumentWithWarnings(raw, sourceFile);
  const index = buildOperationIndex(document, api, sourceFile);
  const runtimeDir = fileURLToPath(new URL("../runtime", import.meta.url));
  // From source, the scratch folder sits in the checkout (vitest and tsx resolve `.js` imports to
  // the runtime's `.ts` files there); built, in the OS temp folder with the runtime as a file URL,
  // so an installed package's folder is never written to.
  const scratchBase = fromSource
    ? join(packageRoot(), ".tmp", "replay")
    : join(tmpdir(), "api-contracts-replay");
  // Every scratch folder sits one level below scratchBase, so the runtime import is the same.
  const runtimeImport = fromSource
    ? relative(join(scratchBase, "x"), runtimeDir).split(sep).join("/")
    : pathToFileURL(runtimeDir).href;
  const emitted = await emitValidators(
    document,
    { api, runtimeImport, sourceFile },
    { splitAbove: Number.POSITIVE_INFINITY },
  );
  const source = emitted.files["validators.ts"] ?? "export const validators = {};\n";
  const code = fromSource ? source : await transpile(source);
  const unique = fromSource ? "" : `-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const folder = join(
    scratchBase,
    `${api.replace(/[^A-Za-z0-9_-]/g, "_")}-${sha256(code).slice(0, 16)}${unique}`,
  );
  const file = join(folder, fromSource ? "validators.ts" : "validators.mjs");
  await mkdir(folder, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, code);
  await rename(temporary, file);
  let module: ValidatorModule;
  try {
    module = (await import(pathToFileURL(file).href)) as ValidatorModule;
  } finally {
    // Built: the module is in memory now; the temp copy is not needed again.
    if (!fromSource) await rm(folder, { recursive: true, force: true });
  }
  return {
    api,
    specFile: label,
    document,
    index,
    validators: module,
    warnings: [...warnings, ...emitted.warnings],
  };
}

/** TypeScript → JavaScript with the TypeScript compiler (a syntax tree, never text edits). */
async function transpile(source: string): Promise<string> {
  let ts: typeof import("typescript");
  try {
    ts = (await import("typescript")).default;
  } catch {
    throw new UsageError(
      "replay compiles the new spec's validators with TypeScript, which is not installed; run 'npm install --save-dev typescript'",
    );
  }
  return ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: false,
    },
  }).outputText;
}
