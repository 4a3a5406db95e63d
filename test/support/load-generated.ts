/**
 * Loading a generated API folder in a test: its operation index and every validator, through
 * tsx's `tsImport` rather than vitest's module graph (a large document's hundreds of generated
 * modules load in a second instead of several; the code run is the same).
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import type { ApiIndex } from "../../src/runtime/operation-index.js";
import type { ValidatorModule } from "../../src/runtime/validate/types.js";

/** A generated folder's operation index and its validator module, every validator loaded. */
export interface LoadedGenerated {
  readonly index: ApiIndex;
  readonly module: ValidatorModule;
}

/** Import `operations.ts` and `validators.ts` of the generated folder `dir`, loading all validators. */
export async function loadGenerated(dir: string): Promise<LoadedGenerated> {
  const operations = (await tsImport(
    pathToFileURL(join(dir, "operations.ts")).href,
    import.meta.url,
  )) as { apiIndex: ApiIndex };
  const module = (await tsImport(
    pathToFileURL(join(dir, "validators.ts")).href,
    import.meta.url,
  )) as ValidatorModule;
  await module.loadAll?.();
  return { index: operations.apiIndex, module };
}
