import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../src/document/load-document.js";
import { child, DocumentSide } from "../../src/drift/document-side.js";
import { matchAlternatives } from "../../src/drift/match-alternatives.js";
import { SchemaNormaliser } from "../../src/drift/normalise-schema.js";
import type { Json } from "./edit-specs.js";

const CAT = { type: "object", properties: { meow: { type: "string" } } };
const DOG = { type: "object", properties: { bark: { type: "string" } } };
const FOX = { type: "object", properties: { yip: { type: "string" }, den: { type: "string" } } };

/** The alternatives of `oneOf` in a document whose only schema is `{ oneOf }`, with its components. */
function alternatives(oneOf: Json[], schemas: Json = {}) {
  const doc = { openapi: "3.1.0", components: { schemas: { ...schemas, Root: { oneOf } } } };
  const normaliser = new SchemaNormaliser(new DocumentSide(doc as unknown as OpenApiDocument, "x"));
  const root = child({ node: doc, pointer: "" }, "components", "schemas", "Root", "oneOf");
  return { locs: oneOf.map((_, i) => child(root, i)), normaliser };
}

describe("matchAlternatives", () => {
  it.each<
    [
      string,
      { before: Json[]; after: Json[]; beforeSchemas?: Json; afterSchemas?: Json; want: Json },
    ]
  >([
    [
      "the same list",
      {
        before: [CAT, DOG],
        after: [CAT, DOG],
        want: {
          pairs: [
            [0, 0],
            [1, 1],
          ],
          added: [],
          removed: [],
        },
      },
    ],
    [
      "one inserted at the front",
      {
        before: [CAT, DOG],
        after: [FOX, CAT, DOG],
        want: {
          pairs: [
            [0, 1],
            [1, 2],
          ],
          added: [0],
          removed: [],
        },
      },
    ],
    [
      "reordered",
      {
        before: [CAT, DOG],
        after: [DOG, CAT],
        want: {
          pairs: [
            [1, 0],
            [0, 1],
          ],
          added: [],
          removed: [],
        },
      },
    ],
    [
      "one removed",
      {
        before: [CAT, DOG, FOX],
        after: [CAT, FOX],
        want: {
          pairs: [
            [0, 0],
            [2, 1],
          ],
          added: [],
          removed: [1],
        },
      },
    ],
    [
      "a component renamed, same shape",
      {
        before: [{ $ref: "#/components/schemas/Cat" }],
        after: [{ $ref: "#/components/schemas/Kitty" }],
        beforeSchemas: { Cat: CAT },
        afterSchemas: { Kitty: CAT },
        want: { pairs: [[0, 0]], added: [], removed: [] },
      },
    ],
    [
      "the same component, changed",
      {
        before: [{ $ref: "#/components/schemas/Cat" }, DOG],
        after: [DOG, { $ref: "#/components/schemas/Cat" }],
        beforeSchemas: { Cat: CAT },
        afterSchemas: { Cat: { ...CAT, required: ["meow"] } },
        want: {
          pairs: [
            [1, 0],
            [0, 1],
          ],
          added: [],
          removed: [],
        },
      },
    ],
    [
      "a changed alternative is matched by its property names",
      {
        before: [CAT, FOX],
        after: [{ ...FOX, properties: { ...FOX.properties, tail: { type: "string" } } }, CAT],
        want: {
          pairs: [
            [1, 0],
            [0, 1],
          ],
          added: [],
          removed: [],
        },
      },
    ],
  ])("%s", (_name, { before, after, beforeSchemas, afterSchemas, want }) => {
    const old = alternatives(before, beforeSchemas);
    const next = alternatives(after, afterSchemas);
    expect(matchAlternatives(old.locs, next.locs, old.normaliser, next.normaliser)).toEqual(want);
  });
});
