import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  parseSourceManifest,
  serializeSourceManifest,
} from "../../src/document/source-manifest.js";
import { SpecError } from "../../src/errors.js";
import { getAtPointer, toPointer } from "../../src/runtime/json-pointer.js";

const root = join(import.meta.dirname, "../..");
const valid = {
  api: "widgets",
  output: "openapi.yaml",
  sources: [
    {
      kind: "docs-page",
      url: "https://example.com/widgets.md",
      file: "widgets.md",
      sha256: "a".repeat(64),
      infoVersion: "1",
      selection: { tags: ["w"] },
    },
  ],
  patches: [{ reason: "why", mergePatch: { x: 1 } }],
};

/** `valid` with the value at `path` replaced (or removed, for `undefined`). */
function edit(path: (string | number)[], value: unknown): string {
  const copy: unknown = structuredClone(valid);
  const parent = getAtPointer(copy, toPointer(path.slice(0, -1))) as Record<string, unknown>;
  const last = String(path[path.length - 1]);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return JSON.stringify(copy, null, 2);
}

describe("parseSourceManifest", () => {
  it.each(["gcore-billing", "softwareone-marketplace"])(
    "accepts specs/%s/source.json and round-trips it",
    (api) => {
      const file = join(root, "specs", api, "source.json");
      const text = readFileSync(file, "utf8");
      const manifest = parseSourceManifest(text, file);
      expect(manifest.api).toBe(api);
      expect(serializeSourceManifest(manifest)).toBe(text);
    },
  );

  it.each([
    ["missing api", edit(["api"], undefined), "/api must be a lower-case API id"],
    [
      "bad output",
      edit(["output"], "spec.txt"),
      "/output must be openapi.json, openapi.yaml or openapi.yml",
    ],
    ["no sources", edit(["sources"], []), "/sources must be a non-empty array"],
    [
      "unknown kind",
      edit(["sources", 0, "kind"], "page"),
      "/sources/0/kind must be 'openapi-document' or 'docs-page'",
    ],
    [
      "plain-http url",
      edit(["sources", 0, "url"], "http://x"),
      "/sources/0/url must be an https:// URL",
    ],
    [
      "file outside upstream/",
      edit(["sources", 0, "file"], "../x.md"),
      "/sources/0/file must be a relative path",
    ],
    [
      "short sha256",
      edit(["sources", 0, "sha256"], "abc"),
      "/sources/0/sha256 must be 64 lower-case hex digits",
    ],
    [
      "misspelt selection key",
      edit(["sources", 0, "selection"], { tag: ["w"] }),
      "/sources/0/selection/tag must be absent",
    ],
    [
      "selection not strings",
      edit(["sources", 0, "selection"], { tags: [1] }),
      "/sources/0/selection/tags/0 must be a non-empty string",
    ],
    [
      "patch without a reason",
      edit(["patches", 0, "reason"], ""),
      "/patches/0/reason must be a non-empty string",
    ],
    [
      "patch not an object",
      edit(["patches", 0, "mergePatch"], [1]),
      "/patches/0/mergePatch must be an object",
    ],
    ["unknown top-level key", edit(["extra"], 1), "/extra must be absent"],
    ["JSON syntax (a trailing comma)", '{\n  "api": "widgets",\n}', "m.json:3:1: invalid JSON"],
  ])("%s is a SpecError naming the file and where", (_name, text, want) => {
    expect(() => parseSourceManifest(text, "m.json")).toThrow(SpecError);
    expect(() => parseSourceManifest(text, "m.json")).toThrow(want);
  });
});
