import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readDocumentFiles } from "../../src/document/document-files.js";

const MULTI = resolve(import.meta.dirname, "../fixtures/spec/multi-file");

describe("readDocumentFiles", () => {
  it.each([
    [
      "a document with references to files beside and below it",
      {
        given: join(MULTI, "bundle/openapi.yaml"),
        want: {
          root: "openapi.yaml",
          files: [
            "common.json",
            "openapi.yaml",
            "paths/pets.yaml",
            "pet.json",
            "schemas/invoice.yaml",
          ],
        },
      },
    ],
    [
      "a cycle across files (each read once)",
      {
        given: join(MULTI, "cycle/openapi.yaml"),
        want: { root: "openapi.yaml", files: ["a.yaml", "b.yaml", "openapi.yaml"] },
      },
    ],
    [
      "references to a folder above: paths kept relative to the common folder",
      {
        given: resolve(import.meta.dirname, "../fixtures/document-files/api/openapi.yaml"),
        want: { root: "api/openapi.yaml", files: ["api/openapi.yaml", "common/money.yaml"] },
      },
    ],
  ])("%s", async (_, { given, want }) => {
    const read = await readDocumentFiles(given);
    expect(read.root).toBe(want.root);
    expect(read.files.map((f) => f.path).sort()).toEqual(want.files);
    expect(read.files.some((f) => f.path === read.root)).toBe(true);
    for (const file of read.files) expect(file.path).not.toMatch(/^\.\.|^\//);
  });

  it("refuses a file that is not there, naming it (exit 2)", async () => {
    await expect(readDocumentFiles(join(MULTI, "no-such.yaml"))).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining("no-such.yaml: cannot read (ENOENT)"),
    });
  });
});
