import { describe, expect, it } from "vitest";
import {
  assertRefsResolve,
  collectReachableComponents,
  componentPointer,
  findRefs,
  findSecurityUses,
} from "../../src/document/collect-refs.js";
import type { OpenApiDocument } from "../../src/document/load-document.js";
import type { NodeKind } from "../../src/document/walk-schemas.js";

const schema = (ref: string) => ({ $ref: ref });

describe("findRefs", () => {
  const r = (ref: string, at: string, kind: string) => ({ ref, at, kind });
  type Row = [string, { given: unknown; kind: NodeKind | undefined; want: unknown[] }];
  const rows: Row[] = [
    [
      "escapes pointer tokens of where a ref is used",
      {
        given: {
          paths: {
            "/a/{id}": { get: { responses: { "200": schema("#/components/responses/R") } } },
          },
        },
        kind: undefined,
        want: [
          r("#/components/responses/R", "/paths/~1a~1{id}/get/responses/200/$ref", "response"),
        ],
      },
    ],
    [
      "a property named $ref is not a reference",
      {
        given: { properties: { $ref: { type: "string" }, b: schema("#/components/schemas/B") } },
        kind: "schema",
        want: [r("#/components/schemas/B", "/properties/b/$ref", "schema")],
      },
    ],
    [
      "discriminator mappings, by name and by ref",
      {
        given: {
          discriminator: { propertyName: "k", mapping: { a: "A", b: "#/components/schemas/B" } },
        },
        kind: "schema",
        want: [
          r("#/components/schemas/A", "/discriminator/mapping/a", "schema"),
          r("#/components/schemas/B", "/discriminator/mapping/b", "schema"),
        ],
      },
    ],
    ...["enum", "const", "default", "example", "examples", "x-vendor"].map(
      (keyword) =>
        [
          `a $ref-shaped object inside ${keyword} is data`,
          {
            given: {
              [keyword]:
                keyword === "enum" || keyword === "examples" ? [schema("#/x")] : schema("#/x"),
              items: schema("#/components/schemas/I"),
            },
            kind: "schema",
            want: [r("#/components/schemas/I", "/items/$ref", "schema")],
          },
        ] as Row,
    ),
    [
      "an Example Object's value and a Link's parameters are data; the Example itself may be a ref",
      {
        given: {
          content: {
            "application/json": {
              examples: { a: { value: schema("#/x") }, b: schema("#/components/examples/B") },
            },
          },
          links: { l: { operationId: "x", parameters: { id: schema("#/x") } } },
        },
        kind: "response",
        want: [
          r("#/components/examples/B", "/content/application~1json/examples/b/$ref", "example"),
        ],
      },
    ],
    [
      "tuple items, prefixItems, if/then/else, dependentSchemas and draft-4 dependencies",
      {
        given: {
          items: [schema("#/a")],
          prefixItems: [schema("#/b")],
          if: schema("#/c"),
          // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
          then: schema("#/d"),
          dependentSchemas: { p: schema("#/e") },
          dependencies: { q: ["p"], r: schema("#/f") },
        },
        kind: "schema",
        want: [
          r("#/a", "/items/0/$ref", "schema"),
          r("#/b", "/prefixItems/0/$ref", "schema"),
          r("#/c", "/if/$ref", "schema"),
          r("#/d", "/then/$ref", "schema"),
          r("#/e", "/dependentSchemas/p/$ref", "schema"),
          r("#/f", "/dependencies/r/$ref", "schema"),
        ],
      },
    ],
    [
      "a $ref inside a schema with an $id resolves against it",
      {
        given: { $id: "https://example.com/s.json", properties: { a: schema("#/$defs/A") } },
        kind: "schema",
        want: [
          {
            ref: "#/$defs/A",
            at: "/properties/a/$ref",
            kind: "schema",
            base: "https://example.com/s.json",
          },
        ],
      },
    ],
  ];
  it.each(rows)("%s", (_name, { given, kind, want }) => {
    expect(findRefs(given, [], kind)).toEqual(want);
  });

  it("terminates on a cyclic object graph (YAML aliases)", () => {
    const node: Record<string, unknown> = { $ref: "#/components/schemas/A" };
    node.properties = { self: node };
    expect(findRefs(node, [], "schema")).toEqual([r("#/components/schemas/A", "/$ref", "schema")]);
  });
});

describe("assertRefsResolve", () => {
  const doc = (schemas: Record<string, unknown>): OpenApiDocument => ({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {},
    components: { schemas },
  });
  it.each([
    ["a $ref-shaped enum value", { A: { enum: [schema("#/nowhere")] } }],
    ["a $ref-shaped const", { A: { const: schema("#/nowhere") } }],
    ["a $ref-shaped default", { A: { default: schema("#/nowhere") } }],
    ["a $ref-shaped example", { A: { example: schema("#/nowhere") } }],
    ["a $ref-shaped examples entry", { A: { examples: [schema("#/nowhere")] } }],
    ["an anchor", { A: { $anchor: "here" }, B: schema("#here") }],
    [
      "a ref relative to an $id",
      {
        A: { $id: "https://example.com/a.json", $defs: { x: {} } },
        B: { $id: "https://example.com/b.json", $ref: "a.json#/$defs/x" },
      },
    ],
    ["a URN $id", { A: { $id: "urn:uuid:1234" }, B: schema("urn:uuid:1234") }],
    ["a well-known meta-schema", { A: schema("http://json-schema.org/draft-04/schema#") }],
  ])("accepts %s", (_name, schemas) => {
    expect(() => assertRefsResolve(doc(schemas), "f.yaml")).not.toThrow();
  });

  it.each([
    ["a dangling ref", { A: schema("#/components/schemas/Nope") }, "unresolvable $ref"],
    ["an unknown anchor", { A: schema("#nope") }, "unresolvable $ref"],
    ["an external file", { A: schema("other.yaml#/A") }, "external $ref 'other.yaml#/A'"],
  ])("rejects %s", (_name, schemas, want) => {
    expect(() => assertRefsResolve(doc(schemas), "f.yaml")).toThrow(want);
  });
});

describe("componentPointer", () => {
  it.each([
    ["#/components/schemas/A", "/components/schemas/A"],
    ["#/components/schemas/A/properties/b", "/components/schemas/A"],
    ["#/components/schemas/a~1b", "/components/schemas/a~1b"],
    ["#/paths/~1x/get", undefined],
    ["#/components/schemas", undefined],
  ])("%s → %s", (ref, want) => {
    expect(componentPointer(ref)).toBe(want);
  });
});

describe("collectReachableComponents", () => {
  const doc: OpenApiDocument = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/x": {
        get: {
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: schema("#/components/schemas/A") } },
            },
          },
        },
      },
      "/y": {
        get: {
          parameters: [schema("#/paths/~1x/get/responses/200/content/application~1json/schema")],
        },
      },
    },
    components: {
      schemas: {
        A: { properties: { b: schema("#/components/schemas/B") } },
        B: { properties: { c: schema("#/components/schemas/C/properties/d") } },
        C: { properties: { d: { type: "string" }, again: schema("#/components/schemas/A") } },
        Lonely: { type: "string" },
      },
    },
  };

  it.each([
    ["a chain A → B → C with a cycle back to A", "#/components/schemas/A", ["A", "B", "C"]],
    ["through a ref into paths", "#/paths/~1y/get/parameters/0", ["A", "B", "C"]],
    ["a leaf", "#/components/schemas/Lonely", ["Lonely"]],
  ])("%s", (_name, ref, want) => {
    const reached = collectReachableComponents(doc, [{ ref, at: "/test" }], "doc.yaml");
    expect([...reached].sort()).toEqual(want.map((n) => `/components/schemas/${n}`));
  });
});

describe("findSecurityUses", () => {
  it("names global and operation security requirements", () => {
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      security: [{ Key: [] }],
      paths: { "/x": { post: { security: [{ OAuth: ["w"] }, {}] } } },
    };
    expect(findSecurityUses(doc)).toEqual([
      { ref: "#/components/securitySchemes/Key", at: "/security/0/Key", kind: "securityScheme" },
      {
        ref: "#/components/securitySchemes/OAuth",
        at: "/paths/~1x/post/security/0/OAuth",
        kind: "securityScheme",
      },
    ]);
  });
});
