/**
 * The ESM copies of ajv-formats' expressions (src/runtime/library-formats.ts) are ajv-formats'
 * own: compared with the installed package, expression by expression and on sample strings.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fullFormats } from "ajv-formats/dist/formats.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COMMON_URI,
  isRegex,
  isUri,
  libraryPatterns,
  NOT_URI_FRAGMENT,
  URI,
  Z_ANCHOR,
} from "../../src/runtime/library-formats.js";

const source = readFileSync(
  createRequire(import.meta.url).resolve("ajv-formats/dist/formats.js"),
  "utf8",
);

/** The regular expression literal of a module-level `const` in ajv-formats' source. */
function constant(name: string): string | undefined {
  return new RegExp(`^const ${name} = (/.*/[a-z]*);$`, "m").exec(source)?.[1];
}

describe("library formats", () => {
  it.each(Object.keys(libraryPatterns).map((name) => [name]))(
    "%s is ajv-formats' expression",
    (name) => {
      expect(String(libraryPatterns[name])).toBe(
        String(fullFormats[name as keyof typeof fullFormats]),
      );
    },
  );

  it.each([
    ["NOT_URI_FRAGMENT", NOT_URI_FRAGMENT],
    ["URI", URI],
    ["Z_ANCHOR", Z_ANCHOR],
  ])("%s is ajv-formats' expression", (name, pattern) => {
    expect(String(pattern)).toBe(constant(name));
  });

  it.each([
    ["uri", isUri, fullFormats.uri],
    ["regex", isRegex, fullFormats.regex],
  ])("%s answers as ajv-formats does", (_name, ours, theirs) => {
    const samples = [
      "https://api.github.com/repos/octo/hello?page=2#top",
      "urn:isbn:0451450523",
      "mailto:someone@example.com",
      "/relative/path",
      "no scheme",
      "http://[::1]:8080/",
      "http://exa mple.com",
      "",
      "^a+$",
      "(unclosed",
      "abc\\Z",
      "[z-a]",
    ];
    const check = theirs as (s: string) => boolean;
    expect(samples.map(ours)).toEqual(samples.map((s) => check(s)));
  });

  it("the uri fast path accepts only URIs ajv-formats accepts", () => {
    const common = fc.stringMatching(new RegExp(COMMON_URI.source));
    const noisy = fc.string({ unit: fc.constantFrom(..."ab9:/?#@%[]. -_~!$&'()*+,;=Z".split("")) });
    fc.assert(
      fc.property(fc.oneof(common, noisy), (s) => !COMMON_URI.test(s) || URI.test(s)),
      { numRuns: 3000, seed: 3986 },
    );
    expect(COMMON_URI.test("https://api.github.com/users/octocat/repos?page=2#top")).toBe(true);
  });
});
