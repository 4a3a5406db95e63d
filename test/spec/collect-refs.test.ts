import { describe, expect, it } from "vitest";
import {
  collectReachableComponents,
  componentPointer,
  findRefs,
  findSecurityUses,
} from "../../src/spec/collect-refs.js";
import type { OpenApiDocument } from "../../src/spec/load-document.js";

const schema = (ref: string) => ({ $ref: ref });

describe("findRefs", () => {
  it.each([
    [
      "escapes pointer tokens of where a ref is used",
      {
        given: {
          paths: {
            "/a/{id}": { get: { responses: { "200": schema("#/components/responses/R") } } },
          },
        },
        want: [{ ref: "#/components/responses/R", at: "/paths/~1a~1{id}/get/responses/200/$ref" }],
      },
    ],
    [
      "a property named $ref is not a reference",
      {
        given: { properties: { $ref: { type: "string" }, b: schema("#/components/schemas/B") } },
        want: [{ ref: "#/components/schemas/B", at: "/properties/b/$ref" }],
      },
    ],
    [
      "discriminator mappings, by name and by ref",
      {
        given: {
          discriminator: { propertyName: "k", mapping: { a: "A", b: "#/components/schemas/B" } },
        },
        want: [
          { ref: "#/components/schemas/A", at: "/discriminator/mapping/a" },
          { ref: "#/components/schemas/B", at: "/discriminator/mapping/b" },
        ],
      },
    ],
  ])("%s", (_name, { given, want }) => {
    expect(findRefs(given)).toEqual(want);
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
      { ref: "#/components/securitySchemes/Key", at: "/security/0/Key" },
      { ref: "#/components/securitySchemes/OAuth", at: "/paths/~1x/post/security/0/OAuth" },
    ]);
  });
});
