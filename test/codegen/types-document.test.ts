import { describe, expect, it } from "vitest";
import { emitTypes } from "../../src/codegen/emit-types.js";
import { typesDocument, typesDocumentWithWarnings } from "../../src/codegen/types-document.js";
import type { OpenApiDocument } from "../../src/document/load-document.js";

const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const withSchemas = (schemas: Record<string, unknown>) => ({ components: { schemas } });
const HOISTED = "#/components/schemas/Hoisted_components_schemas";

describe("typesDocument", () => {
  it.each([
    [
      "boolean subschemas become object schemas; additionalProperties keeps its boolean",
      {
        given: withSchemas({ S: { allOf: [true], anyOf: [false], additionalProperties: false } }),
        pointer: "S",
        want: { allOf: [{}], anyOf: [{ not: {} }], additionalProperties: false },
      },
    ],
    [
      "a schema ref into paths points at a hoisted copy of its target",
      {
        given: {
          paths: {
            "/a": {
              get: {
                responses: {
                  "200": json({
                    $ref: "#/paths/~1a/post/requestBody/content/application~1json/schema",
                  }),
                },
              },
              post: { requestBody: json({ type: "string" }) },
            },
          },
        },
        pointer: "Hoisted_paths_1a_post_requestBody_content_application_1json_schema",
        want: { type: "string" },
      },
    ],
  ])("%s", (_name, { given, pointer, want }) => {
    const document = { openapi: "3.1.0", ...given } as OpenApiDocument;
    const out = typesDocument(document) as { components: { schemas: Record<string, unknown> } };
    expect(out.components.schemas[pointer]).toEqual(want);
  });

  // Every ref shape openapi-typescript cannot follow, each as the smallest document that has it:
  // `S` is the schema holding the ref, `want` what it becomes in the types copy.
  it.each([
    [
      "a plain-name `$anchor` ref becomes a pointer to the anchored schema",
      {
        given: withSchemas({ A: { $anchor: "foo", type: "string" }, S: { $ref: "#foo" } }),
        want: { $ref: "#/components/schemas/A" },
      },
    ],
    [
      "a draft 4-6 `$id: '#foo'` anchor ref becomes a pointer",
      {
        given: withSchemas({ A: { $id: "#foo", type: "string" }, S: { $ref: "#foo" } }),
        want: { $ref: "#/components/schemas/A" },
      },
    ],
    [
      "a relative ref resolves against the `$id` of its schema ($id dropped)",
      {
        given: withSchemas({
          Tree: { $id: "https://x.test/tree.json", type: "object" },
          S: { $id: "https://x.test/s.json", $ref: "tree.json" },
        }),
        want: { $ref: "#/components/schemas/Tree" },
      },
    ],
    [
      "a URN ref resolves to the resource with that `$id`",
      {
        given: withSchemas({
          U: { $id: "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed", type: "integer" },
          S: { $ref: "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed" },
        }),
        want: { $ref: "#/components/schemas/U" },
      },
    ],
    [
      "a `#/$defs/…` pointer inside an `$id` resource resolves from that resource (hoisted, $defs dropped)",
      {
        given: withSchemas({
          S: { $id: "https://x.test/s.json", $defs: { n: { type: "number" } }, $ref: "#/$defs/n" },
        }),
        want: { $ref: `${HOISTED}_S_defs_n` },
      },
    ],
    [
      "`$dynamicRef` becomes a `$ref` to its static target",
      {
        given: withSchemas({
          A: { $dynamicAnchor: "node", type: "object" },
          S: { $dynamicRef: "#node" },
        }),
        want: { $ref: "#/components/schemas/A" },
      },
    ],
    [
      "`$recursiveRef: '#'` outside any `$id` points at the schema it belongs to",
      {
        given: withSchemas({ S: { type: "array", items: { $recursiveRef: "#" } } }),
        want: { type: "array", items: { $ref: "#/components/schemas/S" } },
      },
    ],
    [
      "`$ref` beside `$dynamicRef`: both apply, the second through allOf",
      {
        given: withSchemas({
          A: { $anchor: "a", type: "object" },
          B: { $dynamicAnchor: "b", required: ["x"] },
          S: { $ref: "#a", $dynamicRef: "#b" },
        }),
        want: { $ref: "#/components/schemas/A", allOf: [{ $ref: "#/components/schemas/B" }] },
      },
    ],
    [
      "a pointer into a keyword that is no property (`items`) points at a hoisted copy",
      {
        given: withSchemas({
          A: { type: "array", items: { type: "string" } },
          S: { $ref: "#/components/schemas/A/items" },
        }),
        want: { $ref: `${HOISTED}_A_items` },
      },
    ],
    [
      "a pointer to a property of a component stays (openapi-typescript writes it)",
      {
        given: withSchemas({
          A: { type: "object", properties: { b: { type: "string" } } },
          S: { $ref: "#/components/schemas/A/properties/b" },
        }),
        want: { $ref: "#/components/schemas/A/properties/b" },
      },
    ],
    [
      "a ref with no target in the document becomes unknown (`{}`)",
      {
        given: withSchemas({ S: { $ref: "https://json-schema.org/draft/2020-12/schema" } }),
        want: {},
      },
    ],
  ])("%s", (_name, { given, want }) => {
    const document = { openapi: "3.1.0", ...given } as OpenApiDocument;
    const out = typesDocument(document) as { components: { schemas: Record<string, unknown> } };
    expect(out.components.schemas.S).toEqual(want);
  });

  it("hoists the target of a resolved ref that openapi-typescript cannot write", () => {
    const document = {
      openapi: "3.1.0",
      ...withSchemas({
        S: { $id: "https://x.test/s.json", $defs: { n: { $ref: "#" } }, $ref: "#/$defs/n" },
      }),
    } as OpenApiDocument;
    const out = typesDocument(document) as { components: { schemas: Record<string, unknown> } };
    // The copy's own refs are rewritten too (here back to the resource root).
    expect(out.components.schemas.Hoisted_components_schemas_S_defs_n).toEqual({
      $ref: "#/components/schemas/S",
    });
  });

  it("warns once, naming the pointer, for a ref with no target in the document", () => {
    const document = {
      openapi: "3.1.0",
      ...withSchemas({ S: { properties: { m: { $ref: "https://x.test/missing.json" } } } }),
    } as OpenApiDocument;
    const { warnings } = typesDocumentWithWarnings(document);
    expect(warnings.map((w) => w.pointer)).toEqual(["/components/schemas/S/properties/m"]);
    expect(warnings[0]?.message).toMatch(
      /^untyped-ref: .*https:\/\/x\.test\/missing\.json.*unknown/,
    );
  });

  it("openapi-typescript generates types for every ref shape, with the warnings returned", async () => {
    const document = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {},
      ...withSchemas({
        A: { $anchor: "a", $dynamicAnchor: "d", type: "string" },
        Tree: { $id: "https://x.test/tree.json", type: "object" },
        S: {
          type: "object",
          properties: {
            anchor: { $ref: "#a" },
            relative: { $id: "https://x.test/r.json", $ref: "tree.json" },
            dynamic: { $dynamicRef: "#d" },
            recursive: { $recursiveRef: "#" },
            external: { $ref: "https://x.test/missing.json" },
          },
        },
      }),
    } as unknown as OpenApiDocument;
    const { files, warnings } = await emitTypes(document, { sourceFile: "x.json" });
    const source = files["types.ts"] ?? "";
    expect(source).toMatch(/anchor\?: components\["schemas"\]\["A"\]/);
    expect(source).toMatch(/relative\?: components\["schemas"\]\["Tree"\]/);
    expect(source).toMatch(/dynamic\?: components\["schemas"\]\["A"\]/);
    expect(source).toMatch(/recursive\?: components\["schemas"\]\["S"\]/);
    expect(source).toMatch(/external\?: unknown/);
    expect(warnings.map((w) => w.pointer)).toEqual(["/components/schemas/S/properties/external"]);
  });

  it("rewrites the ref itself, and leaves the input alone", () => {
    const document = {
      openapi: "3.1.0",
      paths: {
        "/a": {
          get: {
            responses: {
              "200": json({
                $ref: "#/paths/~1a/post/requestBody/content/application~1json/schema",
              }),
            },
          },
          post: { requestBody: json({ type: "string" }) },
        },
      },
    };
    const before = structuredClone(document);
    const out = typesDocument(document as OpenApiDocument) as typeof document;
    expect(out.paths["/a"].get.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Hoisted_paths_1a_post_requestBody_content_application_1json_schema",
    });
    expect(document).toEqual(before);
  });
});
