import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { onDocumentNotice } from "../../src/document/document-notices.js";
import { prepareSources } from "../../src/document/prepare-sources.js";
import type { SourceEntry, SourceManifest } from "../../src/document/source-manifest.js";

const fixtures = join(import.meta.dirname, "../fixtures/spec");

const entry = (kind: SourceEntry["kind"], file: string): SourceEntry => ({
  kind,
  url: `https://example.com/${file}`,
  file,
  sha256: "0".repeat(64),
  infoVersion: "1",
});

describe("prepareSources", () => {
  it.each<
    [string, { source: SourceEntry; text: string; want: Record<string, unknown> | undefined }]
  >([
    [
      "a whole document referencing another file is bundled",
      {
        source: entry("openapi-document", "multi-file/cycle/openapi.yaml"),
        text: "openapi: 3.1.0\ninfo: { title: t, version: '1' }\ncomponents:\n  schemas:\n    N: { $ref: './a.yaml#/Node' }\n",
        want: {
          N: { $ref: "#/components/schemas/Node" },
          Node: {
            type: "object",
            properties: {
              children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
            },
          },
        },
      },
    ],
    [
      "a docs page is left to the fenced-block extraction",
      { source: entry("docs-page", "page.md"), text: "# not a document", want: undefined },
    ],
  ])("%s", async (_name, { source, text, want }) => {
    const manifest: SourceManifest = { api: "x", output: "openapi.yaml", sources: [source] };
    const prepared = await prepareSources(manifest, new Map([[source.file, text]]), (file) => ({
      file: join(fixtures, file),
      label: file,
    }));
    const components = prepared.get(source.file)?.components as { schemas?: unknown } | undefined;
    expect(components?.schemas).toEqual(want);
  });

  it("converts a Swagger 2.0 source and says so once", async () => {
    const source = entry("openapi-document", "swagger/petstore.yaml");
    const notices: string[] = [];
    const stop = onDocumentNotice((message) => notices.push(message));
    try {
      const manifest: SourceManifest = { api: "x", output: "openapi.yaml", sources: [source] };
      const text = 'swagger: "2.0"\ninfo: { title: t, version: "1" }\npaths: {}\n';
      const prepared = await prepareSources(manifest, new Map([[source.file, text]]), (file) => ({
        file: join(fixtures, file),
        label: `upstream/${file}`,
      }));
      expect(prepared.get(source.file)?.openapi).toBe("3.0.0");
    } finally {
      stop();
    }
    expect(notices).toEqual([
      "converted Swagger 2.0 document upstream/swagger/petstore.yaml to OpenAPI 3.0 with swagger2openapi",
    ]);
  });
});
