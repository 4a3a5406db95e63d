import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractFencedSpec, findFencedBlocks } from "../../src/document/extract-fenced-spec.js";
import { SpecError } from "../../src/errors.js";

const fixture = (name: string) => join(import.meta.dirname, "../fixtures/spec", name);
const read = (name: string) => readFileSync(fixture(name), "utf8");

describe("findFencedBlocks", () => {
  it.each([
    [
      "three backticks with a language",
      { given: "a\n```json\n{}\n```\n", want: [{ language: "json", fenceLine: 2, content: "{}" }] },
    ],
    [
      "four backticks with words after the language, holding a three-backtick line",
      {
        given: "````yaml file.yaml get /x\na: 1\n```\nb: 2\n````\n",
        want: [{ language: "yaml", fenceLine: 1, content: "a: 1\n```\nb: 2" }],
      },
    ],
    [
      "tildes, and an unclosed fence runs to the end",
      {
        given: "~~~yml\nx: 1\n~~~\n```\nopen",
        want: [
          { language: "yml", fenceLine: 1, content: "x: 1" },
          { language: "", fenceLine: 4, content: "open" },
        ],
      },
    ],
  ])("%s", (_name, { given, want }) => {
    expect(
      findFencedBlocks(given).map(({ language, fenceLine, content }) => ({
        language,
        fenceLine,
        content,
      })),
    ).toEqual(want);
  });
});

describe("extractFencedSpec", () => {
  it.each([
    [
      "Gcore style: ````yaml fence with extra words",
      "four-backtick-yaml.md",
      "3.1.0",
      "/widgets/{id}",
    ],
    [
      "SoftwareOne style: ```json fence, then an unrelated fence",
      "three-backtick-json.md",
      "3.0.1",
      "/widgets/{id}",
    ],
  ])("%s", (_name, file, openapi, path) => {
    const doc = extractFencedSpec(read(file), file);
    expect(doc.openapi).toBe(openapi);
    expect(Object.keys(doc.paths as object)).toEqual([path]);
  });

  it.each([
    [
      "a page without a spec block",
      {
        file: "no-spec-block.md",
        want: /no-spec-block\.md: no OpenAPI spec block found; expected a fenced code block/,
        line: undefined,
      },
    ],
    // The page's line 12 holds `get: [unclosed`; js-yaml stops at the next line.
    [
      "malformed YAML in a fence",
      { file: "malformed-yaml.md", want: /malformed-yaml\.md:13:\d+: invalid YAML/, line: 13 },
    ],
    [
      "malformed JSON in a fence",
      { file: "malformed-json.md", want: /malformed-json\.md:6:\d+: invalid JSON/, line: 6 },
    ],
  ])("%s is a SpecError naming the page (and line)", (_name, { file, want, line }) => {
    let caught: unknown;
    try {
      extractFencedSpec(read(file), file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SpecError);
    expect((caught as SpecError).message).toMatch(want);
    expect((caught as SpecError).file).toBe(file);
    expect((caught as SpecError).line).toBe(line);
  });

  it("finds a JSON spec whose openapi key is not the first", () => {
    const page =
      '```json\n{"info": {"title": "t", "version": "1"}, "openapi": "3.0.3", "paths": {}}\n```\n';
    expect(extractFencedSpec(page, "late-key.md").openapi).toBe("3.0.3");
  });

  it("rejects a page with two spec blocks rather than guessing", () => {
    const block = "```yaml\nopenapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n```\n";
    expect(() => extractFencedSpec(block + block, "twice.md")).toThrow(
      /twice\.md: 2 OpenAPI spec blocks found \(lines 1, 6\)/,
    );
  });
});
