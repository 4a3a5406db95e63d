import { describe, expect, it } from "vitest";
import { type ChunkStats, mergeChunks } from "../../../src/codegen/validators/merge-chunks.js";

const KB = 1024;
const limits = { moduleCost: 64 * KB, maxSize: 512 * KB };

/** True when the import graph between the groups has a cycle. */
function cyclic(chunks: readonly ChunkStats[], groups: readonly number[][]): boolean {
  const groupOf = new Map(groups.flatMap((g, i) => g.map((c) => [c, i] as const)));
  const edges = groups.map(
    (g, i) =>
      new Set(
        g
          .flatMap((c) => chunks[c]?.imports ?? [])
          .flatMap((c) => {
            const other = groupOf.get(c);
            return other === undefined || other === i ? [] : [other];
          }),
      ),
  );
  const state = new Map<number, "open" | "done">();
  const visit = (i: number): boolean => {
    if (state.get(i) === "open") return true;
    if (state.get(i) === "done") return false;
    state.set(i, "open");
    for (const j of edges[i] ?? []) if (visit(j)) return true;
    state.set(i, "done");
    return false;
  };
  return groups.some((_, i) => visit(i));
}

describe("mergeChunks", () => {
  it.each<[string, { chunks: ChunkStats[]; roots: number; want: number[][] }]>([
    [
      "a small list chunk goes into the component chunk it imports",
      {
        chunks: [
          { size: 1 * KB, roots: [0], imports: [1] },
          { size: 30 * KB, roots: [0, 1, 2], imports: [] },
        ],
        roots: 3,
        want: [[0, 1]],
      },
    ],
    [
      "chunks no validator needs together stay apart",
      {
        chunks: [
          { size: 1 * KB, roots: [0], imports: [] },
          { size: 1 * KB, roots: [1], imports: [] },
        ],
        roots: 2,
        want: [[0], [1]],
      },
    ],
    [
      "a large component many other validators need is not pulled into one validator's chunk",
      {
        chunks: [
          { size: 200 * KB, roots: [0], imports: [1] },
          { size: 300 * KB, roots: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], imports: [] },
        ],
        roots: 10,
        want: [[0], [1]],
      },
    ],
    [
      "siblings needed by the same validators merge",
      {
        chunks: [
          { size: 40 * KB, roots: [0], imports: [1, 2] },
          { size: 10 * KB, roots: [0, 1], imports: [] },
          { size: 10 * KB, roots: [0, 1], imports: [] },
        ],
        roots: 2,
        want: [[0, 1, 2]],
      },
    ],
    [
      "no merged chunk exceeds the size limit",
      {
        chunks: [
          { size: 300 * KB, roots: [0], imports: [1] },
          { size: 300 * KB, roots: [0], imports: [] },
        ],
        roots: 1,
        want: [[0], [1]],
      },
    ],
  ])("%s", (_name, { chunks, roots, want }) => {
    expect(mergeChunks(chunks, roots, limits)).toEqual(want);
  });

  it("never merges into a cycle", () => {
    // 0 → 1 → 2 and 0 → 2; 1 is too large to merge with either, and merging 0 with 2 alone
    // would make {0,2} → 1 → {0,2}.
    const chunks: ChunkStats[] = [
      { size: 100 * KB, roots: [0, 1], imports: [1, 2] },
      { size: 450 * KB, roots: [0, 1, 2], imports: [2] },
      { size: 100 * KB, roots: [0, 1, 2], imports: [] },
    ];
    const groups = mergeChunks(chunks, 3, limits);
    expect(groups).toEqual([[0], [1], [2]]);
    expect(cyclic(chunks, [[0, 2], [1]])).toBe(true);
  });

  it("merges nothing when a module costs nothing", () => {
    const chunks: ChunkStats[] = [
      { size: 1 * KB, roots: [0], imports: [1] },
      { size: 1 * KB, roots: [0, 1], imports: [] },
    ];
    expect(mergeChunks(chunks, 2, { moduleCost: 0, maxSize: limits.maxSize })).toEqual([[0], [1]]);
  });
});
