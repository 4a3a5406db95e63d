/**
 * `diff --impact` on the README's example: a small project whose code compiles against the types
 * generated from old.yaml; which of its lines stop compiling against new.yaml's, and why.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTypeImpact, formatTypeImpact } from "../../src/cli/type-impact.js";
import { emitTypes } from "../../src/codegen/emit-types.js";
import { generateApi } from "../../src/codegen/generate-api.js";
import { loadOpenApiFile, type OpenApiDocument } from "../../src/document/load-document.js";
import { diffDocuments } from "../../src/drift/diff-documents.js";
import { UsageError } from "../../src/errors.js";

const fixture = fileURLToPath(new URL("../fixtures/drift/impact/", import.meta.url));
let project: string;
let oldDoc: OpenApiDocument;
let newDoc: OpenApiDocument;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "api-contracts-impact-test-"));
  cpSync(join(fixture, "project"), project, { recursive: true });
  oldDoc = await loadOpenApiFile(join(fixture, "old.yaml"));
  newDoc = await loadOpenApiFile(join(fixture, "new.yaml"));
  // The project's generated types, as `api-contracts codegen` writes them for old.yaml.
  const { files } = await generateApi(oldDoc, {
    api: "items",
    sourceFile: "old.yaml",
    runtimeImport: "api-contracts/runtime",
    emitters: [emitTypes],
  });
  mkdirSync(join(project, "src", "generated"), { recursive: true });
  writeFileSync(join(project, "src", "generated", "types.ts"), files["types.ts"] ?? "");
}, 60_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

const options = () => ({
  tsconfig: join(project, "tsconfig.json"),
  oldSource: "old.yaml",
  newSource: "new.yaml",
});

describe("checkTypeImpact", () => {
  it("lists each line that stops compiling next to the change that caused it", async () => {
    const changes = diffDocuments(oldDoc, newDoc);
    const impact = await checkTypeImpact(oldDoc, newDoc, changes, options());
    expect(impact.typesFile).toBe(join("src", "generated", "types.ts"));
    expect(impact.lines.map((l) => [l.file, l.line, l.code, l.change?.id])).toEqual([
      [join("src", "use-items.ts"), 7, "TS2322", "response-property-became-nullable"],
      [join("src", "use-items.ts"), 10, "TS2366", "response-property-enum-value-added"],
      [join("src", "use-items.ts"), 20, "TS2339", "response-optional-property-removed"],
    ]);
    // oasdiff calls the removed optional property info; the impact shows a line it breaks.
    expect(impact.lines[2]?.change?.level).toBe("info");
    const text = formatTypeImpact(impact, "tsconfig.json");
    expect(text).toContain("3 lines stop compiling");
    expect(text).toContain(
      "caused by: breaking response-property-became-nullable  GET /items/{id}: response property 'amount' (200 application/json) became nullable",
    );
  }, 60_000);

  it("finds nothing when NEW's types are OLD's", async () => {
    const impact = await checkTypeImpact(oldDoc, oldDoc, [], options());
    expect(impact.lines).toEqual([]);
    expect(formatTypeImpact(impact, "tsconfig.json")).toContain("every line still compiles");
  }, 60_000);

  it("takes the types file from --types, and says what to do when it cannot find one", async () => {
    const explicit = await checkTypeImpact(oldDoc, newDoc, [], {
      ...options(),
      typesFile: join(project, "src", "generated", "types.ts"),
    });
    expect(explicit.lines).toHaveLength(3);
    expect(explicit.lines.every((l) => l.change === undefined)).toBe(true);
    const other = { ...oldDoc, paths: { "/elsewhere": {} } } as OpenApiDocument;
    await expect(checkTypeImpact(other, newDoc, [], options())).rejects.toThrow(UsageError);
    await expect(checkTypeImpact(other, newDoc, [], options())).rejects.toThrow(
      "pass the generated types file it imports with --types FILE",
    );
  }, 60_000);

  it("names a tsconfig that cannot be read", async () => {
    await expect(
      checkTypeImpact(oldDoc, newDoc, [], {
        ...options(),
        tsconfig: join(project, "missing.json"),
      }),
    ).rejects.toThrow(/--impact .*missing\.json: .*pass the project's tsconfig\.json/);
  });
});
