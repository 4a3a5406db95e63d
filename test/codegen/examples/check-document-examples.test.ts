import { beforeAll, describe, expect, it } from "vitest";
import {
  checkDocumentExamples,
  findExamples,
} from "../../../src/codegen/examples/check-document-examples.js";
import type { OpenApiDocument } from "../../../src/document/load-document.js";
import { loadShop } from "../../contract/fixture-api.js";

let document: OpenApiDocument;
beforeAll(async () => {
  ({ document } = await loadShop());
});

const minimal = (extra: Record<string, unknown>): OpenApiDocument => ({
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/a": {
      get: {
        parameters: [{ in: "query", name: "q", schema: { type: "integer" }, example: "seven" }],
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": { schema: { type: "object", required: ["n"] }, ...extra },
            },
          },
        },
      },
    },
  },
});

describe("findExamples", () => {
  it("finds schema, parameter and media-type examples with the schema each belongs to", () => {
    const found = findExamples(minimal({ examples: { one: { value: { n: 1 } } } }));
    expect(found.map((f) => [f.pointer, f.schemaPointer])).toEqual([
      ["/paths/~1a/get/parameters/0/example", "/paths/~1a/get/parameters/0/schema"],
      [
        "/paths/~1a/get/responses/200/content/application~1json/examples/one/value",
        "/paths/~1a/get/responses/200/content/application~1json/schema",
      ],
    ]);
  });
});

describe("checkDocumentExamples", () => {
  it.each([
    [
      "a schema example breaking its pattern",
      { given: "shop", want: ["/components/schemas/Order/properties/total/example"] },
    ],
    [
      "a parameter example of the wrong type, a media example missing a required key",
      {
        given: "minimal",
        want: [
          "/paths/~1a/get/parameters/0/example",
          "/paths/~1a/get/responses/200/content/application~1json/example/n",
        ],
      },
    ],
  ])("%s", (_, { given, want }) => {
    const doc = given === "shop" ? document : minimal({ example: {} });
    const defects = checkDocumentExamples(doc);
    expect(defects.map((d) => d.pointer)).toEqual(want);
    expect(defects.every((d) => d.message.startsWith("the example breaks its own schema"))).toBe(
      true,
    );
  });

  it("adds no defect for a valid example", () => {
    const defects = checkDocumentExamples(minimal({ example: { n: 1 } }));
    expect(defects.map((d) => d.pointer)).toEqual(["/paths/~1a/get/parameters/0/example"]);
  });
});
