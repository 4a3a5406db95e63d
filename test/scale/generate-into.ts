/**
 * Codegen of one document into a folder inside this repository (so that the generated code imports
 * `src/runtime` by a relative path), then its operation index and validators (loadGenerated).
 */
import { join, relative } from "node:path";
import { type ParallelEmitters, startParallelEmitters } from "../../src/codegen/emitters.js";
import { type GeneratedApi, generateApi } from "../../src/codegen/generate-api.js";
import { replaceDirectory } from "../../src/codegen/write-tree.js";
import { readSpec } from "../../src/document/discover-specs.js";
import type { OpenApiDocument } from "../../src/document/load-document.js";
import type { ApiIndex } from "../../src/runtime/operation-index.js";
import type { ValidatorModule } from "../../src/runtime/validate/types.js";
import { loadGenerated } from "../support/load-generated.js";
import { REPO_ROOT } from "./bench-specs.js";

/** A generated API, written and loaded with every validator imported. */
export interface LoadedGeneratedApi {
  readonly document: OpenApiDocument;
  readonly generated: GeneratedApi;
  readonly index: ApiIndex;
  readonly module: ValidatorModule;
  readonly outDir: string;
}

/**
 * Generate `file` as API `api` the way the CLI does (types in a worker thread: `shared`, left
 * open for the caller's next document, or one started and closed for this one), write it to
 * `.tmp/scale/<api>/` and import it.
 */
export async function generateInto(
  file: string,
  api: string,
  shared?: ParallelEmitters,
): Promise<LoadedGeneratedApi> {
  const document = await readSpec(file, file);
  const outDir = join(REPO_ROOT, ".tmp/scale", api);
  const runtimeImport = relative(outDir, join(REPO_ROOT, "src/runtime")).split("\\").join("/");
  const parallel = shared ?? startParallelEmitters();
  let generated: GeneratedApi;
  try {
    generated = await generateApi(document, {
      api,
      sourceFile: file.split("/").pop() ?? file,
      runtimeImport,
      emitters: parallel.emitters,
    });
  } finally {
    if (!shared) await parallel.close();
  }
  await replaceDirectory(outDir, generated.files);
  const { index, module } = await loadGenerated(outDir);
  return { document, generated, index, module, outDir };
}
