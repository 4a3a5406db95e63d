import { describe, expect, it } from "vitest";
import { emitTypes } from "../../src/codegen/emit-types.js";
import { isolateTypeFailures } from "../../src/codegen/isolate-type-failures.js";
import type { OpenApiDocument } from "../../src/document/load-document.js";

/**
 * Stands in for openapi-typescript's failure on one schema, whose errors name no pointer: throws
 * while any schema carries `x-boom`, else lists the component names (the "source").
 */
function transform(document: OpenApiDocument): string {
  if (JSON.stringify(document).includes('"x-boom"')) throw new Error("cannot");
  return Object.keys((document.components as { schemas: object }).schemas).join(",");
}

const doc = (schemas: Record<string, unknown>, paths: Record<string, unknown> = {}) =>
  ({ openapi: "3.1.0", paths, components: { schemas } }) as unknown as OpenApiDocument;

describe("isolateTypeFailures", () => {
  it.each([
    [
      "one failing component: only its failing subschema becomes unknown",
      {
        given: doc({
          A: { type: "string" },
          B: { type: "object", properties: { ok: { type: "string" }, bad: { "x-boom": 1 } } },
          C: { type: "integer" },
        }),
        want: ["/components/schemas/B/properties/bad"],
      },
    ],
    [
      "two failing schemas, one in a response: each named",
      {
        given: doc(
          { A: { "x-boom": 1 }, B: { type: "string" } },
          {
            "/a": {
              get: {
                responses: {
                  "200": {
                    description: "",
                    content: { "application/json": { schema: { allOf: [{ "x-boom": 2 }] } } },
                  },
                },
              },
            },
          },
        ),
        want: [
          "/components/schemas/A",
          "/paths/~1a/get/responses/200/content/application~1json/schema/allOf/0",
        ],
      },
    ],
  ])("%s", (_name, { given, want }) => {
    const isolated = isolateTypeFailures(given, transform);
    expect(isolated?.warnings.map((w) => w.pointer)).toEqual(want);
    const schemas = (given.components as { schemas: object }).schemas;
    expect(isolated?.source).toBe(Object.keys(schemas).join(","));
  });

  it("gives up (undefined) when no schema is to blame", () => {
    const always = (): string => {
      throw new Error("cannot");
    };
    expect(isolateTypeFailures(doc({ A: { type: "string" } }), always)).toBeUndefined();
  });

  it("through the types emitter: a schema openapi-typescript throws on costs only its own type", async () => {
    // `properties` as a list: openapi-typescript throws on it (no pointer in its error).
    const document = {
      ...doc({ Bad: { type: "object", properties: [1] }, Good: { type: "string" } }),
      info: { title: "t", version: "1" },
    } as OpenApiDocument;
    const { files, warnings } = await emitTypes(document, { sourceFile: "x.json" });
    expect(warnings.map((w) => [w.pointer, w.message.split(":")[0]])).toEqual([
      ["/components/schemas/Bad", "untyped-schema"],
    ]);
    expect(files["types.ts"]).toMatch(/Bad: unknown;/);
    expect(files["types.ts"]).toMatch(/Good: string;/);
  });
});
