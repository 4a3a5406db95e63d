import { describe, expect, it } from "vitest";
import { SpecError } from "../../src/errors.js";
import { parseDocumentText, parseOpenApiText } from "../../src/spec/load-document.js";

describe("parseDocumentText", () => {
  it.each([
    ["JSON missing value", { file: "a.json", text: '{\n"a": 1,\n"b": }', want: "a.json:3:6" }],
    ["JSON missing comma", { file: "a.json", text: '{\n"a": 1\n"b": 2}', want: "a.json:3:1" }],
    ["JSON trailing comma", { file: "a.json", text: '{"a": [1,2,]}', want: "a.json:1:12" }],
    ["YAML bad indentation", { file: "a.yaml", text: "a:\n  b: 1\n c: 2\n", want: "a.yaml:3:" }],
    ["YAML unclosed flow", { file: "a.yml", text: "a: {b: 1\n", want: "a.yml:2:" }],
  ])("%s names the file and line", (_name, { file, text, want }) => {
    let caught: unknown;
    try {
      parseDocumentText(text, file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SpecError);
    expect((caught as SpecError).message).toContain(want);
    expect((caught as SpecError).message).toContain("fix the syntax");
  });

  it("shifts lines by the offset of a block cut out of a larger file", () => {
    expect(() => parseDocumentText("a:\n  b: 1\n c: 2\n", "page.txt", 10)).toThrow(/page\.txt:13:/);
  });

  it("keeps YAML timestamps as strings, as OpenAPI expects", () => {
    expect(parseDocumentText("v: 2026-05-15T06:37:28Z\n", "a.yaml")).toEqual({
      v: "2026-05-15T06:37:28Z",
    });
  });
});

describe("parseOpenApiText", () => {
  it.each([
    ["a list at the top", { text: "[]", want: /not an OpenAPI document/ }],
    ["a Swagger 2 document", { text: '{"swagger": "2.0"}', want: /expected 'openapi: 3\.0\.x'/ }],
    ["OpenAPI 4", { text: '{"openapi": "4.0.0"}', want: /found "4\.0\.0"/ }],
  ])("rejects %s", (_name, { text, want }) => {
    expect(() => parseOpenApiText(text, "x.json")).toThrow(want);
  });

  it("accepts 3.0 and 3.1 documents", () => {
    expect(parseOpenApiText('{"openapi": "3.0.1"}', "x.json").openapi).toBe("3.0.1");
    expect(parseOpenApiText("openapi: 3.1.0\n", "x.yaml").openapi).toBe("3.1.0");
  });
});
