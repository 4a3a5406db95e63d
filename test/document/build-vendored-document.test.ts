import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildVendoredDocument, sha256Hex } from "../../src/document/build-vendored-document.js";
import type { SourceManifest } from "../../src/document/source-manifest.js";
import { SpecError } from "../../src/errors.js";

const fixtures = join(import.meta.dirname, "../fixtures/spec");
const read = (file: string) => readFileSync(join(fixtures, file));

const page = (file: string) => ({
  kind: "docs-page" as const,
  url: `https://example.com/${file}`,
  file,
  sha256: sha256Hex(read(file)),
  infoVersion: "recorded",
});

const pages: SourceManifest = {
  api: "widgets",
  output: "openapi.json",
  sources: [page("page-list.md"), page("page-get.md")],
  patches: [
    {
      reason: "auth",
      mergePatch: {
        security: [{ key: [] }],
        components: { securitySchemes: { key: { type: "http", scheme: "bearer" } } },
      },
    },
  ],
};

describe("buildVendoredDocument", () => {
  it("extracts, merges and patches pages; reports what each source is", () => {
    const build = buildVendoredDocument(pages, read);
    expect(Object.keys(build.document.paths as object)).toEqual(["/widgets", "/widgets/{id}"]);
    expect(build.document.security).toEqual([{ key: [] }]);
    expect(build.unpatched.security).toBeUndefined();
    expect(build.text).toBe(`${JSON.stringify(build.document, null, 2)}\n`);
    expect(build.sources).toEqual([
      {
        file: "page-list.md",
        sha256: pages.sources[0]?.sha256,
        infoVersion: "2026-01-01T00:00:00+00:00",
      },
      {
        file: "page-get.md",
        sha256: pages.sources[1]?.sha256,
        infoVersion: "2026-01-02T09:30:00+00:00",
      },
    ]);
    expect(build.ineffectivePatches).toEqual([]);
  });

  it("hashes a string source as its UTF-8 bytes", () => {
    const fromText = buildVendoredDocument(pages, (f) => read(f).toString("utf8"));
    expect(fromText.sources.map((s) => s.sha256)).toEqual(pages.sources.map((s) => s.sha256));
  });

  it("selects from a whole document", () => {
    const manifest: SourceManifest = {
      api: "shop",
      output: "openapi.yaml",
      sources: [{ ...page("shop.yaml"), kind: "openapi-document", selection: { tags: ["users"] } }],
    };
    const build = buildVendoredDocument(manifest, read);
    expect(Object.keys(build.document.paths as object)).toEqual(["/users"]);
    expect(build.text.startsWith("# Vendored")).toBe(true);
  });

  it.each([
    [
      "a patch that adds an unresolvable reference",
      {
        manifest: {
          ...pages,
          patches: [
            {
              reason: "r",
              mergePatch: {
                components: { schemas: { Gone: { $ref: "#/components/schemas/Nowhere" } } },
              },
            },
          ],
        },
        want: "src/x/source.json: unresolvable $ref '#/components/schemas/Nowhere' at /components/schemas/Gone/$ref",
      },
    ],
    [
      "a page that is not a spec page",
      {
        manifest: { ...pages, sources: [page("no-spec-block.md")] },
        want: "upstream/no-spec-block.md: no OpenAPI spec block found",
      },
    ],
    [
      "conflicting pages",
      {
        manifest: { ...pages, sources: [page("page-get.md"), page("page-get-conflicting.md")] },
        want: "defined differently in upstream/page-get.md and upstream/page-get-conflicting.md",
      },
    ],
  ])("%s is a SpecError", (_name, { manifest, want }) => {
    const build = () =>
      buildVendoredDocument(manifest, read, {
        label: (f) => `upstream/${f}`,
        manifestFile: "src/x/source.json",
      });
    expect(build).toThrow(SpecError);
    expect(build).toThrow(want);
  });
});
