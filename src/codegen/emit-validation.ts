/**
 * `validation.ts` (and `responses/<n>.ts` chunks for a large API): what response validation
 * needs of one API — the operation index narrowed to responses, and `loadValidators` — importable
 * without `operations.ts` (parameters, security, tags) or `client.ts` (openapi-fetch).
 */
import type { ApiIndex, ResponseIndex } from "../runtime/operation-index.js";
import { responseChunkOf } from "../runtime/validate/lazy-response-index.js";
import { docText } from "./file-header.js";

/** The operation index restricted to {@link ResponseIndex}'s fields, in the index's key order. */
export function toResponseIndex(index: ApiIndex): ResponseIndex {
  const operations: Record<string, ResponseIndex["operations"][string]> = {};
  for (const [name, op] of Object.entries(index.operations)) {
    const { key, operationId, method, path, responses } = op;
    operations[name] = { key, operationId, method, path, responses };
  }
  return { api: index.api, operations };
}

/** Options of {@link emitValidationFiles} (tests use a low threshold on small specs). */
export interface ValidationEmitOptions {
  /** Whether `validators.ts` was generated (else `loadValidators` rejects, saying what to run). */
  readonly hasValidators: boolean;
  /** Split into `responses/<n>.ts` chunks above this many operations (default {@link SPLIT_ABOVE_OPERATIONS}). */
  readonly splitAbove?: number;
  /** Operations per chunk, on average (default {@link CHUNK_SIZE}). */
  readonly chunkSize?: number;
}

/**
 * Operations above which the response index is split: GitHub's 1,223 operations are 1 MB of
 * index, ~20 ms to import at first validation; one chunk of {@link CHUNK_SIZE} is ~3 ms.
 */
export const SPLIT_ABOVE_OPERATIONS = 200;

/** Operations per chunk of a split response index, on average (keys are hashed to chunks). */
export const CHUNK_SIZE = 50;

/** A relative module specifier as seen from one folder deeper (`../x` → `../../x`). */
function deeper(specifier: string): string {
  if (specifier.startsWith("./")) return `.${specifier}`;
  return specifier.startsWith("../") ? `../${specifier}` : specifier;
}

/** `responses/<n>.ts`: operation key → chunk `responseChunkOf(key, chunks)`, index order within. */
function emitChunks(
  operations: ResponseIndex["operations"],
  runtimeImport: string,
  about: string,
  chunkSize: number,
): Record<string, string> {
  const entries = Object.entries(operations);
  const count = Math.ceil(entries.length / Math.max(1, chunkSize));
  const chunks: (typeof entries)[] = Array.from({ length: count }, () => []);
  for (const entry of entries) chunks[responseChunkOf(entry[0], count)]?.push(entry);
  const files: Record<string, string> = {};
  chunks.forEach((chunk, n) => {
    files[`responses/${n}.ts`] = [
      `import type { ResponseOperationSpec } from "${deeper(runtimeImport)}/operation-index.js";`,
      "",
      `/** Documented responses of ${about}: chunk ${n} of ${count}. */`,
      `export const operations = ${JSON.stringify(Object.fromEntries(chunk), null, 2)} as const satisfies Readonly<Record<string, ResponseOperationSpec>>;`,
      "",
    ].join("\n");
  });
  return files;
}

/**
 * `validation.ts`: `responseIndex` — for each operation the same JSON as `operations.ts` holds
 * for its key, operationId, method, path and responses, checked by `tsc` against
 * {@link ResponseIndex} — and `loadValidators`, a lazy import of `validators.ts`. One module, so
 * that a first validation imports as few as possible. Above `splitAbove` operations the index
 * goes into `responses/<n>.ts` chunks and `responseIndex` is a `lazyResponseIndex` of them.
 */
export function emitValidationFiles(
  index: ApiIndex,
  runtimeImport: string,
  options: ValidationEmitOptions,
): Record<string, string> {
  const responseIndex = toResponseIndex(index);
  const about = docText(`${index.title} ${index.version}`);
  const count = Object.keys(responseIndex.operations).length;
  const split = count > (options.splitAbove ?? SPLIT_ABOVE_OPERATIONS);
  const files = split
    ? emitChunks(responseIndex.operations, runtimeImport, about, options.chunkSize ?? CHUNK_SIZE)
    : {};
  const chunks = Object.keys(files).length;
  const lines = [
    split
      ? `import { lazyResponseIndex } from "${runtimeImport}/validate/lazy-response-index.js";`
      : `import type { ResponseIndex } from "${runtimeImport}/operation-index.js";`,
    `import type { ValidatorModule } from "${runtimeImport}/validate/types.js";`,
    "",
    `/** Loads the precompiled response validators of ${docText(index.title)} on first use. */`,
    "export function loadValidators(): Promise<ValidatorModule> {",
    options.hasValidators
      ? `  return import("./validators.js");`
      : `  return Promise.reject(new Error("validators for ${index.api} were not generated; run 'api-contracts codegen'"));`,
    "}",
    "",
  ];
  if (split) {
    lines.push(
      "/**",
      ` * Documented responses of ${about} (operations.ts narrowed),`,
      " * each operation imported with its chunk on first use: `await responseIndex.load(key)`.",
      " */",
      `export const responseIndex = lazyResponseIndex(${JSON.stringify(index.api)}, [`,
      ...Array.from({ length: chunks }, (_, n) => `  () => import("./responses/${n}.js"),`),
      "]);",
      "",
    );
  } else {
    lines.push(
      `/** Documented responses of ${about} (operations.ts narrowed). */`,
      `export const responseIndex = ${JSON.stringify(responseIndex, null, 2)} as const satisfies ResponseIndex;`,
      "",
    );
  }
  files["validation.ts"] = lines.join("\n");
  return files;
}
