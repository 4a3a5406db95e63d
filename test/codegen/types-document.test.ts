import { describe, expect, it } from "vitest";
import { typesDocument } from "../../src/codegen/types-document.js";
import type { OpenApiDocument } from "../../src/spec/load-document.js";

const json = (schema: unknown) => ({ content: { "application/json": { schema } } });

describe("typesDocument", () => {
  it.each([
    [
      "boolean subschemas become object schemas; additionalProperties keeps its boolean",
      {
        given: {
          components: {
            schemas: { S: { allOf: [true], anyOf: [false], additionalProperties: false } },
          },
        },
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
