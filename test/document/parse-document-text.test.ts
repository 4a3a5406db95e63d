import { describe, expect, it } from "vitest";
import { parseDocumentText } from "../../src/document/parse-document-text.js";
import { SpecError } from "../../src/errors.js";

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
