import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildVendoredDocument, sha256Hex } from "../../src/document/build-vendored-document.js";
import {
  collectReachableComponents,
  findRefs,
  findSecurityUses,
  HTTP_METHODS,
} from "../../src/document/collect-refs.js";
import { type OpenApiDocument, parseOpenApiText } from "../../src/document/load-document.js";
import { parseSourceManifest, type SourceManifest } from "../../src/document/source-manifest.js";
import { getAtPointer, parsePointer, toPointer } from "../../src/runtime/json-pointer.js";

const repo = join(import.meta.dirname, "../..");
const seeds = join(import.meta.dirname, "../fixtures/seeds");
const SEED_PAGES = ["000_f622a680a97f4f98.txt", "001_4ffbc7fa749f80ca.txt"];

const vendoredManifest = parseSourceManifest(
  readFileSync(join(repo, "specs/gcore-billing/source.json"), "utf8"),
  "specs/gcore-billing/source.json",
);
const vendored = parseOpenApiText(
  readFileSync(join(repo, "specs/gcore-billing/openapi.yaml"), "utf8"),
  "specs/gcore-billing/openapi.yaml",
);

// The seed pages run through the same pipeline (extract, merge) and — so that both sides are
// compared like for like — the same patches as the vendored document (today: the APIKey scheme's
// x-api-contracts-prefix). info.version is not compared: the pages were captured a day apart
// (the merge keeps the newest), and it says nothing about the operations.
const seedManifest: SourceManifest = {
  api: "gcore-billing",
  output: "openapi.yaml",
  sources: SEED_PAGES.map((file) => ({
    kind: "docs-page",
    url: "https://gcore.com/docs/llms.txt",
    file,
    sha256: sha256Hex(readFileSync(join(seeds, file))),
    infoVersion: "",
  })),
  patches: vendoredManifest.patches ?? [],
};
const fromSeeds = buildVendoredDocument(seedManifest, (file) =>
  readFileSync(join(seeds, file)),
).document;

/** Every operation of a document as `[method, path, pointer]`. */
function operationsOf(doc: OpenApiDocument): [string, string, string][] {
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
    ([path, item]) =>
      HTTP_METHODS.filter((m) => m in item).map((m): [string, string, string] => [
        m,
        path,
        toPointer(["paths", path, m]),
      ]),
  );
}

/** Components reached from one operation and from the global security, in `doc`. */
function reachedBy(doc: OpenApiDocument, pointer: string): string[] {
  const operation = getAtPointer(doc, pointer);
  const security = findSecurityUses({ ...doc, paths: {} });
  const roots = [...findRefs(operation, parsePointer(pointer)), ...security];
  return [...collectReachableComponents(doc, roots, "test")].sort();
}

describe("the Gcore seed pages say what the vendored gcore-billing document says", () => {
  it("covers two of the vendored document's three operations", () => {
    expect(
      operationsOf(fromSeeds)
        .map(([m, p]) => `${m} ${p}`)
        .sort(),
    ).toEqual(["get /billing/org/v1/erp-invoices", "get /billing/org/v1/erp-invoices/{id}"]);
    expect(operationsOf(vendored)).toHaveLength(3);
  });

  it.each(operationsOf(fromSeeds))(
    "%s %s: same operation, same components reached",
    (_m, _p, pointer) => {
      expect(getAtPointer(vendored, pointer)).toEqual(getAtPointer(fromSeeds, pointer));
      const reached = reachedBy(fromSeeds, pointer);
      expect(reached.length).toBeGreaterThan(0);
      expect(reachedBy(vendored, pointer)).toEqual(reached);
      for (const component of reached) {
        expect(getAtPointer(vendored, component), component).toEqual(
          getAtPointer(fromSeeds, component),
        );
      }
    },
  );

  it.each(["/servers", "/security", "/openapi"])("same %s", (pointer) => {
    expect(getAtPointer(vendored, pointer)).toEqual(getAtPointer(fromSeeds, pointer));
  });
});
