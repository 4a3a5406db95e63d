/**
 * The response index of a large API, split by codegen into chunks (emit-validation.ts): each
 * operation key goes to chunk {@link responseChunkOf}(key, chunks), so `validation.ts` holds only
 * one loader per chunk (no key list to import), and a validation imports only its operation's chunk.
 */
import type { ResponseIndex, ResponseOperationSpec } from "../operation-index.js";

/** A {@link ResponseIndex} whose operations are imported on demand. */
export interface LazyResponseIndex extends ResponseIndex {
  readonly load: (operation: string) => Promise<void>;
  readonly loadAll: () => Promise<void>;
  readonly isLoaded: (operation: string) => boolean;
}

/** What a chunk module exports. */
export interface ResponseChunk {
  readonly operations: Readonly<Record<string, ResponseOperationSpec>>;
}

/** The chunk of operation `key` among `chunks` (32-bit FNV-1a of its UTF-16 code units). */
export function responseChunkOf(key: string, chunks: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % chunks;
}

/**
 * `operations` starts empty and gains each chunk's operations once that chunk is imported;
 * `load(key)` imports the chunk {@link responseChunkOf} names (once; a failed import is retried on
 * the next call). Any name that chunk does not hold (`"METHOD /path"`, or an unknown name, whose
 * error lists every key) loads every chunk; keys then follow chunk order.
 */
export function lazyResponseIndex(
  api: string,
  loaders: readonly (() => Promise<ResponseChunk>)[],
): LazyResponseIndex {
  const operations: Record<string, ResponseOperationSpec> = {};
  const chunks: (ResponseChunk | undefined)[] = loaders.map(() => undefined);
  const loading = new Map<number, Promise<void>>();
  let everything: Promise<void> | undefined;
  let complete = false;

  const loadChunk = (chunk: number): Promise<void> => {
    let pending = loading.get(chunk);
    if (!pending) {
      const load = loaders[chunk] as () => Promise<ResponseChunk>;
      pending = load().then((module) => {
        chunks[chunk] = module;
        Object.assign(operations, module.operations);
      });
      pending.catch(() => loading.delete(chunk));
      loading.set(chunk, pending);
    }
    return pending;
  };
  const loadAll = (): Promise<void> => {
    everything ??= Promise.all(loaders.map((_, chunk) => loadChunk(chunk))).then(() => {
      // Chunks resolve in any order: rebuild once so that keys follow chunk order.
      for (const key of Object.keys(operations)) delete operations[key];
      for (const chunk of chunks) Object.assign(operations, chunk?.operations);
      complete = true;
    });
    everything.catch(() => {
      everything = undefined;
    });
    return everything;
  };

  return {
    api,
    operations,
    async load(operation) {
      if (complete || Object.hasOwn(operations, operation)) return;
      await loadChunk(responseChunkOf(operation, loaders.length));
      if (!Object.hasOwn(operations, operation)) await loadAll();
    },
    loadAll,
    isLoaded: (operation) => complete || Object.hasOwn(operations, operation),
  };
}
