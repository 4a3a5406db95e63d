import { describe, expect, it } from "vitest";
import { SchemaRegistry } from "../../../src/codegen/validators/schema-registry.js";
import type { OpenApiDocument } from "../../../src/document/load-document.js";
import { compileOurs } from "../../generate/validators-for.js";

const doc = (schemas: Record<string, unknown>) =>
  ({ openapi: "3.1.0", paths: {}, components: { schemas } }) as unknown as OpenApiDocument;

/** A generic list whose items are whatever the outermost `items` dynamic anchor says. */
const list = (itemsKeyword: Record<string, unknown>) => ({
  $id: "https://x.test/list",
  type: "array",
  items: itemsKeyword,
  $defs: { items: { $dynamicAnchor: "items", $anchor: "static" } },
});
const strings = {
  $id: "https://x.test/strings",
  $ref: "list",
  $defs: { items: { $dynamicAnchor: "items", type: "string" } },
};

describe("SchemaRegistry: $dynamicRef in its dynamic scope", () => {
  it.each([
    [
      "a bookended $dynamicRef takes the outermost resource's anchor",
      {
        given: doc({ List: list({ $dynamicRef: "#items" }), Strings: strings }),
        entry: "Strings",
        data: [1],
        want: false,
      },
    ],
    [
      "the same list on its own stays generic",
      {
        given: doc({ List: list({ $dynamicRef: "#items" }), Strings: strings }),
        entry: "List",
        data: [1],
        want: true,
      },
    ],
    [
      "the outer anchor allows what it allows",
      {
        given: doc({ List: list({ $dynamicRef: "#items" }), Strings: strings }),
        entry: "Strings",
        data: ["a"],
        want: true,
      },
    ],
    [
      "a $dynamicRef whose static target declares no such dynamic anchor stays static",
      {
        given: doc({ List: list({ $dynamicRef: "#static" }), Strings: strings }),
        entry: "Strings",
        data: [1],
        want: true,
      },
    ],
  ])("%s", (_name, { given, entry, data, want }) => {
    const pointer = `/components/schemas/${entry}`;
    const validate = compileOurs(given, [pointer]).get(pointer);
    expect(typeof validate).toBe("function");
    expect((validate as (value: unknown) => boolean)(data)).toBe(want);
  });

  it("a document without bookended $dynamicRefs keeps one id per schema", () => {
    const registry = new SchemaRegistry(
      doc({ A: { $ref: "#/components/schemas/B" }, B: { type: "string" } }),
      {
        openapi30: false,
        acceptPattern: () => true,
        warn: () => {},
        unknownFormat: () => {},
        unknownKeyword: () => {},
        usesUnevaluated: () => {},
      },
    );
    registry.idFor("/components/schemas/A");
    expect([...registry.drain().keys()]).toEqual(["c:A", "c:B"]);
  });
});
