/**
 * The syntax-tree helpers of the validator rewrite, and the promise they keep: every validator
 * module codegen emits parses, checked here on the JSON Schema Test Suite documents (every
 * keyword ajv writes code for), in one module and split into chunks.
 */

import { existsSync } from "node:fs";
import { join } from "node:path";
import { parse } from "acorn";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { prepareDocument } from "../../../src/codegen/prepare-document.js";
import { emitValidators } from "../../../src/codegen/validators/emit-validators.js";
import { assertParses, collectNodes } from "../../../src/codegen/validators/standalone-ast.js";
import type { SpecWarning } from "../../../src/runtime/operation-index.js";
import {
  DRAFTS,
  type Draft,
  groupsRejectedBySpecLayer,
  loadGroups,
  loadRemotes,
  SUITE_DIR,
  wrapSuite,
} from "../../validate/json-schema-suite.js";

describe("assertParses", () => {
  it.each([
    ["a module", { given: "export const a = 1;", want: undefined }],
    [
      "an unbalanced function",
      {
        given: "function validate0(data){\nif(data){\n",
        want: /validators\/3\.ts:3:1 does not parse/,
      },
    ],
  ])("%s", (_name, { given, want }) => {
    if (want === undefined) expect(() => assertParses(given, "validators/3.ts")).not.toThrow();
    else expect(() => assertParses(given, "validators/3.ts")).toThrow(want);
  });
});

describe("collectNodes", () => {
  it("counts identifiers, not property names or string contents", () => {
    const program = parse('const schema0 = 1; f(schema0, x.schema0, {schema0: "schema0"});', {
      ecmaVersion: "latest",
      sourceType: "module",
    });
    expect(collectNodes(program).identifiers.get("schema0")).toBe(2);
  });
});

/** acorn reads JavaScript: the single module's two type annotations are erased first. */
function javascript(name: string, source: string): string {
  if (name !== "validators.ts") return source;
  return ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
}

const present = existsSync(join(SUITE_DIR, "tests"));

describe.skipIf(!present)("every emitted validator module parses (JSON Schema Test Suite)", () => {
  const emitted = new Map<string, { files: Record<string, string>; warnings: SpecWarning[] }>();
  const cases = (Object.keys(DRAFTS) as Draft[]).flatMap(
    (draft) =>
      [
        [`${draft}, one module`, draft, Number.POSITIVE_INFINITY],
        [`${draft}, split`, draft, 0],
      ] as const,
  );

  beforeAll(async () => {
    for (const draft of Object.keys(DRAFTS) as Draft[]) {
      const groups = await loadGroups(draft);
      const remotes = await loadRemotes(draft);
      const rejected = groupsRejectedBySpecLayer(draft, groups, remotes);
      const kept = groups.filter((g) => !rejected.has(g.operation));
      const document = prepareDocument(wrapSuite(draft, kept, remotes), "suite");
      for (const [name, d, splitAbove] of cases) {
        if (d !== draft) continue;
        const context = { api: "suite", runtimeImport: "../../src/runtime" };
        emitted.set(name, await emitValidators(structuredClone(document), context, { splitAbove }));
      }
    }
  }, 240_000);

  it.each(cases.map(([name]) => name))("%s: every file parses", (name) => {
    const files: Record<string, string> = emitted.get(name)?.files ?? {};
    expect(Object.keys(files).length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const [file, source] of Object.entries(files)) {
      try {
        parse(javascript(file, source), { ecmaVersion: "latest", sourceType: "module" });
      } catch (error) {
        failures.push(`${file}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it.each(cases.map(([name]) => name))("%s: no function is left as ajv wrote it", (name) => {
    const { warnings } = emitted.get(name) ?? { warnings: [] };
    const kept = warnings.filter((w) => w.message.includes("post-processing does not know"));
    expect(kept.map((w) => `${w.pointer}: ${w.message}`)).toEqual([]);
  });
});
