/**
 * The index of a large API's validators, split by codegen into chunks (split-validators.ts):
 * `validators.ts` calls {@link lazyValidators} with a loader per chunk and the validator names
 * each chunk holds. A validation imports only the chunks its validator needs.
 */
import type { CompiledValidator, ValidatorModule } from "./types.js";

/** A {@link ValidatorModule} whose validators are imported on demand. */
export interface LazyValidatorModule extends ValidatorModule {
  readonly load: (name: string) => Promise<CompiledValidator | undefined>;
  readonly loadAll: () => Promise<void>;
}

/**
 * `validators` starts empty and gains each chunk's validators once that chunk is imported;
 * `load(name)` imports the chunk holding `name` (once; a failed import is retried on the next
 * call) and resolves to the validator, or to undefined for a name no chunk holds.
 */
export function lazyValidators(
  loaders: readonly (() => Promise<object>)[],
  names: readonly (readonly string[])[],
): LazyValidatorModule {
  const validators: Record<string, CompiledValidator> = Object.create(null);
  const loading = new Map<number, Promise<void>>();
  let chunkOf: Map<string, number> | undefined;

  const loadChunk = (chunk: number): Promise<void> => {
    let pending = loading.get(chunk);
    if (!pending) {
      const load = loaders[chunk] as () => Promise<object>;
      pending = load().then((module) => {
        const exports = module as Record<string, CompiledValidator | undefined>;
        for (const name of names[chunk] ?? []) {
          const validate = exports[name];
          if (validate) validators[name] = validate;
        }
      });
      pending.catch(() => loading.delete(chunk));
      loading.set(chunk, pending);
    }
    return pending;
  };

  return {
    validators,
    async load(name) {
      const loaded = validators[name];
      if (loaded) return loaded;
      chunkOf ??= new Map(names.flatMap((list, chunk) => list.map((n) => [n, chunk] as const)));
      const chunk = chunkOf.get(name);
      if (chunk === undefined) return undefined;
      await loadChunk(chunk);
      return validators[name];
    },
    async loadAll() {
      await Promise.all(loaders.map((_, chunk) => loadChunk(chunk)));
    },
  };
}
