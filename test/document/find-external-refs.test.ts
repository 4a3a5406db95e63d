import { describe, expect, it } from "vitest";
import { documentUrl, scanRefs } from "../../src/document/find-external-refs.js";
import { SpecError } from "../../src/errors.js";

const url = documentUrl("/specs/shop/openapi.yaml");
const schemaAt = (schema: unknown) => ({
  openapi: "3.1.0",
  paths: {
    "/a": { get: { responses: { "200": { content: { "application/json": { schema } } } } } },
  },
});
const SCHEMA = "/paths/~1a/get/responses/200/content/application~1json/schema";

describe("scanRefs: which references leave the document", () => {
  it.each<[string, { given: unknown; want: { ref: string; at: string; target: string }[] }]>([
    ["an internal reference", { given: schemaAt({ $ref: "#/components/schemas/A" }), want: [] }],
    [
      "a relative file with a pointer",
      {
        given: schemaAt({ $ref: "./schemas/invoice.yaml#/Invoice" }),
        want: [
          {
            ref: "./schemas/invoice.yaml#/Invoice",
            at: `${SCHEMA}/$ref`,
            target: "file:///specs/shop/schemas/invoice.yaml",
          },
        ],
      },
    ],
    [
      "a whole file one folder up",
      {
        given: { components: { schemas: { Pet: { $ref: "../pet.json" } } } },
        want: [
          {
            ref: "../pet.json",
            at: "/components/schemas/Pet/$ref",
            target: "file:///specs/pet.json",
          },
        ],
      },
    ],
    [
      "a remote URL",
      {
        given: schemaAt({ $ref: "https://example.com/s.yaml#/X" }),
        want: [
          {
            ref: "https://example.com/s.yaml#/X",
            at: `${SCHEMA}/$ref`,
            target: "https://example.com/s.yaml",
          },
        ],
      },
    ],
    [
      "a discriminator mapping to a file",
      {
        given: schemaAt({ discriminator: { propertyName: "t", mapping: { dog: "./dog.yaml" } } }),
        want: [
          {
            ref: "./dog.yaml",
            at: `${SCHEMA}/discriminator/mapping/dog`,
            target: "file:///specs/shop/dog.yaml",
          },
        ],
      },
    ],
    [
      "a media type's examples map entry",
      {
        given: {
          paths: {
            "/a": {
              get: {
                responses: {
                  "200": {
                    content: { "application/json": { examples: { one: { $ref: "./ex.yaml" } } } },
                  },
                },
              },
            },
          },
        },
        want: [
          {
            ref: "./ex.yaml",
            at: "/paths/~1a/get/responses/200/content/application~1json/examples/one/$ref",
            target: "file:///specs/shop/ex.yaml",
          },
        ],
      },
    ],
    [
      "a property named like a data keyword is still a schema",
      {
        given: schemaAt({ properties: { default: { $ref: "./d.yaml" } } }),
        want: [
          {
            ref: "./d.yaml",
            at: `${SCHEMA}/properties/default/$ref`,
            target: "file:///specs/shop/d.yaml",
          },
        ],
      },
    ],
    ...(["enum", "const", "default", "example"] as const).map(
      (keyword): [string, { given: unknown; want: [] }] => [
        `a $ref-shaped object inside ${keyword} is data`,
        { given: schemaAt({ [keyword]: [{ $ref: "./data.yaml" }] }), want: [] },
      ],
    ),
    [
      "a schema's examples array is data",
      { given: schemaAt({ examples: [{ $ref: "./data.yaml" }] }), want: [] },
    ],
    [
      "an Example Object's value is data",
      {
        given: {
          components: { examples: { one: { value: { $ref: "./data.yaml" } } } },
        },
        want: [],
      },
    ],
    ["an x- extension is opaque", { given: { "x-extra": { $ref: "./data.yaml" } }, want: [] }],
    [
      "a reference resolved against a declared $id",
      {
        given: {
          components: {
            schemas: {
              Tree: { $id: "https://example.com/tree", properties: { n: { $ref: "node" } } },
              Node: { $id: "https://example.com/node", type: "object" },
            },
          },
        },
        want: [],
      },
    ],
    [
      "a reference under an $id names a JSON Schema resource, even one not declared here",
      {
        given: schemaAt({
          $id: "http://localhost:1234/draft2020-12/",
          items: { $ref: "baseUriChange/folderInteger.json" },
        }),
        want: [],
      },
    ],
    [
      "an absolute reference to a declared $id",
      {
        given: {
          paths: schemaAt({ $ref: "https://example.com/tree" }).paths,
          components: { schemas: { Tree: { $id: "https://example.com/tree" } } },
        },
        want: [],
      },
    ],
    [
      "a URN reference",
      { given: schemaAt({ $ref: "urn:uuid:deadbeef-1234-0000-0000-4321feebdaed" }), want: [] },
    ],
  ])("%s", (_name, { given, want }) => {
    const { external } = scanRefs(given, url, "openapi.yaml");
    expect(external.map(({ ref, at, target }) => ({ ref, at, target }))).toEqual(want);
  });

  it("collects internal references too when asked (to follow them inside a referenced file)", () => {
    const given = { Invoice: { properties: { line: { $ref: "#/Line" } } }, Line: {} };
    const { internal } = scanRefs(given, url, "schemas.yaml", { internal: true });
    expect(internal).toEqual([
      {
        ref: "#/Line",
        at: "/Invoice/properties/line/$ref",
        target: "file:///specs/shop/openapi.yaml",
        fragment: "/Line",
      },
    ]);
  });

  it("ends on a YAML alias that contains itself, with an error naming the file", () => {
    const cyclic: Record<string, unknown> = { type: "object" };
    cyclic.properties = { self: cyclic };
    expect(() => scanRefs({ components: { schemas: { A: cyclic } } }, url, "loop.yaml")).toThrow(
      SpecError,
    );
    expect(() => scanRefs({ components: { schemas: { A: cyclic } } }, url, "loop.yaml")).toThrow(
      /loop\.yaml: \/components\/schemas\/A\/properties\/self\/properties.*nests deeper than 1000 levels/,
    );
  });
});
