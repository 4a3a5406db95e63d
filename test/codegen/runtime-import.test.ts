import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultRuntimeImport, PACKAGE_RUNTIME_IMPORT } from "../../src/codegen/runtime-import.js";

describe("defaultRuntimeImport", () => {
  const root = "/repo";
  it.each([
    [
      "generated/<api> in the repo",
      { out: "/repo/generated/gcore-billing", want: "../../src/runtime" },
    ],
    ["a folder deeper in the repo", { out: "/repo/.tmp/a/b", want: "../../../src/runtime" }],
    ["outside the repo", { out: "/elsewhere/gen", want: PACKAGE_RUNTIME_IMPORT }],
    [
      "a sibling with the repo's name as prefix",
      { out: "/repo-other/gen", want: PACKAGE_RUNTIME_IMPORT },
    ],
    ["inside node_modules", { out: "/repo/node_modules/x/gen", want: PACKAGE_RUNTIME_IMPORT }],
  ])("%s", (_name, { out, want }) => {
    expect(defaultRuntimeImport(join(out), root)).toBe(want);
  });
});
