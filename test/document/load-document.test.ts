import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnsupportedVersionError } from "../../src/document/document-errors.js";
import { loadOpenApiFile, parseOpenApiText } from "../../src/document/load-document.js";
import { runCli } from "../support/run-cli.js";

const _repo = join(import.meta.dirname, "../..");

describe("parseOpenApiText", () => {
  it.each([
    ["a list at the top", { text: "[]", want: /not an OpenAPI document/ }],
    [
      "a Swagger 2 document in a docs page's fenced block (only files are converted)",
      { text: '{"swagger": "2.0"}', want: /a Swagger 2\.0 document here is not converted/ },
    ],
    ["OpenAPI 4", { text: '{"openapi": "4.0.0"}', want: /found openapi: "4\.0\.0"/ }],
    [
      "neither openapi nor swagger",
      { text: "{}", want: /neither an 'openapi' nor a 'swagger' field/ },
    ],
  ])("rejects %s", (_name, { text, want }) => {
    expect(() => parseOpenApiText(text, "x.json")).toThrow(want);
  });

  it("accepts 3.0 and 3.1 documents", () => {
    expect(parseOpenApiText('{"openapi": "3.0.1"}', "x.json").openapi).toBe("3.0.1");
    expect(parseOpenApiText("openapi: 3.1.0\n", "x.yaml").openapi).toBe("3.1.0");
  });
});

describe("a version api-contracts does not read is exit 2 naming it and the supported ones", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "spec-version-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each<[string, { text: string; found: string | undefined; message: RegExp }]>([
    [
      "OpenAPI 4",
      {
        text: "openapi: 4.0.0\n",
        found: "openapi: 4.0.0",
        message:
          /^v\.yaml: unsupported version: found openapi: "4\.0\.0"; api-contracts reads OpenAPI 3\.0\.x and 3\.1\.x, and Swagger 2\.0/,
      },
    ],
    [
      "OpenAPI 3.2",
      {
        text: '{"openapi": "3.2.0"}',
        found: "openapi: 3.2.0",
        message: /found openapi: "3\.2\.0"/,
      },
    ],
    [
      "an unquoted YAML number",
      {
        text: "openapi: 3.0\n",
        found: "openapi: 3",
        message:
          /found openapi: 3 \(a number\).*write the version as a string, such as openapi: "3\.0\.3"/,
      },
    ],
    [
      "a version without its patch number",
      {
        text: 'openapi: "3.1"\n',
        found: "openapi: 3.1",
        message: /found openapi: "3\.1".*write the whole version, such as openapi: "3\.1\.0"/,
      },
    ],
    [
      "Swagger 1.2",
      {
        text: 'swagger: "1.2"\n',
        found: "swagger: 1.2",
        message: /found swagger: "1\.2".*convert it to OpenAPI 3 first/,
      },
    ],
    [
      "a document with neither field",
      {
        text: "info: { title: x }\n",
        found: undefined,
        message:
          /^v\.yaml: not an OpenAPI document: it has neither an 'openapi' nor a 'swagger' field at the top level; api-contracts reads OpenAPI 3\.0\.x and 3\.1\.x/,
      },
    ],
  ])("%s", async (_name, { text, found, message }) => {
    const file = join(dir, "v.yaml");
    await writeFile(file, text);
    const error = await loadOpenApiFile(file, "v.yaml").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedVersionError);
    expect((error as UnsupportedVersionError).found).toBe(found);
    expect((error as UnsupportedVersionError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("undefined");
  });

  it("through the CLI: exit 2 and the message on stderr", async () => {
    const file = join(dir, "v.json");
    await writeFile(file, '{"info": {}}');
    const result = await runCli(["diff", file, file]);
    expect(result.err).toMatch(
      /^api-contracts diff: .*v\.json: not an OpenAPI document: it has neither an 'openapi' nor a 'swagger' field/,
    );
    expect(result.code).toBe(2);
  });
});
