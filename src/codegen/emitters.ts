/**
 * The emitters that read the prepared document, run concurrently by `generateApi`. This list is the
 * hook for further per-API files: append an {@link Emitter} (e.g. the ajv validator emitter that
 * writes `validators.ts`) and every API gets its output; `client.ts` imports `validators.ts`
 * lazily whenever some emitter produced it.
 */

import { emitTypes } from "./emit-types.js";
import type { Emitter } from "./emitter.js";
import { emitValidators } from "./validators/emit-validators.js";

/** Emitters run by `generateApi`, in this order for merging their files and warnings. */
export const documentEmitters: readonly Emitter[] = [emitTypes, emitValidators];
