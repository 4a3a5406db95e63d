import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ParallelEmitters, startParallelEmitters } from "../../src/codegen/emitters.js";
import {
  type SyncRepositoryOptions,
  type SyncSpecFileOptions,
  syncRepository as syncRepositoryAlone,
  syncSpecFile as syncSpecFileAlone,
} from "../../src/codegen/sync-output.js";
import { readTree } from "../../src/codegen/write-tree.js";
import { SpecError, StrictWarningsError, UnknownApiError, UsageError } from "../../src/errors.js";

const fixtures = join(import.meta.dirname, "../fixtures/codegen");
let root: string;

// One types worker for the whole file, as one CLI run has: starting a thread that loads tsx,
// typescript and openapi-typescript for each of the ~20 codegen runs below took most of this
// file's time. The first test also runs the default path, which starts its own worker.
let parallel: ParallelEmitters;
beforeAll(() => {
  parallel = startParallelEmitters();
});
afterAll(async () => {
  await parallel.close();
});
const syncRepository = (at: string, options: SyncRepositoryOptions = {}) =>
  syncRepositoryAlone(at, { emitters: parallel.emitters, ...options });
const syncSpecFile = (options: SyncSpecFileOptions) =>
  syncSpecFileAlone({ emitters: parallel.emitters, ...options });

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "codegen-sync-"));
  await cp(join(fixtures, "repo"), root, { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function editFile(path: string, from: string, to: string): Promise<void> {
  const text = await readFile(path, "utf8");
  expect(text).toContain(from);
  await writeFile(path, text.replace(from, to));
}

describe("syncRepository", () => {
  it("writes every API and the registry, identical bytes on a second run", async () => {
    await syncRepositoryAlone(root);
    const first = await readTree(join(root, "generated"));
    expect(Object.keys(first)).toEqual([
      "alpha-shop/client.ts",
      "alpha-shop/index.ts",
      "alpha-shop/operations.ts",
      "alpha-shop/types.ts",
      "alpha-shop/validation.ts",
      "alpha-shop/validators.ts",
      "beta-books/client.ts",
      "beta-books/index.ts",
      "beta-books/operations.ts",
      "beta-books/types.ts",
      "beta-books/validation.ts",
      "beta-books/validators.ts",
      "index.ts",
    ]);
    await syncRepository(root);
    expect(await readTree(join(root, "generated"))).toEqual(first);
    expect(first["index.ts"]).toContain(
      `export const apiIds = ["alpha-shop", "beta-books"] as const;`,
    );
    expect(first["index.ts"]).toContain(
      `  "beta-books": () => import("./beta-books/validation.js"),`,
    );
  });

  it.each([
    [
      "an edited enum value makes types.ts and validators.ts stale",
      {
        change: () =>
          editFile(
            join(root, "specs/alpha-shop/openapi.yaml"),
            "enum: [open, closed, cancelled]",
            "enum: [open, closed, void]",
          ),
        want: {
          stale: ["alpha-shop/types.ts", "alpha-shop/validators.ts"],
          missing: [],
          extra: [],
        },
      },
    ],
    [
      "an edited query enum reaches the operation index too",
      {
        change: () =>
          editFile(
            join(root, "specs/alpha-shop/openapi.yaml"),
            "enum: [created, -created]",
            "enum: [created, -created, id]",
          ),
        want: {
          stale: ["alpha-shop/operations.ts", "alpha-shop/types.ts"],
          missing: [],
          extra: [],
        },
      },
    ],
    [
      "a deleted file is missing, a stray one extra",
      {
        change: async () => {
          await rm(join(root, "generated/beta-books/client.ts"));
          await writeFile(join(root, "generated/beta-books/notes.ts"), "// mine\n");
          await mkdir(join(root, "generated/gone-api"));
          await writeFile(join(root, "generated/gone-api/index.ts"), "// old\n");
        },
        want: {
          stale: [],
          missing: ["beta-books/client.ts"],
          extra: ["beta-books/notes.ts", "gone-api/index.ts"],
        },
      },
    ],
    ["nothing changed", { change: async () => {}, want: { stale: [], missing: [], extra: [] } }],
  ])("check: %s", async (_name, { change, want }) => {
    await syncRepository(root);
    await change();
    const before = await readTree(join(root, "generated"));
    const result = await syncRepository(root, { check: true });
    expect(result.diff).toEqual(want);
    expect(await readTree(join(root, "generated"))).toEqual(before);
  });

  it("a partial run (--api) regenerates one API and keeps the others", async () => {
    await syncRepository(root);
    await writeFile(join(root, "generated/beta-books/types.ts"), "// stale\n");
    await editFile(
      join(root, "specs/alpha-shop/openapi.yaml"),
      "enum: [open, closed, cancelled]",
      "enum: [open, shut]",
    );
    await syncRepository(root, { apis: ["alpha-shop"] });
    const tree = await readTree(join(root, "generated"));
    expect(tree["alpha-shop/types.ts"]).toContain(`state: "open" | "shut";`);
    expect(tree["beta-books/types.ts"]).toBe("// stale\n");
    expect((await syncRepository(root, { apis: ["alpha-shop"], check: true })).diff).toEqual({
      stale: [],
      missing: [],
      extra: [],
    });
    expect((await syncRepository(root, { check: true })).diff?.stale).toEqual([
      "beta-books/types.ts",
    ]);
  });

  it.each([
    [
      "malformed spec: file and line",
      {
        change: () =>
          cp(join(fixtures, "malformed.yaml"), join(root, "specs/beta-books/openapi.yaml")).then(
            () => rm(join(root, "specs/beta-books/openapi.json")),
          ),
        error: SpecError,
        message: /^specs\/beta-books\/openapi\.yaml:9:19: invalid YAML: bad indentation/,
      },
    ],
    [
      "with --strict, an unresolvable $ref (a tolerated defect): the ref and where it is used",
      {
        change: () =>
          cp(join(fixtures, "bad-ref.yaml"), join(root, "specs/beta-books/openapi.yaml")).then(() =>
            rm(join(root, "specs/beta-books/openapi.json")),
          ),
        error: StrictWarningsError,
        message:
          /beta-books \/paths\/~1things\/get\/responses\/200\/content\/application~1json\/schema\/\$ref: unresolvable-ref: \$ref '#\/components\/schemas\/Missing'/,
      },
    ],
    [
      "two documents in one folder",
      {
        change: () => writeFile(join(root, "specs/beta-books/openapi.yaml"), "openapi: 3.0.3\n"),
        error: SpecError,
        message: /specs\/beta-books: holds openapi\.yaml and openapi\.json; keep exactly one/,
      },
    ],
  ])("%s; generated/ stays as it was", async (_name, { change, error, message }) => {
    await syncRepository(root);
    const before = await readTree(join(root, "generated"));
    await change();
    const failure = syncRepository(root, { strict: true });
    await expect(failure).rejects.toBeInstanceOf(error);
    await expect(syncRepository(root, { strict: true })).rejects.toThrow(message);
    expect(await readTree(join(root, "generated"))).toEqual(before);
  });

  it("an unknown --api lists the known ones", async () => {
    await expect(syncRepository(root, { apis: ["alpha-shp"] })).rejects.toThrow(
      new UnknownApiError("alpha-shp", ["alpha-shop", "beta-books"]),
    );
  });
});

describe("syncSpecFile (ad-hoc --spec/--out)", () => {
  it("generates a never-seen spec into a new folder, with the package runtime import outside this repo", async () => {
    const out = join(root, "out/pets");
    const result = await syncSpecFile({ spec: join(fixtures, "unseen-petstore.yaml"), out });
    const tree = await readTree(out);
    expect(Object.keys(tree)).toEqual([
      "client.ts",
      "index.ts",
      "operations.ts",
      "types.ts",
      "validation.ts",
      "validators.ts",
    ]);
    expect(tree["validation.ts"]).toContain(
      `import type { ResponseIndex } from "api-contracts/runtime/operation-index.js";`,
    );
    expect(tree["client.ts"]).toContain(
      `from "api-contracts/runtime/client/create-api-client.js";`,
    );
    expect(tree["client.ts"]).toContain("export function createUnseenPetStoreClient(");
    expect(tree["types.ts"]).toContain("tag?: string | null;");
    expect(tree["operations.ts"]).toContain(`"createPet": {`);
    expect(result.files).toEqual(tree);
    expect(
      (await syncSpecFile({ spec: join(fixtures, "unseen-petstore.yaml"), out, check: true })).diff,
    ).toEqual({
      stale: [],
      missing: [],
      extra: [],
    });
  });

  it.each([
    ["--api names the id", { api: "pets", want: "createPetsClient" }],
    [
      "--runtime-import overrides",
      {
        runtimeImport: "@acme/contracts/runtime",
        want: `from "@acme/contracts/runtime/client/create-api-client.js"`,
      },
    ],
  ])("%s", async (_name, { want, ...options }) => {
    const out = join(root, "out");
    await syncSpecFile({ spec: join(fixtures, "unseen-petstore.yaml"), out, ...options });
    expect(await readFile(join(out, "client.ts"), "utf8")).toContain(want);
  });

  it("refuses to replace a folder holding files it did not write", async () => {
    const out = join(root, "mine");
    await mkdir(out);
    await writeFile(join(out, "keep.txt"), "precious\n");
    await expect(
      syncSpecFile({ spec: join(fixtures, "unseen-petstore.yaml"), out }),
    ).rejects.toThrow(UsageError);
    expect(await readFile(join(out, "keep.txt"), "utf8")).toBe("precious\n");
  });

  it("rejects an --api that is not an id", async () => {
    await expect(
      syncSpecFile({
        spec: join(fixtures, "unseen-petstore.yaml"),
        out: join(root, "o"),
        api: "Bad Id",
      }),
    ).rejects.toThrow("--api 'Bad Id' is not a valid API id");
  });
});
