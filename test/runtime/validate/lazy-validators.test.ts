import { describe, expect, it } from "vitest";
import { lazyValidators } from "../../../src/runtime/validate/lazy-validators.js";

const accept = () => true;
const reject = () => false;

/** Two chunks (`a`, then `b` and `c`) whose loaders count their calls; chunk 0 fails `failures` times. */
function fixture(failures = 0) {
  const calls = [0, 0];
  let failing = failures;
  const module = lazyValidators(
    [
      async () => {
        calls[0] = (calls[0] ?? 0) + 1;
        if (failing-- > 0) throw new Error("chunk 0 is not there");
        return { a: accept };
      },
      async () => {
        calls[1] = (calls[1] ?? 0) + 1;
        return { b: reject, c: accept };
      },
    ],
    [["a"], ["b", "c"]],
  );
  return { module, calls };
}

describe("lazyValidators", () => {
  it("imports a chunk on first use, once, and keeps its validators", async () => {
    const { module, calls } = fixture();
    expect(Object.keys(module.validators)).toEqual([]);
    const [b, c] = await Promise.all([module.load("b"), module.load("c")]);
    expect([b, c]).toEqual([reject, accept]);
    expect(await module.load("b")).toBe(reject);
    expect(calls).toEqual([0, 1]);
    expect(Object.keys(module.validators).sort()).toEqual(["b", "c"]);
  });

  it("gives undefined for a name no chunk holds, importing nothing", async () => {
    const { module, calls } = fixture();
    expect(await module.load("v_nope_200_0")).toBeUndefined();
    expect(calls).toEqual([0, 0]);
  });

  it("retries a chunk whose import failed", async () => {
    const { module, calls } = fixture(1);
    await expect(module.load("a")).rejects.toThrow("chunk 0 is not there");
    expect(await module.load("a")).toBe(accept);
    expect(calls).toEqual([2, 0]);
  });

  it("loads every chunk with loadAll", async () => {
    const { module, calls } = fixture();
    await module.loadAll();
    expect(Object.keys(module.validators).sort()).toEqual(["a", "b", "c"]);
    expect(calls).toEqual([1, 1]);
  });
});
