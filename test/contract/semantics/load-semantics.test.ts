import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSemantics, semanticsFile } from "../../../src/contract/semantics/load-semantics.js";

let dir: URL;
let path: string;
beforeAll(async () => {
  path = await mkdtemp(join(tmpdir(), "contract-semantics-"));
  dir = pathToFileURL(`${path}/`);
  await writeFile(
    join(path, "good-api.semantics.js"),
    'export default { api: "good-api", dates: [] };\n',
  );
  await writeFile(join(path, "wrong-api.semantics.js"), 'export default { api: "other-api" };\n');
  await writeFile(join(path, "broken-api.semantics.js"), "export default {\n");
});
afterAll(async () => {
  await rm(path, { recursive: true, force: true });
});

describe("loadSemantics", () => {
  it("loads the declaration of an API", async () => {
    expect(await loadSemantics("good-api", dir)).toEqual({ api: "good-api", dates: [] });
  });

  it("has nothing for an API without a file (semantic checks stay off)", async () => {
    expect(semanticsFile("new-api", dir)).toBeUndefined();
    expect(await loadSemantics("new-api", dir)).toBeUndefined();
  });

  it.each([
    [
      "a declaration for another API",
      "wrong-api",
      'must be defineSemantics({ api: "wrong-api", ... })',
    ],
    ["a file that does not load", "broken-api", "cannot load the semantics declaration"],
  ])("rejects %s as a set-up error", async (_, api, message) => {
    const error = await loadSemantics(api, dir).catch((e: unknown) => e);
    expect((error as { exitCode?: number }).exitCode).toBe(2);
    expect(String(error)).toContain(message);
  });

  it("finds the declarations shipped in contract-tests/", async () => {
    expect(semanticsFile("gcore-billing")).toMatch(
      /contract-tests[/\\]gcore-billing\.semantics\.(ts|js)$/,
    );
    expect((await loadSemantics("gcore-billing"))?.pagination?.itemKey).toBe("/id");
  });
});
