/**
 * The emitters that read the prepared document, run concurrently by `generateApi`. This list is the
 * hook for further per-API files: append an {@link Emitter} (e.g. the ajv validator emitter that
 * writes `validators.ts`) and every API gets its output; `client.ts` imports `validators.ts`
 * lazily whenever some emitter produced it.
 */

import { emitTypes } from "./emit-types.js";
import type { Emitter } from "./emitter.js";
import { emitValidators } from "./validators/emit-validators.js";
import { moduleUrl, startWorkerEmitter } from "./workers/worker-emitter.js";

/** Emitters run by `generateApi`, in this order for merging their files and warnings. */
export const documentEmitters: readonly Emitter[] = [emitTypes, emitValidators];

/** {@link documentEmitters} for one codegen run, some in worker threads, until `close`. */
export interface ParallelEmitters {
  readonly emitters: readonly Emitter[];
  close(): Promise<void>;
}

/**
 * {@link documentEmitters} with the types emitter in a worker thread, started now so that its
 * imports (typescript, openapi-typescript) load while this thread reads and prepares the
 * document; the validators run on this thread meanwhile. Same files, same order, same bytes.
 * Call `close` when the run ends, whether it succeeded or not.
 */
export function startParallelEmitters(): ParallelEmitters {
  const types = startWorkerEmitter(
    moduleUrl("./emit-types.js", import.meta.url),
    // The worker parses its own copy of the document, which openapi-typescript may modify.
    "emitTypesInPlace",
    "loadOpenapiTypescript",
  );
  return { emitters: [types.emit, emitValidators], close: () => types.close() };
}
