/**
 * Real-world defects and the shapes that used to crash codegen, each in the smallest document that
 * shows it (test/fixtures/codegen/defects/): codegen gives a client that type-checks, with one
 * named warning per defect (none for legal shapes), and `--strict` refuses a defective document
 * with exit 2, writing nothing.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/codegen-command.js";
import { documentEmitters } from "../../src/codegen/emitters.js";
import { type SyncResult, syncSpecFile } from "../../src/codegen/sync-output.js";
import { tolerateDefects } from "../../src/codegen/tolerate-defects.js";
import type { OpenApiDocument } from "../../src/document/load-document.js";
import { StrictWarningsError } from "../../src/errors.js";
import { getAtPointer } from "../../src/runtime/json-pointer.js";
import { validateResponseWith } from "../../src/runtime/validate/validate-with-module.js";
import { loadGenerated } from "../support/load-generated.js";
import { typeCheck, typeScriptFiles } from "./type-check.js";

const REPO_ROOT = resolve(import.meta.dirname, "../..");
const FIXTURES = join(import.meta.dirname, "../fixtures/codegen/defects");
const OUT = join(REPO_ROOT, ".tmp/codegen-defects");

const ok = { description: "ok" };
const operation = (extra: Record<string, unknown> = {}) => ({
  operationId: "getA",
  responses: { "200": ok },
  ...extra,
});

describe("tolerateDefects", () => {
  it.each([
    [
      "GET and HEAD sharing an operationId: the later one renamed",
      {
        given: { paths: { "/a": { get: operation(), head: operation() } } },
        want: {
          names: ["duplicate-operation-id: /paths/~1a/head/operationId"],
          at: "/paths/~1a/head/operationId",
          value: "getA_head",
        },
      },
    ],
    [
      "keys that generated identifiers cannot tell apart (get-a, get_a)",
      {
        given: {
          paths: {
            "/a": { get: operation({ operationId: "get-a" }) },
            "/b": { get: operation({ operationId: "get_a" }) },
          },
        },
        want: {
          names: ["duplicate-operation-id: /paths/~1b/get/operationId"],
          at: "/paths/~1b/get/operationId",
          value: "get_a_get",
        },
      },
    ],
    [
      "an operation requirement naming an undefined scheme: dropped",
      {
        given: {
          paths: { "/a": { get: operation({ security: [{ nope: [] }, { key: [] }] }) } },
          components: { securitySchemes: { key: { type: "http", scheme: "bearer" } } },
        },
        want: {
          names: ["undefined-security-scheme: /paths/~1a/get/security/0/nope"],
          at: "/paths/~1a/get/security",
          value: [{ key: [] }],
        },
      },
    ],
    [
      "a global requirement naming an undefined scheme beside a defined one",
      {
        given: {
          security: [{ nope: [], key: [] }],
          paths: { "/a": { get: operation() } },
          components: { securitySchemes: { key: { type: "http", scheme: "bearer" } } },
        },
        want: {
          names: ["undefined-security-scheme: /security/0/nope"],
          at: "/security",
          value: [{ key: [] }],
        },
      },
    ],
    [
      "an apiKey scheme without `in`: warned where defined, ignored where used",
      {
        given: {
          security: [{ key: [] }],
          paths: { "/a": { get: operation() } },
          components: { securitySchemes: { key: { type: "apiKey", name: "X" } } },
        },
        want: {
          names: ["unusable-security-scheme: /components/securitySchemes/key"],
          at: "/security",
          value: [],
        },
      },
    ],
    [
      "a Swagger 2 body parameter: dropped",
      {
        given: {
          paths: {
            "/a": {
              parameters: [{ name: "q", in: "query" }],
              post: operation({
                parameters: [
                  { name: "b", in: "body" },
                  { name: "h", in: "header" },
                ],
              }),
            },
          },
        },
        want: {
          names: ["invalid-parameter: /paths/~1a/post/parameters/0"],
          at: "/paths/~1a/post/parameters",
          value: [{ name: "h", in: "header" }],
        },
      },
    ],
    [
      "a referenced path item needing a rename is written out at its path",
      {
        given: {
          paths: { "/a": { get: operation() }, "/b": { $ref: "#/components/pathItems/B" } },
          components: { pathItems: { B: { get: operation() } } },
        },
        want: {
          names: ["duplicate-operation-id: /paths/~1b/get/operationId"],
          at: "/paths/~1b/get/operationId",
          value: "getA_get",
        },
      },
    ],
    [
      "a template variable no parameter declares: added as a required string",
      {
        given: {
          paths: {
            "/a/{x}/{y}": {
              parameters: [{ name: "x", in: "path", required: true }],
              get: operation(),
            },
          },
        },
        want: {
          names: ["undeclared-path-parameter: /paths/~1a~1{x}~1{y}/get"],
          at: "/paths/~1a~1{x}~1{y}/get/parameters",
          value: [{ name: "y", in: "path", required: true, schema: { type: "string" } }],
        },
      },
    ],
    [
      "a dangling schema $ref: the schema accepts anything, its other keywords stay",
      {
        given: {
          paths: { "/a": { get: operation() } },
          components: { schemas: { S: { $ref: "#/components/schemas/Gone", description: "d" } } },
        },
        want: {
          names: ["unresolvable-ref: /components/schemas/S/$ref"],
          at: "/components/schemas/S",
          value: { description: "d" },
        },
      },
    ],
    [
      "a dangling parameter $ref: the parameter is left out",
      {
        given: {
          paths: {
            "/a": {
              get: operation({
                parameters: [{ $ref: "#/components/parameters/Gone" }, { name: "q", in: "query" }],
              }),
            },
          },
        },
        want: {
          names: ["unresolvable-ref: /paths/~1a/get/parameters/0/$ref"],
          at: "/paths/~1a/get/parameters",
          value: [{ name: "q", in: "query" }],
        },
      },
    ],
    [
      "a discriminator mapping naming no schema: the entry is left out",
      {
        given: {
          paths: { "/a": { get: operation() } },
          components: {
            schemas: {
              Cat: {},
              S: { discriminator: { propertyName: "t", mapping: { cat: "Cat", dog: "Dog" } } },
            },
          },
        },
        want: {
          names: ["unresolvable-ref: /components/schemas/S/discriminator/mapping/dog"],
          at: "/components/schemas/S/discriminator/mapping",
          value: { cat: "Cat" },
        },
      },
    ],
  ])("%s", (_name, { given, want }) => {
    const document = { openapi: "3.1.0", info: { title: "t", version: "1" }, ...given };
    const before = structuredClone(document);
    const result = tolerateDefects(document as OpenApiDocument, "t.yaml");
    expect(result.warnings.map((w) => `${w.message.split(":")[0]}: ${w.pointer}`)).toEqual(
      want.names,
    );
    expect(getAtPointer(result.document, want.at)).toEqual(want.value);
    expect(document).toEqual(before);
  });

  it("gives back the same document when there is nothing to tolerate", () => {
    const document = {
      openapi: "3.1.0",
      paths: { "/a": { get: operation(), head: operation({ operationId: "headA" }) } },
    } as OpenApiDocument;
    expect(tolerateDefects(document, "t.yaml")).toEqual({ document, warnings: [] });
  });
});

/** A fixture's codegen as the CLI writes it, into `.tmp/codegen-defects/<name>/`. */
async function generate(spec: string, name: string): Promise<SyncResult> {
  const out = join(OUT, name);
  return syncSpecFile({
    spec,
    out,
    runtimeImport: relative(out, join(REPO_ROOT, "src/runtime")).split("\\").join("/"),
    emitters: documentEmitters,
  });
}

const SHAPES: readonly [string, { file: string; warnings: readonly string[] }][] = [
  [
    "$ref-shaped data in enum/const/default/example/examples",
    { file: "ref-shaped-data", warnings: [] },
  ],
  [
    "boolean subschemas in allOf/anyOf/properties/items",
    { file: "boolean-subschemas", warnings: [] },
  ],
  ["info.title 'API'", { file: "title-api", warnings: [] }],
  [
    "one operationId for GET and HEAD",
    {
      file: "duplicate-operation-id",
      warnings: ["duplicate-operation-id /paths/~1a/head/operationId"],
    },
  ],
  [
    "an undefined security scheme",
    {
      file: "undefined-security-scheme",
      warnings: ["undefined-security-scheme /paths/~1a/get/security/0/api_key"],
    },
  ],
  [
    "an unusable security scheme",
    {
      file: "unusable-security-scheme",
      warnings: ["unusable-security-scheme /components/securitySchemes/key"],
    },
  ],
  [
    "refs that point at nothing",
    {
      file: "unresolvable-ref",
      warnings: [
        "unresolvable-ref /paths/~1a/get/parameters/0/$ref",
        "unresolvable-ref /paths/~1a/get/responses/200/content/application~1json/schema/properties/pet/$ref",
        "unresolvable-ref /paths/~1a/get/responses/200/content/application~1json/schema/properties/kind/discriminator/mapping/dog",
      ],
    },
  ],
  [
    "an undeclared path parameter",
    {
      file: "undeclared-path-parameter",
      warnings: ["undeclared-path-parameter /paths/~1things~1{id}/get"],
    },
  ],
  [
    "a Swagger 2 body parameter",
    { file: "invalid-parameter", warnings: ["invalid-parameter /paths/~1a/post/parameters/0"] },
  ],
];

/** Titles whose derived names meet generated identifiers, and the factory each gets. */
const TITLES: readonly [string, string][] = [
  ["API", "createApiClient"],
  ["api", "createApiClient"],
  ["1 API", "createApiClient"],
  ["Api Client Options", "createApiClientOptionsClient"],
  ["Runtime", "createRuntimeClient"],
];

describe("codegen of the smallest document per shape", () => {
  const results = new Map<string, SyncResult>();
  let diagnostics: string[];

  beforeAll(async () => {
    await rm(OUT, { recursive: true, force: true });
    await mkdir(join(OUT, "specs"), { recursive: true });
    for (const [, { file }] of SHAPES) {
      results.set(file, await generate(join(FIXTURES, `${file}.yaml`), file));
    }
    for (const [index, [title]] of TITLES.entries()) {
      const spec = join(OUT, "specs", `title-${index}.yaml`);
      const text = await readFile(join(FIXTURES, "title-api.yaml"), "utf8");
      await writeFile(spec, text.replace("title: API", `title: ${JSON.stringify(title)}`));
      results.set(`title-${index}`, await generate(spec, `title-${index}`));
    }
    diagnostics = typeCheck(typeScriptFiles(OUT), OUT);
  }, 120_000);

  it.each(SHAPES)("%s: a client and one named warning per defect", (_name, { file, warnings }) => {
    const result = results.get(file) as SyncResult;
    expect(Object.keys(result.files)).toEqual(
      expect.arrayContaining(["client.ts", "index.ts", "operations.ts", "types.ts"]),
    );
    expect(result.warnings.map((w) => `${w.message.split(":")[0]} ${w.pointer}`)).toEqual(warnings);
  });

  it.each([
    [
      "a $ref-shaped enum value is accepted as the value it is",
      { file: "ref-shaped-data", body: { e: { $ref: "#/nowhere" } }, valid: true },
    ],
    [
      "…another object is not",
      { file: "ref-shaped-data", body: { e: { $ref: "#/x" } }, valid: false },
    ],
    [
      "a $ref-shaped const is data too",
      { file: "ref-shaped-data", body: { c: { $ref: "#/nowhere" } }, valid: true },
    ],
    [
      "items: false rejects any item",
      { file: "boolean-subschemas", body: { none: [1] }, valid: false },
    ],
    ["…and accepts none", { file: "boolean-subschemas", body: { none: [] }, valid: true }],
    [
      "anyOf [false, integer] accepts an integer",
      { file: "boolean-subschemas", body: { any: 1 }, valid: true },
    ],
    ["…and nothing else", { file: "boolean-subschemas", body: { any: "1" }, valid: false }],
    [
      "allOf [true, string] is a string",
      { file: "boolean-subschemas", body: { all: 1 }, valid: false },
    ],
  ])("the validators read the document as written: %s", async (_name, { file, body, valid }) => {
    const dir = join(OUT, file);
    const { index: apiIndex, module } = await loadGenerated(dir);
    const result = validateResponseWith(apiIndex, module, {
      operation: "getA",
      status: 200,
      contentType: "application/json",
      body,
    });
    expect(result.valid).toBe(valid);
  });

  it("every output type-checks (tsc, the repository's strict options)", () => {
    expect(diagnostics).toEqual([]);
  });

  it.each(TITLES.map(([title, factory], index) => [title, factory, index] as const))(
    "title %j: factory %s, which builds a client without calling itself",
    async (_title, factory, index) => {
      const result = results.get(`title-${index}`) as SyncResult;
      expect(result.files["index.ts"]).toContain(`export { ${factory}, loadValidators`);
      const module = (await import(
        pathToFileURL(join(OUT, `title-${index}`, "client.ts")).href
      )) as Record<string, (options: object) => unknown>;
      const client = module[factory]?.({ baseUrl: "http://127.0.0.1:9" });
      expect(client).toBeTypeOf("object");
    },
  );

  it.each(SHAPES.filter(([, { warnings }]) => warnings.length > 0))(
    "%s with --strict: exit 2 naming the warning, nothing written",
    async (_name, { file, warnings }) => {
      const out = join(OUT, `strict-${file}`);
      const failure = run(["--spec", join(FIXTURES, `${file}.yaml`), "--out", out, "--strict"], {
        emitters: documentEmitters,
      });
      await expect(failure).rejects.toBeInstanceOf(StrictWarningsError);
      await expect(failure).rejects.toMatchObject({ exitCode: 2 });
      await expect(failure).rejects.toThrow(String(warnings[0]?.split(" ")[1]));
      expect(existsSync(out)).toBe(false);
    },
    60_000,
  );

  it("a document without defects passes --strict", async () => {
    const out = join(OUT, "strict-clean");
    await expect(
      run(["--spec", join(FIXTURES, "ref-shaped-data.yaml"), "--out", out, "--strict"], {
        emitters: documentEmitters,
      }),
    ).resolves.toBe(0);
    expect(existsSync(join(out, "client.ts"))).toBe(true);
  }, 60_000);
});
