import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { serializeDocument, VENDORED_YAML_HEADER } from "../../src/document/serialize-document.js";

const doc = {
  openapi: "3.1.0",
  info: { title: "T", version: "2026-05-15T06:37:28.230198+00:00" },
  paths: {
    "/z": { get: { description: `${"a long line ".repeat(20)}end`, responses: {} } },
    "/a": { get: { description: "two\nlines", responses: { "200": { description: "ok" } } } },
  },
  components: { schemas: { S: { enum: ["yes", "no", "1.0", "null", "-x"] } } },
};

describe("serializeDocument", () => {
  it("JSON: 2-space indent, trailing newline, key order kept", () => {
    const text = serializeDocument(doc, "openapi.json");
    expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(text.indexOf('"/z"')).toBeLessThan(text.indexOf('"/a"'));
  });

  it("YAML: header, no folding, key order kept, deterministic", () => {
    const text = serializeDocument(doc, "openapi.yaml");
    expect(text.startsWith(VENDORED_YAML_HEADER)).toBe(true);
    expect(text).toContain(`description: ${"a long line ".repeat(20)}end\n`);
    expect(text.indexOf("/z:")).toBeLessThan(text.indexOf("/a:"));
    expect(serializeDocument(structuredClone(doc), "openapi.yaml")).toBe(text);
  });

  it.each([
    ["the JSON schema (as load-document reads it)", jsYaml.JSON_SCHEMA],
    ["the default schema (dates and YAML 1.1 words stay strings)", jsYaml.DEFAULT_SCHEMA],
  ])("YAML reads back equal under %s", (_name, schema) => {
    expect(jsYaml.load(serializeDocument(doc, "openapi.yaml"), { schema })).toEqual(doc);
  });
});
