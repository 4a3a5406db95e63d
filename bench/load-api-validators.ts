/**
 * The operation index and validators of one API for benchmarks: `generated/<api>/` when its
 * validators were generated, otherwise emitted fresh from `specs/` into `.tmp/bench/<api>/`.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildOperationIndex } from "../src/codegen/build-operation-index.js";
import { prepareDocument } from "../src/codegen/prepare-document.js";
import { emitValidators } from "../src/codegen/validators/emit-validators.js";
import type { ApiIndex } from "../src/runtime/operation-index.js";
import type { ValidatorModule } from "../src/runtime/validate/types.js";
import { loadOpenApiFile } from "../src/spec/load-document.js";

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
