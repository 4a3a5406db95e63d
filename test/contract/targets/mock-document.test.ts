/**
 * The copy of a document Prism mocks: every JSON response holds an example its generated validator
 * accepts; the vendor's valid examples are kept, broken ones left out, missing ones generated.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mockDocument, writeMockDocument } from "../../../src/contract/targets/mock-document.js";
import { getAtPointer } from "../../../src/runtime/json-pointer.js";
import { type FixtureApi, loadFixtureApi } from "../fixture-api.js";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/whole-documents");

/** A 3.1 document whose one response has a vendor example that breaks its schema. */
const BROKEN_EXAMPLE = {
  openapi: "3.1.0",
  info: { title: "broken", version: "1" },
  paths: {
    "/price": {
      get: {
        operationId: "getPrice",
        responses: {
          "200": {
            description: "a price",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["amount"],
                  properties: { amount: { type: "string", pattern: "^\\d+\\.\\d{2}$" } },
                },
                examples: { placeholder: { value: { amount: "string" } } },
              },
            },
          },
        },
      },
    },
  },
};

const apis = new Map<string, FixtureApi>();
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "mock-document-test-"));
  const broken = join(folder, "broken.json");
  await writeFile(broken, JSON.stringify(BROKEN_EXAMPLE));
  apis.set("small-30", await loadFixtureApi(join(fixtures, "small-30.yaml"), "small-30"));
  apis.set("writes-31", await loadFixtureApi(join(fixtures, "writes-31.yaml"), "writes-31"));
  apis.set("broken", await loadFixtureApi(broken, "broken"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const media = (path: string, method: string, status: string, type = "application/json") =>
  `/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}/responses/${status}/content/${type.replace(/\//g, "~1")}`;

describe("mockDocument", () => {
  it.each([
    [
      "a vendor example its validator accepts is kept as written",
      { given: ["small-30", "listBooks", "200", media("/books", "get", "200")], want: "kept" },
    ],
    [
      "no example: one is generated",
      {
        given: ["small-30", "getBook", "200", media("/books/{bookId}", "get", "200")],
        want: "generated",
      },
    ],
    [
      "an error response gets one too",
      {
        given: ["small-30", "getBook", "404", media("/books/{bookId}", "get", "404")],
        want: "generated",
      },
    ],
    [
      "a shared application/problem+json response, fixed where it is defined",
      {
        given: [
          "writes-31",
          "getPayment",
          "404",
          "/components/responses/Problem/content/application~1problem+json",
        ],
        want: "generated",
      },
    ],
    [
      "a vendor example breaking its schema is left out and a valid one generated",
      { given: ["broken", "getPrice", "200", media("/price", "get", "200")], want: "generated" },
    ],
  ])("%s", (_, { given: [api, operation, status, pointer], want }) => {
    const fixture = apis.get(api as string) as FixtureApi;
    const { document, notes } = mockDocument(fixture.document, fixture.index, fixture.validators);
    const before = getAtPointer(fixture.document, pointer as string) as Record<string, unknown>;
    const after = getAtPointer(document, pointer as string) as Record<string, unknown>;
    expect(notes).toEqual([]);
    if (want === "kept") {
      expect(after).toEqual(before);
      return;
    }
    expect(after.examples).toBeUndefined();
    expect(after.example).toBeDefined();
    // The example satisfies the response's own generated validator.
    const name = fixture.index.operations[operation as string]?.responses[status as string]
      ?.content[0]?.validator as string;
    expect(fixture.validators.validators[name]?.(after.example)).toBe(true);
    // The vendored document itself is untouched.
    expect(before.example).toBeUndefined();
  });

  it("writes the copy as JSON into its own folder and removes it", async () => {
    const fixture = apis.get("small-30") as FixtureApi;
    const written = await writeMockDocument("small-30", fixture.document);
    expect(JSON.parse(await readFile(written.file, "utf8"))).toEqual(fixture.document);
    await written.remove();
    await expect(readFile(written.file)).rejects.toThrow(/ENOENT/);
  });
});
