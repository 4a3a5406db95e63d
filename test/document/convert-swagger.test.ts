import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversionNotice } from "../../src/document/convert-swagger.js";
import { onDocumentNotice } from "../../src/document/document-notices.js";
import { loadOpenApiFile } from "../../src/document/load-document.js";
import { ContractViolationError } from "../../src/runtime/contract-violation-error.js";
import { getAtPointer } from "../../src/runtime/json-pointer.js";
import { json, type RecordingServer, startRecordingServer } from "../client/recording-server.js";
import { generateInto } from "../scale/generate-into.js";
import { runCliIn } from "../support/run-cli.js";

const _repo = join(import.meta.dirname, "../..");
const fixtures = join(import.meta.dirname, "../fixtures/spec");

/** Load a fixture, collecting the notices it causes. */
async function loadWithNotices(name: string): Promise<{ document: unknown; notices: string[] }> {
  const notices: string[] = [];
  const stop = onDocumentNotice((message) => notices.push(message));
  try {
    return { document: await loadOpenApiFile(join(fixtures, name), name), notices };
  } finally {
    stop();
  }
}

describe("Swagger 2.0 is converted to OpenAPI 3.0 with a one-line notice", () => {
  it.each<[string, { file: string; want: Record<string, unknown> }]>([
    [
      "a single-file document",
      {
        file: "swagger/petstore.yaml",
        want: {
          "/openapi": "3.0.0",
          "/servers/0/url": "http://127.0.0.1/v1",
          "/paths/~1pets~1{id}/get/parameters/0/schema/type": "integer",
          "/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema/$ref":
            "#/components/schemas/Pet",
          "/components/schemas/Pet/properties/tag/nullable": true,
        },
      },
    ],
    [
      "a multi-file document: bundled first, then converted",
      {
        file: "swagger/multi-file.yaml",
        want: {
          "/openapi": "3.0.0",
          "/paths/~1pets/get/responses/200/content/application~1json/schema/items/$ref":
            "#/components/schemas/Pet",
          "/components/schemas/Pet/properties/name/type": "string",
        },
      },
    ],
  ])("%s", async (_name, { file, want }) => {
    const { document, notices } = await loadWithNotices(file);
    for (const [pointer, value] of Object.entries(want)) {
      expect([pointer, getAtPointer(document, pointer)]).toEqual([pointer, value]);
    }
    expect(notices).toEqual([
      `converted Swagger 2.0 document ${file} to OpenAPI 3.0 with swagger2openapi`,
    ]);
  });

  it("through the CLI: codegen --spec prints the notice once on stderr and exits 0", async () => {
    const out = await mkdtemp(join(tmpdir(), "swagger-cli-"));
    try {
      const result = await runCliIn(fixtures, [
        "codegen",
        "--spec",
        "swagger/petstore.yaml",
        "--out",
        out,
      ]);
      expect(result.err.split("\n").filter((line) => line.includes("notice:"))).toEqual([
        "api-contracts codegen: notice: converted Swagger 2.0 document swagger/petstore.yaml to OpenAPI 3.0 with swagger2openapi",
      ]);
      expect(result.code).toBe(0);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it("counts what could not be converted exactly in the same line", () => {
    expect(conversionNotice("a.yaml", 2)).toBe(
      "converted Swagger 2.0 document a.yaml to OpenAPI 3.0 with swagger2openapi; 2 place(s) could not be converted exactly, marked x-s2o-warning",
    );
  });
});

describe("a converted Swagger 2.0 document, codegen'd into a client", () => {
  let server: RecordingServer;
  beforeAll(async () => {
    server = await startRecordingServer((_request, response) =>
      json(response, 200, { name: 7, tag: null }),
    );
  });
  afterAll(async () => {
    await server.close();
  });

  it("calls the converted path under the spec's basePath and validates with the converted schema", async () => {
    const api = await generateInto(join(fixtures, "swagger/petstore.yaml"), "swagger-pets");
    const { createSwaggerPetsClient } = (await import(
      pathToFileURL(join(api.outDir, "client.ts")).href
    )) as {
      createSwaggerPetsClient: (options: { baseUrl: string; validate: "throw" }) => {
        GET: (path: string, init: unknown) => Promise<unknown>;
      };
    };
    const client = createSwaggerPetsClient({ baseUrl: `${server.origin}/v1`, validate: "throw" });
    // `name` must be a string (definitions/Pet); `tag: null` is allowed (x-nullable → nullable).
    const error = await client
      .GET("/pets/{id}", { params: { path: { id: 7 } } })
      .catch((caught: unknown) => caught);
    expect(server.requests.map((r) => r.line)).toEqual(["GET /v1/pets/7 HTTP/1.1"]);
    expect(error).toBeInstanceOf(ContractViolationError);
    expect((error as ContractViolationError).violations).toMatchObject([
      { pointer: "/name", keyword: "type" },
    ]);
  });
});
