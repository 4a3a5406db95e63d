/**
 * The operation index and validators of one API for benchmarks: `generated/<api>/` when its
 * validators were generated, otherwise emitted fresh from `specs/` into `.tmp/bench/<api>/`; and
 * bench specs (GitHub) emitted and compiled to JavaScript ({@link compileBenchApi}).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { buildOperationIndex } from "../src/codegen/build-operation-index.js";
import { emitRegistrySource } from "../src/codegen/emit-api-entry.js";
import { emitOperationsSource } from "../src/codegen/emit-operations.js";
import { emitValidationFiles } from "../src/codegen/emit-validation.js";
import { prepareDocument } from "../src/codegen/prepare-document.js";
import { emitValidators } from "../src/codegen/validators/emit-validators.js";
import { loadOpenApiFile } from "../src/document/load-document.js";
import type { ApiIndex } from "../src/runtime/operation-index.js";
import type { ValidatorModule } from "../src/runtime/validate/types.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** What a benchmark needs of one API, and where the validators came from. */
export interface LoadedApi {
  readonly index: ApiIndex;
  readonly module: ValidatorModule;
  readonly document: Record<string, unknown>;
  readonly from: string;
}

/** Load `api` (its spec at `specs/<api>/<specFile>`). */
export async function loadApiValidators(api: string, specFile: string): Promise<LoadedApi> {
  const spec = join(root, "specs", api, specFile);
  const document = await loadOpenApiFile(spec);
  const generated = join(root, "generated", api);
  if (existsSync(join(generated, "validators.ts"))) {
    const ops = await import(pathToFileURL(join(generated, "operations.ts")).href);
    const module = await import(pathToFileURL(join(generated, "validators.ts")).href);
    return { index: ops.apiIndex, module, document, from: relative(root, generated) };
  }
  const sourceFile = relative(root, spec);
  const prepared = prepareDocument(document, sourceFile);
  const out = join(root, ".tmp", "bench", api);
  await mkdir(out, { recursive: true });
  const runtimeImport = relative(out, join(root, "src", "runtime"))
    .split("\\")
    .join("/");
  const { files } = await emitValidators(prepared, { api, runtimeImport, sourceFile });
  await writeFile(join(out, "validators.ts"), files["validators.ts"] ?? "");
  const module = await import(pathToFileURL(join(out, "validators.ts")).href);
  return {
    index: buildOperationIndex(prepared, api, sourceFile),
    module,
    document,
    from: `${relative(root, out)} (fresh from ${sourceFile})`,
  };
}

/** One bench spec's operation index and validators, emitted and compiled to JavaScript. */
export interface CompiledBenchApi {
  /** The API id the files were generated under (`generated/<api>/`). */
  readonly api: string;
  /**
   * The folder holding `generated/` (the registry and `<api>/`: validators, operations,
   * validation) and `src/runtime/`, `src/validate/`, as JavaScript.
   */
  readonly dir: string;
  /** `generated/<api>/validators.js`: the index of a split module, or the single module. */
  readonly validators: string;
  /** `generated/<api>/operations.js`: the operation index. */
  readonly operations: string;
  /** `src/runtime/validate/validate-with-module.js`: the validation engine. */
  readonly engine: string;
  /** `src/validate/validate-response.js`: the library (`validateResponse(api, input)`). */
  readonly library: string;
  /** Files and bytes of the generated validators (TypeScript, as codegen writes them). */
  readonly files: number;
  readonly bytes: number;
}

function transpile(text: string): string {
  return ts.transpileModule(text, {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
    },
  }).outputText;
}

async function writeJs(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, transpile(text));
}

/** Every `.ts` file under `dir`, relative to it. */
function listTs(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(".ts"));
}

/** What the compiled output depends on: the spec, the options, the emitter and runtime sources. */
function cacheKey(spec: string, splitAbove: number | undefined): string {
  const hash = createHash("sha256").update(`${spec}\n${statSync(spec).size}\n${splitAbove}\n`);
  for (const dir of ["src/codegen", "src/runtime", "src/document", "src/validate"]) {
    for (const name of listTs(join(root, dir)).sort()) {
      hash.update(name).update(readFileSync(join(root, dir, name)));
    }
  }
  return hash.digest("hex");
}

/**
 * Emit the validators, operation index, `validation.ts` (response index) and the registry of
 * `spec` as codegen does (API id `name`), and compile them, src/runtime and src/validate to
 * JavaScript (TypeScript's transpiler, as `npm run build` would) under `.tmp/bench/<name>/`,
 * laid out as in the package: plain Node can then import them with no loader, as a user's build
 * would, and `src/validate/validate-response.js` reaches this API through `generated/index.js`.
 * Reused while the spec, the options and the emitter and runtime sources are unchanged.
 */
export async function compileBenchApi(
  spec: string,
  name: string,
  options: { splitAbove?: number } = {},
): Promise<CompiledBenchApi> {
  const dir = join(root, ".tmp", "bench", name);
  const out = join(dir, "generated", name);
  const paths = {
    api: name,
    dir,
    validators: join(out, "validators.js"),
    operations: join(out, "operations.js"),
    engine: join(dir, "src", "runtime", "validate", "validate-response.js"),
    library: join(dir, "src", "validate", "validate-response.js"),
  };
  const key = cacheKey(spec, options.splitAbove);
  const stamp = join(dir, "stamp.json");
  if (existsSync(stamp)) {
    const saved = JSON.parse(readFileSync(stamp, "utf8")) as {
      key: string;
      files: number;
      bytes: number;
    };
    if (saved.key === key) return { ...paths, files: saved.files, bytes: saved.bytes };
  }
  await rm(dir, { recursive: true, force: true });
  const sourceFile = basename(spec);
  const prepared = prepareDocument(await loadOpenApiFile(spec), sourceFile);
  const index = buildOperationIndex(prepared, name, sourceFile);
  const runtimeImport = "../../src/runtime";
  const { files } = await emitValidators(
    prepared,
    { api: name, runtimeImport, sourceFile },
    options,
  );
  for (const [file, text] of Object.entries(files)) {
    await writeJs(join(out, file.replace(/\.ts$/, ".js")), text);
  }
  await writeJs(paths.operations, emitOperationsSource(index, runtimeImport));
  const validation = emitValidationFiles(index, runtimeImport, { hasValidators: true });
  for (const [file, text] of Object.entries(validation)) {
    await writeJs(join(out, file.replace(/\.ts$/, ".js")), text);
  }
  await writeJs(join(dir, "generated", "index.js"), emitRegistrySource([name]));
  // src/runtime, src/validate and what they import from src/ (the error classes), laid out as
  // in the package.
  for (const file of [
    ...listTs(join(root, "src/runtime")).map((f) => `runtime/${f}`),
    ...listTs(join(root, "src/validate")).map((f) => `validate/${f}`),
    "errors.ts",
  ]) {
    await writeJs(
      join(dir, "src", file.replace(/\.ts$/, ".js")),
      readFileSync(join(root, "src", file), "utf8"),
    );
  }
  await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
  const texts = Object.values(files);
  const summary = {
    files: texts.length,
    bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0),
  };
  await writeFile(stamp, JSON.stringify({ key, ...summary }));
  return { ...paths, ...summary };
}
