/**
 * Smoke runs on large real documents (GitHub: 1223 operations with recursive schemas; Gcore Cloud: 3.1).
 * They are read from ../shared/bench-specs/ when that folder exists (see its SOURCES.md), as the
 * benchmarks do; a checkout without it (CI) has nothing to run here.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadOpenApiFile } from "../../src/document/load-document.js";
import { diffDocuments } from "../../src/drift/diff-documents.js";
import type { Json } from "./edit-specs.js";

const folder = fileURLToPath(new URL("../../../shared/bench-specs/", import.meta.url));

describe.runIf(existsSync(folder))("diffDocuments on bench specs", () => {
  it("Gcore Cloud against itself: no change", async () => {
    const file = `${folder}gcore-cloud_api.yaml`;
    const [before, after] = await Promise.all([loadOpenApiFile(file), loadOpenApiFile(file)]);
    expect(diffDocuments(before, after)).toEqual([]);
  });

  // The one edit is the only difference: any other change reported would be a false one.
  it("GitHub: a property removed from a shared schema is reported under each operation that returns it, and nothing else", async () => {
    const file = `${folder}github-api.github.com.json`;
    const [before, after] = (await Promise.all([
      loadOpenApiFile(file),
      loadOpenApiFile(file),
    ])) as Json[];
    const user = after.components.schemas["simple-user"];
    delete user.properties.login;
    user.required = user.required.filter((name: string) => name !== "login");
    const changes = diffDocuments(before, after);
    expect(new Set(changes.map((c) => `${c.id} ${c.level} ${c.location}`))).toEqual(
      new Set([
        "response-required-property-removed breaking /components/schemas/simple-user/properties/login",
      ]),
    );
    expect(new Set(changes.map((c) => c.operation)).size).toBeGreaterThan(200);
    expect(changes).toContainEqual(
      expect.objectContaining({
        operation: "GET /user/followers",
        message: "removed the required response property 'items/login' (200 application/json)",
      }),
    );
  });
});
