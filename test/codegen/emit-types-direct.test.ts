import { join } from "node:path";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import {
  emitTypesInPlace,
  generateTypesSource,
  TYPES_OPTIONS,
} from "../../src/codegen/emit-types.js";
import { prepareDocument } from "../../src/codegen/prepare-document.js";
import { readSpec } from "../../src/document/discover-specs.js";
import type { OpenApiDocument } from "../../src/document/load-document.js";

const repo = join(import.meta.dirname, "../..");
const fixtures = join(repo, "test/fixtures/codegen");

/** A oneOf with a discriminator mapping, which openapi-typescript patches into the mapped schemas. */
const pets: OpenApiDocument = {
  openapi: "3.0.3",
  info: { title: "pets", version: "1" },
  paths: {
    "/pets/{id}": {
      get: {
        operationId: "getPet",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "a pet",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Pet: {
        oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
        discriminator: {
          propertyName: "kind",
          mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" },
        },
      },
      Cat: { type: "object", properties: { kind: { type: "string" }, lives: { type: "integer" } } },
      Dog: { allOf: [{ type: "object", properties: { kind: { type: "string" } } }] },
    },
  },
};

async function load(path: string): Promise<OpenApiDocument> {
  return prepareDocument(await readSpec(path, path), path);
}

describe("generateTypesSource (openapi-typescript's transform without lint and bundle)", () => {
  it.each([
    ["gcore-billing (vendored)", join(repo, "specs/gcore-billing/openapi.yaml")],
    [
      "softwareone-marketplace (vendored)",
      join(repo, "specs/softwareone-marketplace/openapi.json"),
    ],
    ["alpha-shop", join(fixtures, "repo/specs/alpha-shop/openapi.yaml")],
    ["beta-books", join(fixtures, "repo/specs/beta-books/openapi.json")],
    ["unseen-petstore", join(fixtures, "unseen-petstore.yaml")],
    ["discriminator mapping", null],
  ])("%s: same bytes as openapiTS() with the same options", async (_name, path) => {
    const document = path === null ? prepareDocument(pets, "pets") : await load(path);
    const want = astToString(
      await openapiTS(structuredClone(document) as unknown as OpenAPI3, TYPES_OPTIONS),
    );
    expect(await generateTypesSource(document, "x.yaml")).toBe(want);
  });

  it("patches a copy: the caller's document is unchanged, the in-place variant's is patched", async () => {
    const document = prepareDocument(pets, "pets");
    const before = JSON.stringify(document);
    const source = await generateTypesSource(document, "pets.yaml");
    expect(source).toContain('kind: "cat"');
    expect(JSON.stringify(document)).toBe(before);

    const own = structuredClone(document);
    const { files } = await emitTypesInPlace(own, { sourceFile: "pets.yaml" });
    expect(files["types.ts"]).toBe(source);
    expect(JSON.stringify(own)).not.toBe(before);
  });
});
