/** `operations.ts`: the operation index as a typed constant. */
import type { ApiIndex } from "../runtime/operation-index.js";
import { docText } from "./file-header.js";

/**
 * Source of `operations.ts`: `export const apiIndex = {…} as const satisfies ApiIndex`, so the
 * runtime reads the index without parsing a spec and `tsc` checks it against ApiIndex.
 */
export function emitOperationsSource(index: ApiIndex, runtimeImport: string): string {
  return [
    `import type { ApiIndex } from "${runtimeImport}/operation-index.js";`,
    "",
    `/** Operations of ${docText(`${index.title} ${index.version}`)}: parameters, responses, security. */`,
    `export const apiIndex = ${JSON.stringify(index, null, 2)} as const satisfies ApiIndex;`,
    "",
  ].join("\n");
}
