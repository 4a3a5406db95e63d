import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../../src/sandbox/seeded-random.js";

const draw = (seed: number, stream = 0): number[] => {
  const random = createSeededRandom(seed, stream);
  return Array.from({ length: 20 }, () => random.int(0, 1_000_000));
};

describe("createSeededRandom", () => {
  it("repeats the same sequence for the same seed and stream", () => {
    expect(draw(42)).toEqual(draw(42));
  });

  it.each([
    ["another seed", { seed: 43, stream: 0 }],
    ["another stream", { seed: 42, stream: 1 }],
  ])("changes the sequence with %s", (_name, { seed, stream }) => {
    expect(draw(seed, stream)).not.toEqual(draw(42));
  });

  it("keeps int() within its inclusive bounds and reaches both ends", () => {
    const random = createSeededRandom(7);
    const values = new Set(Array.from({ length: 500 }, () => random.int(3, 6)));
    expect([...values].sort()).toEqual([3, 4, 5, 6]);
  });

  it("never picks a zero-weight entry", () => {
    const random = createSeededRandom(9);
    const picks = Array.from({ length: 200 }, () =>
      random.weighted([
        ["a", 1],
        ["never", 0],
        ["b", 3],
      ]),
    );
    expect(picks).not.toContain("never");
    expect(new Set(picks)).toEqual(new Set(["a", "b"]));
  });
});
