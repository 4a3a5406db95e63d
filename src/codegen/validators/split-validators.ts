/**
 * A large API's validators as modules loaded on demand: `validators.ts` becomes a small index and
 * the code goes into `validators/<n>.ts` chunks along the `$ref` graph, so that validating one
 * response imports only the functions that response can reach (GitHub: 4 MB of validators, about
 * 160 KB for the issues list).
 *
 * Every function (and schema constant) goes into the chunk of the functions reached from exactly
 * the same exported validators. Whichever export needs one item of a chunk needs all of them, so
 * nothing is loaded for nothing; and since an item's set of exports contains that of every item
 * reaching it, chunks import each other without cycles. Format, pattern and ajv helper constants
 * are one-line aliases of runtime imports: each chunk that uses one declares its own copy.
 * The `$ref` graph and each chunk's imports come from the identifiers the syntax tree of each item
 * references (rewrite-standalone.ts), never from matching names in its text.
 */
import { type ChunkStats, mergeChunks } from "./merge-chunks.js";
import type { ModuleImport } from "./rewrite-options.js";
import type { RewrittenModule } from "./rewrite-standalone.js";

/** One top-level statement (or function) of the rewritten standalone code. */
interface Item {
  readonly name: string;
  readonly position: number;
  readonly text: string;
  readonly copied: boolean;
  deps: string[];
  /** Identifiers its code references (module items and import bindings). */
  readonly references: ReadonlySet<string>;
}

/** What {@link splitValidators} needs besides the rewritten module. */
export interface SplitOptions {
  /** Module specifier of `src/runtime` from the index's folder. */
  readonly runtimeImport: string;
  /** File header (with the `// @ts-nocheck` line) of every chunk. */
  readonly chunkHeader: string;
  /** File header of the index. */
  readonly indexHeader: string;
  /** Import cost of a module in bytes, for merging chunks (default {@link MODULE_COST}; 0: none). */
  readonly moduleCost?: number;
}

/**
 * Import cost of one module in bytes of code (see merge-chunks.ts): GitHub's issues list then
 * loads 4 modules (226 KB) instead of 15 (195 KB), measured 10 ms less on a first validation.
 */
export const MODULE_COST = 64 * 1024;
/** Largest merged chunk. */
const MAX_CHUNK = 512 * 1024;
/** Constants every chunk that uses one declares its own copy of (one-line runtime aliases). */
function isCopied(name: string): boolean {
  return /^(?:pattern|formats|func)\d+$/.test(name);
}

/** The top-level items of the rewritten module, in order, with the items each references. */
function parseItems(module: RewrittenModule): Map<string, Item> {
  const items = new Map<string, Item>();
  for (const { name, text, references } of module.items) {
    if (name === undefined) {
      throw new Error(
        `unexpected top-level statement '${text.slice(0, 80)}'; update split-validators.ts`,
      );
    }
    const item = { name, position: items.size, text, copied: isCopied(name), deps: [], references };
    items.set(name, item);
  }
  for (const { name, references } of module.items) {
    const item = items.get(name as string) as Item;
    item.deps = [...references].filter((other) => other !== item.name && items.has(other));
    if (item.copied && item.deps.length > 0) {
      throw new Error(`constant ${item.name} depends on other items; update split-validators.ts`);
    }
  }
  return items;
}

/** Items reached from `root` (itself included) through non-copied items. */
function reach(root: string, items: ReadonlyMap<string, Item>): string[] {
  const seen = new Set([root]);
  const stack = [root];
  for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
    for (const dep of items.get(name)?.deps ?? []) {
      if (!seen.has(dep) && !items.get(dep)?.copied) {
        seen.add(dep);
        stack.push(dep);
      }
    }
  }
  return [...seen];
}

/**
 * Merge chunks (mergeChunks) in place: `members` becomes the merged groups, items in their
 * original order, and `chunkOf` is updated.
 */
function mergeSmallChunks(
  members: string[][],
  items: ReadonlyMap<string, Item>,
  chunkOf: Map<string, number>,
  signature: ReadonlyMap<string, readonly number[]>,
  moduleCost: number,
): void {
  const stats: ChunkStats[] = members.map((names, chunk) => {
    const imports = new Set<number>();
    let size = 0;
    for (const name of names) {
      const item = items.get(name) as Item;
      size += item.text.length;
      for (const dep of item.deps) {
        const other = chunkOf.get(dep);
        if (other !== undefined && other !== chunk) imports.add(other);
      }
    }
    const roots = signature.get(names[0] as string) ?? [];
    return { size, roots, imports: [...imports] };
  });
  const rootCount = Math.max(0, ...stats.flatMap((chunk) => chunk.roots)) + 1;
  const groups = mergeChunks(stats, rootCount, { moduleCost, maxSize: MAX_CHUNK });
  const merged = groups.map((group) =>
    group
      .flatMap((chunk) => members[chunk] ?? [])
      .sort((a, b) => (items.get(a) as Item).position - (items.get(b) as Item).position),
  );
  members.length = 0;
  merged.forEach((names, chunk) => {
    members.push(names);
    for (const name of names) chunkOf.set(name, chunk);
  });
}

/** An import as seen from one folder deeper (`../x` → `../../x`, `./x` → `../x`). */
function fromSubfolder(entry: ModuleImport): string {
  const { specifier } = entry;
  const moved = specifier.startsWith("./")
    ? `.${specifier}`
    : specifier.startsWith("../")
      ? `../${specifier}`
      : specifier;
  return `import ${entry.clause} from "${moved}";`;
}

/** What {@link chunkSource} needs to know about the whole module. */
interface ChunkContext {
  readonly items: ReadonlyMap<string, Item>;
  readonly chunkOf: ReadonlyMap<string, number>;
  readonly importList: readonly ModuleImport[];
  readonly header: string;
}

/**
 * One chunk module: the runtime imports its code uses, imports from the chunks it depends on, its
 * own copies of format/pattern/helper constants, its items in their original order, its exports.
 */
function chunkSource(
  chunk: number,
  names: readonly string[],
  exports: readonly string[],
  context: ChunkContext,
): string {
  const { items, chunkOf } = context;
  const own = names.map((name) => items.get(name) as Item);
  const code = own.map((item) => item.text).join("\n\n");
  const copies = new Set<string>();
  const fromChunks = new Map<number, Set<string>>();
  for (const item of own) {
    for (const dep of item.deps) {
      const other = chunkOf.get(dep);
      if (items.get(dep)?.copied) copies.add(dep);
      else if (other !== undefined && other !== chunk) {
        const list = fromChunks.get(other) ?? new Set<string>();
        list.add(dep);
        fromChunks.set(other, list);
      }
    }
  }
  const copiedText = [...copies]
    .map((name) => items.get(name) as Item)
    .sort((a, b) => a.position - b.position)
    .map((item) => item.text);
  const used = new Set<string>();
  for (const item of [...own, ...[...copies].map((name) => items.get(name) as Item)]) {
    for (const reference of item.references) used.add(reference);
  }
  const imports = context.importList
    .filter((entry) => entry.bindings.some((b) => used.has(b)))
    .map(fromSubfolder);
  for (const [other, list] of [...fromChunks].sort((a, b) => a[0] - b[0])) {
    imports.push(`import { ${[...list].sort().join(", ")} } from "./${other}.js";`);
  }
  return [
    context.header,
    ...imports,
    "",
    ...(copiedText.length > 0 ? [...copiedText, ""] : []),
    code,
    "",
    `export { ${exports.join(", ")} };`,
    "",
  ].join("\n");
}

/** The index: a loader per chunk and the validator names each chunk holds. */
function indexSource(namesByChunk: readonly string[][], options: SplitOptions): string {
  const loaders = namesByChunk.map((_, chunk) => `    () => import("./validators/${chunk}.js"),`);
  return [
    options.indexHeader,
    `import { lazyValidators } from "${options.runtimeImport}/validate/lazy-validators.js";`,
    "",
    "/**",
    " * Response body validators by name (the `validator` of each content entry in operations.ts),",
    " * each loaded with its chunk on first use: `await load(name)`, or `await loadAll()`.",
    " */",
    "export const { validators, load, loadAll } = lazyValidators(",
    "  [",
    ...loaders,
    "  ],",
    `  JSON.parse(${JSON.stringify(JSON.stringify(namesByChunk))}),`,
    ");",
    "",
  ].join("\n");
}

/**
 * The index `validators.ts` and one `validators/<n>.ts` per chunk. The index exports
 * `validators` (filled as chunks load), `load(name)` and `loadAll()` (see lazy-validators.ts).
 */
export function splitValidators(
  module: RewrittenModule,
  options: SplitOptions,
): Record<string, string> {
  const items = parseItems(module);
  const roots = [...new Set(module.exports.values())];
  const signature = new Map<string, number[]>();
  roots.forEach((root, r) => {
    for (const name of reach(root, items)) {
      const list = signature.get(name) ?? [];
      list.push(r);
      signature.set(name, list);
    }
  });
  // Chunks in the order of their first item; each item's chunk by its set of exports.
  const chunkOf = new Map<string, number>();
  const chunkBySignature = new Map<string, number>();
  const members: string[][] = [];
  for (const item of items.values()) {
    const reachedBy = signature.get(item.name);
    if (item.copied || reachedBy === undefined) continue;
    const key = reachedBy.join(",");
    let chunk = chunkBySignature.get(key);
    if (chunk === undefined) {
      chunk = members.length;
      chunkBySignature.set(key, chunk);
      members.push([]);
    }
    chunkOf.set(item.name, chunk);
    members[chunk]?.push(item.name);
  }
  mergeSmallChunks(members, items, chunkOf, signature, options.moduleCost ?? MODULE_COST);
  const namesByChunk: string[][] = members.map(() => []);
  const aliases: string[][] = members.map(() => []);
  for (const [name, fn] of module.exports) {
    const chunk = chunkOf.get(fn) as number;
    namesByChunk[chunk]?.push(name);
    aliases[chunk]?.push(`${fn} as ${name}`);
  }
  const exported = members.map(() => new Set<string>());
  for (const [name, chunk] of chunkOf) {
    for (const dep of items.get(name)?.deps ?? []) {
      const other = chunkOf.get(dep);
      if (other !== undefined && other !== chunk) exported[other]?.add(dep);
    }
  }

  const files: Record<string, string> = {};
  members.forEach((names, chunk) => {
    const exports = [...[...(exported[chunk] ?? [])].sort(), ...(aliases[chunk] ?? [])];
    files[`validators/${chunk}.ts`] = chunkSource(chunk, names, exports, {
      items,
      chunkOf,
      importList: module.importList,
      header: options.chunkHeader,
    });
  });
  files["validators.ts"] = indexSource(namesByChunk, options);
  return files;
}
