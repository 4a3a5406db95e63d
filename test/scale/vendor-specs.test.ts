/**
 * Every public vendor document of `../shared/vendor-specs/` (see its SOURCES.md: readme's feature
 * examples, Figma, MX) gives a client: codegen succeeds as the CLI runs it, every warning points at
 * something in the document, and all the output type-checks in one TypeScript program.
 * One codegen per document, shared by the assertions.
 */
import { existsSync, readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { documentEmitters } from "../../src/codegen/emitters.js";
import { type GeneratedApi, generateApi } from "../../src/codegen/generate-api.js";
import { replaceDirectory } from "../../src/codegen/write-tree.js";
import { readSpec } from "../../src/document/discover-specs.js";
import type { OpenApiDocument } from "../../src/document/load-document.js";
import { getAtPointer } from "../../src/runtime/json-pointer.js";
import { typeCheck, typeScriptFiles } from "../codegen/type-check.js";
import { REPO_ROOT } from "./bench-specs.js";

const VENDOR_SPECS_DIR = join(REPO_ROOT, "../shared/vendor-specs");
const HAVE_VENDOR_SPECS = existsSync(VENDOR_SPECS_DIR);
const SKIP = HAVE_VENDOR_SPECS ? "" : ` (skipped: ${VENDOR_SPECS_DIR} is absent)`;
const OUT = join(REPO_ROOT, ".tmp/vendor-specs");

/** The OpenAPI documents under the folder (YAML and JSON), licence folders aside. */
function vendorDocuments(): string[] {
  if (!HAVE_VENDOR_SPECS) return [];
  return readdirSync(VENDOR_SPECS_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ya?ml|json)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(
      (file) =>
        !relative(VENDOR_SPECS_DIR, file)
          .split("/")
          .some((p) => p.startsWith(".")),
    )
    .sort();
}

/** An API id for a document's path (`readme-oas-examples/3.0/yaml/petstore.yaml` → `readme-…`). */
function apiId(file: string): string {
  return relative(VENDOR_SPECS_DIR, file)
    .replace(/\.[^.]+$/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

interface Outcome {
  readonly document?: OpenApiDocument;
  readonly generated?: GeneratedApi;
  readonly error?: string;
}

describe("public vendor documents", () => {
  const files = vendorDocuments();
  const outcomes = new Map<string, Outcome>();
  let diagnostics: string[] = [];

  beforeAll(async () => {
    if (!HAVE_VENDOR_SPECS) return;
    await rm(OUT, { recursive: true, force: true });
    for (const file of files) {
      const api = apiId(file);
      const outDir = join(OUT, api);
      try {
        const document = await readSpec(file, relative(REPO_ROOT, file));
        const generated = await generateApi(document, {
          api,
          sourceFile: relative(VENDOR_SPECS_DIR, file),
          runtimeImport: relative(outDir, join(REPO_ROOT, "src/runtime")).split("\\").join("/"),
          emitters: documentEmitters,
        });
        await replaceDirectory(outDir, generated.files);
        outcomes.set(file, { document, generated });
      } catch (error) {
        outcomes.set(file, { error: (error as Error).message });
      }
    }
    diagnostics = typeCheck(typeScriptFiles(OUT), OUT);
  }, 300_000);

  it.skipIf(!HAVE_VENDOR_SPECS)(`finds the documents SOURCES.md lists${SKIP}`, () => {
    expect(files.length).toBeGreaterThanOrEqual(49);
    expect(files.some((f) => f.endsWith("figma/openapi.yaml"))).toBe(true);
    expect(files.some((f) => f.endsWith("mx-platform/v20250224.yml"))).toBe(true);
  });

  it.skipIf(!HAVE_VENDOR_SPECS)(`codegen gives every document a client${SKIP}`, () => {
    const failed = files
      .map((file) => [relative(VENDOR_SPECS_DIR, file), outcomes.get(file)?.error] as const)
      .filter(([, error]) => error !== undefined);
    expect(failed).toEqual([]);
    for (const file of files) {
      expect(Object.keys(outcomes.get(file)?.generated?.files ?? {})).toEqual(
        expect.arrayContaining(["client.ts", "index.ts", "operations.ts", "types.ts"]),
      );
    }
  });

  it.skipIf(!HAVE_VENDOR_SPECS)(`every warning points into its document${SKIP}`, () => {
    const dangling: string[] = [];
    for (const [file, { document, generated }] of outcomes) {
      for (const { pointer } of generated?.warnings ?? []) {
        if (getAtPointer(document, pointer) === undefined) dangling.push(`${file} ${pointer}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it.skipIf(!HAVE_VENDOR_SPECS)(
    `the undefined security scheme of response-http-behavior is a named warning${SKIP}`,
    () => {
      const file = files.find((f) => f.endsWith("3.0/yaml/response-http-behavior.yaml"));
      const warnings = outcomes.get(String(file))?.generated?.warnings ?? [];
      expect(warnings.length).toBeGreaterThan(0);
      expect(
        warnings.every((w) =>
          w.message.startsWith("undefined-security-scheme: security scheme 'api_key'"),
        ),
      ).toBe(true);
    },
  );

  it.skipIf(!HAVE_VENDOR_SPECS)(`all the output type-checks${SKIP}`, () => {
    expect(diagnostics).toEqual([]);
  });
});
