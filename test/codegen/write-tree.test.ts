import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readTree, replaceDirectory } from "../../src/codegen/write-tree.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "write-tree-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** As many files as a large API's validator chunks, in nested folders. */
const manyFiles = Object.fromEntries(
  Array.from({ length: 300 }, (_, i) => [
    `validators/${i % 3}/${i}.ts`,
    `export const n = ${i};\n`,
  ]),
);

describe("replaceDirectory and readTree", () => {
  it.each([
    ["a flat folder", { files: { "a.ts": "a", "b.ts": "b" } }],
    ["hundreds of files in nested folders", { files: { "index.ts": "i", ...manyFiles } }],
  ])("%s: readTree gives back exactly what was written, sorted", async (_name, { files }) => {
    const dir = join(root, "out");
    await replaceDirectory(dir, files);
    const tree = await readTree(dir);
    expect(tree).toEqual(files);
    expect(Object.keys(tree)).toEqual(Object.keys(files).sort());
  });

  it("replaces the folder as a whole: files not in the new tree are gone", async () => {
    const dir = join(root, "out");
    await replaceDirectory(dir, { "old.ts": "old", ...manyFiles });
    await replaceDirectory(dir, { "new.ts": "new" });
    expect(await readTree(dir)).toEqual({ "new.ts": "new" });
  });

  it("leaves the folder untouched when a write fails", async () => {
    const dir = join(root, "out");
    await replaceDirectory(dir, { "keep.ts": "keep" });
    // "a" is both a folder (of a/b.ts) and a file: writing the file fails.
    const failing = replaceDirectory(dir, { ...manyFiles, "a/b.ts": "x", a: "file, not folder" });
    await expect(failing).rejects.toThrow();
    expect(await readFile(join(dir, "keep.ts"), "utf8")).toBe("keep");
  });

  it("reads an absent folder as empty", async () => {
    expect(await readTree(join(root, "absent"))).toEqual({});
  });
});
