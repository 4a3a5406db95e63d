import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSemantics, semanticsFile } from "../../../src/contract/semantics/load-semantics.js";
import { readSpec } from "../../../src/document/discover-specs.js";
import { packageRoot } from "../../../src/document/package-root.js";

const document = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/things/{id}": {
      get: {
        responses: {
          "200": {
            content: {
              "application/json": {
                schema: { type: "object", properties: { total: { type: "string" } } },
              },
            },
          },
        },
      },
    },
  },
};

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "load-semantics-"));
  const configs: Record<string, unknown> = {
    "with-semantics": { dates: [{ from: "/total", to: "/total" }] },
    "without-semantics": undefined,
    typo: { dates: [{ from: "/totl", to: "/total" }] },
  };
  for (const [api, semantics] of Object.entries(configs)) {
    await mkdir(join(root, "specs", api), { recursive: true });
    const config = {
      api,
      credentials: {},
      baseUrlVariable: "X_BASE_URL",
      idsVariable: "X_IDS",
      semantics,
    };
    await writeFile(join(root, "specs", api, "contract.json"), JSON.stringify(config));
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("loadSemantics", () => {
  it.each([
    [
      "declared semantics, with the API id",
      {
        api: "with-semantics",
        want: { api: "with-semantics", dates: [{ from: "/total", to: "/total" }] },
      },
    ],
    ["a config without semantics: checks off", { api: "without-semantics", want: undefined }],
    ["no config file at all: checks off", { api: "no-config", want: undefined }],
  ])("%s", (_, { api, want }) => {
    expect(loadSemantics(api, document, root)).toEqual(want);
  });

  it("refuses a declaration naming a field the document lacks (exit 2)", () => {
    expect(() => loadSemantics("typo", document, root)).toThrow(
      "specs/typo/contract.json: /semantics/dates/0/from: field '/totl' is not in the document (did you mean /total?)",
    );
  });

  it("names the config file for watch mode, when there is one", () => {
    expect(semanticsFile("with-semantics", root)).toBe(
      join(root, "specs/with-semantics/contract.json"),
    );
    expect(semanticsFile("no-config", root)).toBeUndefined();
  });

  it.each([
    ["gcore-billing", { want: { pagination: "/id", filters: 9 } }],
    ["softwareone-marketplace", { want: { pagination: undefined, filters: undefined } }],
  ])("loads the shipped %s semantics against its vendored document", async (api, { want }) => {
    const spec = join(
      packageRoot(),
      "specs",
      api,
      api === "gcore-billing" ? "openapi.yaml" : "openapi.json",
    );
    const semantics = loadSemantics(api, await readSpec(spec, spec));
    expect(semantics?.api).toBe(api);
    expect(semantics?.pagination?.itemKey).toBe(want.pagination);
    expect(semantics?.filters?.length).toBe(want.filters);
    expect(semantics?.money?.length).toBeGreaterThan(0);
  });
});
