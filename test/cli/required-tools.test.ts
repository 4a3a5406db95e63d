import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { commands } from "../../src/cli/main.js";
import {
  asMissingTool,
  CODEGEN_TOOLS,
  missingTools,
  requireTools,
  TEST_TOOLS,
} from "../../src/cli/required-tools.js";
import { ApiContractsError, MissingToolError } from "../../src/errors.js";
import { packagesReached } from "../support/import-graph.js";

// A folder with no node_modules above it: nothing resolves from there, as in a light install.
const empty = mkdtempSync(join(tmpdir(), "api-contracts-no-tools-"));
mkdirSync(join(empty, "src"));
const fromEmpty = pathToFileURL(join(empty, "src", "main.js")).href;
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe("missingTools", () => {
  it("finds every tool in the repo (they are its dev dependencies)", () => {
    expect(missingTools([...CODEGEN_TOOLS, ...TEST_TOOLS])).toEqual([]);
  });

  it("reports every tool missing where none is installed, in the order asked", () => {
    expect(missingTools(["openapi-typescript", "typescript"], fromEmpty)).toEqual([
      "openapi-typescript",
      "typescript",
    ]);
  });
});

describe("requireTools", () => {
  it("names the command, each missing package and the install command with the declared ranges", () => {
    const thrown = (() => {
      try {
        requireTools("codegen", ["openapi-typescript", "typescript"], fromEmpty);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(MissingToolError);
    expect(thrown).toBeInstanceOf(ApiContractsError);
    const error = thrown as MissingToolError;
    expect(error.exitCode).toBe(2);
    expect(error.command).toBe("codegen");
    expect(error.missing.map((m) => m.name)).toEqual(["openapi-typescript", "typescript"]);
    expect(error.message).toMatch(
      /^'codegen' needs openapi-typescript, typescript, not installed .*; run 'npm install --save-dev openapi-typescript@\^7\.\d+\.\d+ typescript@~5\.\d+\.\d+'$/,
    );
  });

  it("passes when every tool resolves", () => {
    expect(() => requireTools("codegen", CODEGEN_TOOLS)).not.toThrow();
  });
});

describe("asMissingTool: a module-not-found while loading a command", () => {
  const failure = (code: string, message: string) => Object.assign(new Error(message), { code });
  it.each<[string, { error: unknown; want: string | undefined }]>([
    [
      "ESM, a package",
      {
        error: failure("ERR_MODULE_NOT_FOUND", "Cannot find package 'acorn' imported from /x/y.js"),
        want: "acorn",
      },
    ],
    [
      "ESM, a scoped package's subpath",
      {
        error: failure(
          "ERR_MODULE_NOT_FOUND",
          "Cannot find package '@redocly/openapi-core/lib/bundle' imported from /x/y.js",
        ),
        want: "@redocly/openapi-core",
      },
    ],
    [
      "CommonJS require",
      {
        error: failure("MODULE_NOT_FOUND", "Cannot find module 'recheck'\nRequire stack:"),
        want: "recheck",
      },
    ],
    [
      "a missing file of ours is a bug, not a tool",
      {
        error: failure(
          "ERR_MODULE_NOT_FOUND",
          "Cannot find module '/x/dist/src/cli/gone.js' imported from /x",
        ),
        want: undefined,
      },
    ],
    ["another error", { error: new TypeError("x is not a function"), want: undefined }],
  ])("%s", (_name, { error, want }) => {
    expect(asMissingTool("test", error)?.missing.map((m) => m.name)).toEqual(
      want === undefined ? undefined : [want],
    );
  });
});

describe("each command declares every optional tool its modules load", () => {
  const repo = resolve(import.meta.dirname, "../..");
  const manifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
    peerDependenciesMeta: Record<string, { optional?: boolean }>;
  };
  const runtime = new Set(Object.keys(manifest.dependencies));

  it.each(Object.entries(commands))("%s", (name, { tools }) => {
    const module = `src/cli/${name}-command.ts`;
    expect(existsSync(join(repo, module)), `${module} (main.ts loads ./${name}-command.js)`).toBe(
      true,
    );
    const undeclared = packagesReached(repo, [module])
      .filter((use) => !runtime.has(use.name) && !tools.includes(use.name))
      .map((use) => `${use.name} (imported by ${use.from})`);
    expect(undeclared, `add them to '${name}'s tools in src/cli/main.ts`).toEqual([]);
    for (const tool of tools) {
      // Declared (the range the error message prints) and installed here for the repo's own use.
      expect(manifest.peerDependencies[tool], `${tool}: an optional peer dependency`).toBeTypeOf(
        "string",
      );
      expect(manifest.devDependencies[tool], `${tool}: a dev dependency`).toBeTypeOf("string");
      expect(manifest.peerDependenciesMeta[tool]?.optional, tool).toBe(true);
    }
  });

  it.each<[string, { entries: string[]; also: string[] }]>([
    ["api-contracts", { entries: ["src/index.ts"], also: [] }],
    ["api-contracts/<api>", { entries: ["generated/index.ts"], also: [] }],
    ["api-contracts/vitest", { entries: ["src/vitest/index.ts"], also: ["vitest"] }],
    [
      "api-contracts/runtime/*.js",
      {
        entries: readdirSync(join(repo, "src/runtime"), { recursive: true })
          .map(String)
          .filter((file) => file.endsWith(".ts"))
          .map((file) => join("src/runtime", file)),
        also: [],
      },
    ],
  ])("%s loads runtime dependencies only", (_name, { entries, also }) => {
    expect(entries.length).toBeGreaterThan(0);
    const extra = packagesReached(repo, entries)
      .filter((use) => !runtime.has(use.name) && !also.includes(use.name))
      .map((use) => `${use.name} (imported by ${use.from})`);
    expect(extra).toEqual([]);
  });
});
