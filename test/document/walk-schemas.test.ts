import { describe, expect, it } from "vitest";
import {
  collectSchemaResources,
  DOCUMENT_BASE,
  kindAt,
  mapDocumentSchemas,
  resolveRefTokens,
  walkSchemas,
} from "../../src/document/walk-schemas.js";
import { toPointer } from "../../src/runtime/json-pointer.js";

/** Pointers of every schema `walkSchemas` visits in `document`. */
function schemaPointers(document: unknown): string[] {
  const found: string[] = [];
  walkSchemas(document, (_schema, { tokens }) => {
    found.push(toPointer(tokens));
  });
  return found;
}

const media = (schema: unknown) => ({ content: { "application/json": { schema } } });

describe("walkSchemas", () => {
  it.each([
    [
      "components, parameters, request bodies, responses, headers, callbacks, webhooks, pathItems",
      {
        given: {
          paths: {
            "/a": {
              parameters: [{ name: "p", in: "query", schema: { type: "string" } }],
              post: {
                requestBody: media({ type: "object" }),
                responses: {
                  "200": { ...media(true), headers: { H: { schema: { type: "integer" } } } },
                },
                callbacks: { cb: { "{$url}": { post: { responses: { "200": media({}) } } } } },
              },
            },
          },
          webhooks: { w: { post: { requestBody: media({ type: "null" }) } } },
          components: {
            schemas: { S: { type: "string" } },
            pathItems: { P: { get: { parameters: [{ name: "q", in: "path", schema: {} }] } } },
          },
        },
        want: [
          "/paths/~1a/parameters/0/schema",
          "/paths/~1a/post/requestBody/content/application~1json/schema",
          "/paths/~1a/post/responses/200/content/application~1json/schema",
          "/paths/~1a/post/responses/200/headers/H/schema",
          "/paths/~1a/post/callbacks/cb/{$url}/post/responses/200/content/application~1json/schema",
          "/webhooks/w/post/requestBody/content/application~1json/schema",
          "/components/schemas/S",
          "/components/pathItems/P/get/parameters/0/schema",
        ],
      },
    ],
    [
      "every subschema keyword, booleans included; data keywords and extensions skipped",
      {
        given: {
          components: {
            schemas: {
              S: {
                properties: { a: true, enum: { type: "string" } },
                items: [false, {}],
                allOf: [{}],
                if: {},
                // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
                then: {},
                else: {},
                not: {},
                additionalProperties: false,
                patternProperties: { "^x": {} },
                dependentSchemas: { a: {} },
                dependencies: { b: ["a"], c: {} },
                unevaluatedItems: {},
                $defs: { D: {} },
                enum: [{ type: "string" }],
                default: { properties: {} },
                "x-extra": { type: "string" },
              },
            },
          },
        },
        want: [
          "/components/schemas/S",
          "/components/schemas/S/properties/a",
          "/components/schemas/S/properties/enum",
          "/components/schemas/S/items/0",
          "/components/schemas/S/items/1",
          "/components/schemas/S/allOf/0",
          "/components/schemas/S/if",
          "/components/schemas/S/then",
          "/components/schemas/S/else",
          "/components/schemas/S/not",
          "/components/schemas/S/additionalProperties",
          "/components/schemas/S/patternProperties/^x",
          "/components/schemas/S/dependentSchemas/a",
          "/components/schemas/S/dependencies/c",
          "/components/schemas/S/unevaluatedItems",
          "/components/schemas/S/$defs/D",
        ],
      },
    ],
  ])("%s", (_name, { given, want }) => {
    expect(schemaPointers(given)).toEqual(want);
  });

  it("terminates on a cyclic object graph", () => {
    const schema: Record<string, unknown> = { type: "object" };
    schema.properties = { self: schema };
    expect(schemaPointers({ components: { schemas: { S: schema } } })).toEqual([
      "/components/schemas/S",
    ]);
  });
});

describe("kindAt", () => {
  it.each([
    [["components", "schemas", "S"], "schema"],
    [["components", "schemas", "S", "properties", "a", "items", 0], "schema"],
    [["paths", "/a", "get", "responses", "200"], "response"],
    [["paths", "/a", "get", "parameters", 0], "parameter"],
    [["components", "schemas", "S", "enum", 0], undefined],
    [["components", "schemas", "S", "example"], undefined],
    [["paths", "x-ext"], undefined],
    [["info"], undefined],
  ] as const)("%j → %s", (tokens, want) => {
    expect(kindAt(tokens)).toBe(want);
  });
});

describe("mapDocumentSchemas", () => {
  it("rewrites schemas bottom-up, shares what it does not change, leaves the input alone", () => {
    const untouched = { description: "ok" };
    const document = {
      paths: { "/a": { get: { responses: { "200": untouched } } } },
      components: { schemas: { S: { anyOf: [true, { type: "string" }], example: true } } },
    };
    const before = structuredClone(document);
    const out = mapDocumentSchemas(
      document,
      (schema) => ({ ...schema, seen: true }),
      (value) => (value ? {} : { not: {} }),
    );
    expect(out.components.schemas.S).toEqual({
      anyOf: [{}, { type: "string", seen: true }],
      example: true,
      seen: true,
    });
    expect(out.paths["/a"].get.responses["200"]).toBe(untouched);
    expect(document).toEqual(before);
  });
});

describe("resolveRefTokens", () => {
  const document = {
    components: {
      schemas: {
        A: { $id: "https://example.com/a.json", $defs: { x: { $anchor: "ex" } } },
        B: { $id: "urn:example:b" },
      },
    },
  };
  const known = collectSchemaResources(document);
  it.each([
    ["#/components/schemas/A", DOCUMENT_BASE, ["components", "schemas", "A"]],
    ["#/$defs/x", "https://example.com/a.json", ["components", "schemas", "A", "$defs", "x"]],
    ["a.json#ex", "https://example.com/other.json", ["components", "schemas", "A", "$defs", "x"]],
    ["urn:example:b", DOCUMENT_BASE, ["components", "schemas", "B"]],
    ["#/components/schemas/Nope", DOCUMENT_BASE, undefined],
    ["other.yaml#/A", DOCUMENT_BASE, undefined],
  ] as const)("%s from %s", (ref, base, want) => {
    expect(resolveRefTokens(document, ref, base, known)).toEqual(want);
  });
});
