/**
 * Fewer, larger validator chunks. Splitting along the `$ref` graph by "needed by the same
 * validators" loads nothing for nothing, but GitHub's issues list then imports 15 modules, and a
 * module costs about as much to import as 60 KB of code (resolution, reading, linking: measured
 * 1.5–2 ms each on Node 20). This merges chunks greedily while the total import cost summed over
 * every exported validator goes down: merging A and B saves one module for each validator needing
 * both, and costs B's bytes for each validator needing A only, and A's for each needing B only.
 */

/** One chunk before merging. */
export interface ChunkStats {
  /** Bytes of code. */
  readonly size: number;
  /** Indexes of the exported validators that need this chunk. */
  readonly roots: readonly number[];
  /** Chunks this one imports. */
  readonly imports: readonly number[];
}

/** What a merge may do. */
export interface MergeLimits {
  /** The import cost of one module, in bytes of code. */
  readonly moduleCost: number;
  /** No merged chunk grows beyond this many bytes. */
  readonly maxSize: number;
}

interface Node {
  members: number[];
  size: number;
  bits: Uint32Array;
  count: number;
  out: Set<number>;
  in: Set<number>;
  version: number;
  alive: boolean;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function common(a: Uint32Array, b: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += popcount((a[i] as number) & (b[i] as number));
  return n;
}

/** A min-heap of candidate merges, ordered by gain (most negative cost change first). */
class Heap {
  private readonly items: [delta: number, a: number, b: number, va: number, vb: number][] = [];
  get size(): number {
    return this.items.length;
  }
  push(item: [number, number, number, number, number]): void {
    const items = this.items;
    items.push(item);
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      [items[i], items[parent]] = [items[parent] as typeof item, items[i] as typeof item];
      i = parent;
    }
  }
  pop(): [number, number, number, number, number] | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(l, m)) m = l;
        if (r < items.length && this.less(r, m)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m] as typeof last, items[i] as typeof last];
        i = m;
      }
    }
    return top;
  }
  // Ties broken by node indexes, so that the result does not depend on insertion order.
  private less(i: number, j: number): boolean {
    const x = this.items[i] as number[];
    const y = this.items[j] as number[];
    for (let k = 0; k < 3; k++) if (x[k] !== y[k]) return (x[k] as number) < (y[k] as number);
    return false;
  }
}

/**
 * Groups of chunk indexes, each to be emitted as one module (in ascending order of their first
 * chunk). The import graph between groups stays acyclic.
 */
export function mergeChunks(
  chunks: readonly ChunkStats[],
  rootCount: number,
  limits: MergeLimits,
): number[][] {
  const words = Math.ceil(rootCount / 32);
  const nodes: Node[] = chunks.map((chunk, i) => {
    const bits = new Uint32Array(words);
    for (const r of chunk.roots) bits[r >>> 5] = (bits[r >>> 5] as number) | (1 << (r & 31));
    return {
      members: [i],
      size: chunk.size,
      bits,
      count: chunk.roots.length,
      out: new Set(chunk.imports.filter((j) => j !== i)),
      in: new Set<number>(),
      version: 0,
      alive: true,
    };
  });
  nodes.forEach((node, i) => {
    for (const j of node.out) nodes[j]?.in.add(i);
  });

  const delta = (a: Node, b: Node): number => {
    const both = common(a.bits, b.bits);
    return -limits.moduleCost * both + b.size * (a.count - both) + a.size * (b.count - both);
  };
  const heap = new Heap();
  const consider = (i: number, j: number): void => {
    if (i === j) return;
    const [a, b] = i < j ? [i, j] : [j, i];
    const x = nodes[a] as Node;
    const y = nodes[b] as Node;
    if (x.size + y.size > limits.maxSize) return;
    const d = delta(x, y);
    if (d < 0) heap.push([d, a, b, x.version, y.version]);
  };
  const neighbours = (i: number): void => {
    const node = nodes[i] as Node;
    for (const j of node.out) consider(i, j);
    for (const j of node.in) {
      consider(i, j);
      for (const k of (nodes[j] as Node).out) consider(i, k);
    }
  };
  nodes.forEach((_, i) => {
    neighbours(i);
  });

  // True when `to` is reachable from `from` other than by a direct edge.
  const indirect = (from: number, to: number): boolean => {
    const seen = new Set<number>([from]);
    const stack = [...(nodes[from] as Node).out].filter((k) => k !== to);
    for (let k = stack.pop(); k !== undefined; k = stack.pop()) {
      if (k === to) return true;
      if (seen.has(k)) continue;
      seen.add(k);
      stack.push(...(nodes[k] as Node).out);
    }
    return false;
  };

  while (heap.size > 0) {
    const [, a, b, va, vb] = heap.pop() as [number, number, number, number, number];
    const x = nodes[a] as Node;
    const y = nodes[b] as Node;
    if (!x.alive || !y.alive || x.version !== va || y.version !== vb) continue;
    if (indirect(a, b) || indirect(b, a)) continue;
    x.members.push(...y.members);
    x.size += y.size;
    for (let w = 0; w < words; w++) x.bits[w] = (x.bits[w] as number) | (y.bits[w] as number);
    x.count = common(x.bits, x.bits);
    for (const j of y.out) {
      (nodes[j] as Node).in.delete(b);
      if (j !== a) {
        x.out.add(j);
        (nodes[j] as Node).in.add(a);
      }
    }
    for (const j of y.in) {
      (nodes[j] as Node).out.delete(b);
      if (j !== a) {
        x.in.add(j);
        (nodes[j] as Node).out.add(a);
      }
    }
    x.out.delete(b);
    x.in.delete(b);
    y.alive = false;
    x.version++;
    neighbours(a);
  }
  return nodes
    .filter((node) => node.alive)
    .map((node) => node.members.sort((p, q) => p - q))
    .sort((p, q) => (p[0] as number) - (q[0] as number));
}
