import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { run as diff } from "../../src/cli/diff-command.js";
import { bundleExternalRefs, DEFAULT_BUNDLE_LIMITS } from "../../src/document/bundle-document.js";
import { ExternalRefError, type ExternalRefProblem } from "../../src/document/document-errors.js";
import { documentUrl, scanRefs } from "../../src/document/find-external-refs.js";
import {
  loadOpenApiFile,
  type OpenApiDocument,
  parseDocumentText,
  prepareOpenApiDocument,
} from "../../src/document/load-document.js";
import { buildApi, checkApi, writeVendored } from "../../src/document/vendor-api.js";
import { detectDrift } from "../../src/drift/detect-drift.js";
import { getAtPointer } from "../../src/runtime/json-pointer.js";
import { validateResponseWith } from "../../src/runtime/validate/validate-with-module.js";
import { generateInto } from "../scale/generate-into.js";
import { runCliIn } from "../support/run-cli.js";

const _repo = join(import.meta.dirname, "../..");
const fixtures = join(import.meta.dirname, "../fixtures/spec");
/** Load a fixture, named in messages by its path under test/fixtures/spec/. */
const load = (name: string) => loadOpenApiFile(join(fixtures, name), name);

/** Every `$ref` string in a document, in order. */
function refsIn(document: unknown): string[] {
  return [...JSON.stringify(document).matchAll(/"\$ref":"([^"]*)"/g)].map((m) => m[1] as string);
}

describe("loadOpenApiFile: references to other files are bundled into one document", () => {
  it.each<[string, { file: string; want: Record<string, unknown> }]>([
    [
      "schemas, a parameter and a path item from YAML and JSON files, refs inside them, a cycle across files",
      {
        file: "multi-file/bundle/openapi.yaml",
        want: {
          "/paths/~1invoices~1{id}/get/parameters/0/$ref": "#/components/parameters/Id",
          "/paths/~1invoices~1{id}/get/responses/200/content/application~1json/schema/$ref":
            "#/components/schemas/Invoice",
          // Internal references stay as they are.
          "/paths/~1invoices~1{id}/get/responses/404/$ref": "#/components/responses/NotFound",
          // A whole-file path item is inlined (there is no components/pathItems in 3.0).
          "/paths/~1pets/get/operationId": "listPets",
          "/paths/~1pets/get/responses/200/content/application~1json/schema/items/$ref":
            "#/components/schemas/pet",
          // Refs inside referenced files: to a third file, within the same file, and back (a cycle).
          "/components/schemas/Invoice/properties/total/$ref": "#/components/schemas/Money",
          "/components/schemas/Invoice/properties/lines/items/$ref": "#/components/schemas/Line",
          "/components/schemas/Invoice/properties/owner/$ref": "#/components/schemas/pet",
          "/components/schemas/pet/properties/invoices/items/$ref": "#/components/schemas/Invoice",
          "/components/schemas/Money/pattern": "^\\d+\\.\\d{2}$",
          "/components/parameters/Id/in": "path",
          // $ref-shaped data is data: never resolved, never an error.
          "/paths/~1invoices~1{id}/get/responses/200/content/application~1json/example": {
            $ref: "./not-a-file.yaml",
          },
          "/components/schemas/Problem/properties/enum/enum/0": { $ref: "./not-a-file.yaml" },
        },
      },
    ],
    [
      "schemas that refer to each other across two files (3.1)",
      {
        file: "multi-file/cycle/openapi.yaml",
        want: {
          "/paths/~1nodes/get/responses/200/content/application~1json/schema/$ref":
            "#/components/schemas/Node",
          "/components/schemas/Node/properties/children/items/$ref": "#/components/schemas/Node",
        },
      },
    ],
    [
      "a referenced schema named like one of the root's own gets another name; the root's stays",
      {
        file: "multi-file/name-clash/openapi.yaml",
        want: {
          "/paths/~1invoices/get/responses/200/content/application~1json/schema/properties": {
            local: { $ref: "#/components/schemas/Invoice" },
            external: { $ref: "#/components/schemas/invoice_Invoice" },
          },
          "/components/schemas": {
            Invoice: { type: "string" },
            invoice_Invoice: { type: "object" },
          },
        },
      },
    ],
  ])("%s", async (_name, { file, want }) => {
    const document = await load(file);
    for (const [pointer, value] of Object.entries(want)) {
      expect([pointer, getAtPointer(document, pointer)]).toEqual([pointer, value]);
    }
    // Nothing left pointing outside: every reference is internal, except the data ones.
    expect(refsIn(document).filter((ref) => !ref.startsWith("#"))).toEqual(
      file.includes("bundle") ? ["./not-a-file.yaml", "./not-a-file.yaml"] : [],
    );
    expect(scanRefs(document, documentUrl(join(fixtures, file)), file).external).toEqual([]);
  });

  it("is deterministic: the same files give the same document, key for key", async () => {
    const first = JSON.stringify(await load("multi-file/bundle/openapi.yaml"));
    const second = JSON.stringify(await load("multi-file/bundle/openapi.yaml"));
    expect(second).toBe(first);
    expect(Object.keys(JSON.parse(first).components.schemas)).toEqual([
      "Problem",
      "Money",
      "Line",
      "Invoice",
      "pet",
    ]);
  });

  it("returns a single-file document exactly as parsed", async () => {
    const file = join(fixtures, "shop.yaml");
    const parsed = parseDocumentText(await readFile(file, "utf8"), file);
    expect(await loadOpenApiFile(file)).toEqual(parsed);
  });
});

describe("loadOpenApiFile: a reference that cannot be bundled is exit 2, naming where it is made", () => {
  it.each<
    [
      string,
      {
        file: string;
        want: { problem: ExternalRefProblem; file: string; pointer: string; message: RegExp };
      },
    ]
  >([
    [
      "a missing file, referred to from a referenced file",
      {
        file: "multi-file/broken-refs/missing-file.yaml",
        want: {
          problem: "unreadable",
          file: "multi-file/broken-refs/schemas.yaml",
          pointer: "/Invoice/properties/total/$ref",
          message:
            /^multi-file\/broken-refs\/schemas\.yaml: \/Invoice\/properties\/total\/\$ref: \$ref '\.\/money\.yaml#\/Money' names multi-file\/broken-refs\/money\.yaml, which cannot be read \(ENOENT\); add the file or correct the path$/,
        },
      },
    ],
    [
      "a pointer to nothing in an existing file",
      {
        file: "multi-file/broken-refs/wrong-pointer.yaml",
        want: {
          problem: "no-target",
          file: "multi-file/broken-refs/wrong-pointer.yaml",
          pointer: "/paths/~1invoices/get/responses/200/content/application~1json/schema/$ref",
          message:
            /points at nothing: multi-file\/broken-refs\/schemas\.yaml has no '\/Invoices'; correct the pointer$/,
        },
      },
    ],
    [
      "a remote reference, never fetched",
      {
        file: "multi-file/remote/openapi.yaml",
        want: {
          problem: "remote",
          file: "multi-file/remote/openapi.yaml",
          pointer: "/paths/~1invoices/get/responses/200/content/application~1json/schema/$ref",
          message:
            /\$ref 'https:\/\/schemas\.example\.com\/billing\.yaml#\/Invoice' is a remote reference, and api-contracts never fetches over the network: download https:\/\/schemas\.example\.com\/billing\.yaml, vendor it beside the document, and refer to it by a relative path \(\.\/billing\.yaml#\/Invoice\)$/,
        },
      },
    ],
    [
      "an anchor across files",
      {
        file: "multi-file/broken-refs/anchor.yaml",
        want: {
          problem: "no-target",
          file: "multi-file/broken-refs/anchor.yaml",
          pointer: "/paths/~1invoices/get/responses/200/content/application~1json/schema/$ref",
          message:
            /\$ref '\.\/schemas\.yaml#Invoice' names an anchor \('#Invoice'\) across files; refer to it by a JSON Pointer/,
        },
      },
    ],
  ])("%s", async (_name, { file, want }) => {
    const error = await load(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExternalRefError);
    const { problem, file: referrer, pointer, message, exitCode } = error as ExternalRefError;
    expect({ problem, file: referrer, pointer, exitCode }).toEqual({
      problem: want.problem,
      file: want.file,
      pointer: want.pointer,
      exitCode: 2,
    });
    expect(message).toMatch(want.message);
  });

  it("a cycle of whole-file references ends with an error, not a hang", async () => {
    await expect(load("multi-file/cycle/whole-file-loop.yaml")).rejects.toThrow(
      /^multi-file\/cycle\/whole-file-loop\.yaml: cannot bundle the files it references: Self-referencing circular pointer; break the cycle/,
    );
  });

  it("a YAML alias that contains itself in a referenced file ends with an error naming it", async () => {
    await expect(load("multi-file/broken-refs/alias-cycle.yaml")).rejects.toThrow(
      /^multi-file\/broken-refs\/alias\.yaml: \/Node\/properties\/self: .*a YAML alias that contains itself/,
    );
  });

  it("refuses relative references of a document read from a URL, without fetching them", async () => {
    const document = {
      openapi: "3.0.3",
      components: { schemas: { A: { $ref: "./schemas.yaml#/A" } } },
    };
    // Port 9 (discard) on loopback: were it fetched, the error would be a connection failure.
    const source = { file: "http://127.0.0.1:9/api/openapi.yaml" };
    const error = await prepareOpenApiDocument(document, source).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExternalRefError);
    expect((error as ExternalRefError).problem).toBe("remote");
    expect((error as ExternalRefError).message).toContain(
      "download http://127.0.0.1:9/api/schemas.yaml, vendor it beside the document",
    );
  });

  it.each<[string, { limits: Partial<typeof DEFAULT_BUNDLE_LIMITS>; message: RegExp }]>([
    ["the file count", { limits: { maxFiles: 2 }, message: /beyond the 2-file limit/ }],
    [
      "the size of one file",
      { limits: { maxFileBytes: 64 }, message: /over the limit of 64 bytes/ },
    ],
    ["the size of all files", { limits: { maxTotalBytes: 300 }, message: /and 300 in all/ }],
  ])("stops at %s", async (_name, { limits, message }) => {
    const file = join(fixtures, "multi-file/bundle/openapi.yaml");
    const document = parseDocumentText(await readFile(file, "utf8"), file) as OpenApiDocument;
    const { external } = scanRefs(document, documentUrl(file), file);
    const error = await bundleExternalRefs(document, { file, label: "openapi.yaml" }, external, {
      ...DEFAULT_BUNDLE_LIMITS,
      ...limits,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExternalRefError);
    expect((error as ExternalRefError).problem).toBe("limit");
    expect((error as ExternalRefError).message).toMatch(message);
  });
});

describe("every command sees the bundled document", () => {
  /** A repository root whose specs/multi-shop/upstream/ holds the multi-file fixture, vendored. */
  let root: string;
  let vendored: Awaited<ReturnType<typeof writeVendored>>;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "bundle-document-"));
    const dir = join(root, "specs/multi-shop");
    await cp(join(fixtures, "multi-file/bundle"), join(dir, "upstream"), { recursive: true });
    await writeFile(
      join(dir, "source.json"),
      JSON.stringify({
        api: "multi-shop",
        output: "openapi.yaml",
        sources: [
          {
            kind: "openapi-document",
            url: "https://example.com/openapi.yaml",
            file: "openapi.yaml",
            sha256: "0".repeat(64),
            infoVersion: "1",
          },
        ],
      }),
    );
    vendored = await writeVendored(root, await buildApi(root, "multi-shop"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("diff reports a breaking change made only in a referenced file", async () => {
    let out = "";
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    let code: number;
    try {
      code = await diff([
        join(fixtures, "multi-file/diff/old/openapi.yaml"),
        join(fixtures, "multi-file/diff/new/openapi.yaml"),
      ]);
    } finally {
      write.mockRestore();
    }
    // The two root files are byte-for-byte the same: only invoice.yaml changed.
    expect(await readFile(join(fixtures, "multi-file/diff/new/openapi.yaml"), "utf8")).toBe(
      await readFile(join(fixtures, "multi-file/diff/old/openapi.yaml"), "utf8"),
    );
    expect(out).toContain(
      "breaking response-property-type-changed  GET /invoices: response property 'total' (200 application/json) type/format changed from string to number",
    );
    expect(code).toBe(1);
  });

  it("vendor writes one self-contained document from multi-file upstream copies", async () => {
    const dir = join(root, "specs/multi-shop");
    expect(vendored.documentChanged).toBe(true);
    const document = parseDocumentText(
      await readFile(join(dir, "openapi.yaml"), "utf8"),
      "openapi.yaml",
    );
    expect(refsIn(document).filter((ref) => !ref.startsWith("#"))).toEqual([
      "./not-a-file.yaml",
      "./not-a-file.yaml",
    ]);
    expect(getAtPointer(document, "/components/schemas/Money/pattern")).toBe("^\\d+\\.\\d{2}$");
    await expect(checkApi(root, "multi-shop")).resolves.toEqual([]);
  });

  it("drift --from DIR reports a change made only in a referenced upstream file", async () => {
    const from = join(root, "upstream-now");
    await cp(join(fixtures, "multi-file/bundle"), from, { recursive: true });
    const common = join(from, "common.json");
    await writeFile(
      common,
      (await readFile(common, "utf8")).replace(
        '"type": "string", "pattern"',
        '"type": "number", "pattern"',
      ),
    );
    const { changes } = await detectDrift(root, "multi-shop", { from });
    expect(changes.map((change) => [change.level, change.id, change.operation])).toEqual([
      ["breaking", "response-property-type-changed", "GET /invoices/{id}"],
      // Pets reach Money too: pet.json → invoice.yaml → common.json.
      ["breaking", "response-property-type-changed", "GET /pets"],
    ]);
  });

  it("codegen's validators (what validate runs) check the schema from the referenced file", async () => {
    const api = await generateInto(
      join(fixtures, "multi-file/bundle/openapi.yaml"),
      "multi-file-bundle",
    );
    const check = (body: unknown) =>
      validateResponseWith(api.index, api.module, { operation: "getInvoice", status: 200, body });
    expect(check({ id: "I-1", total: "12.50" })).toMatchObject({ valid: true });
    // Money's pattern lives in common.json, two references away.
    expect(check({ id: "I-1", total: "12.5" })).toMatchObject({
      valid: false,
      errors: [{ pointer: "/total", keyword: "pattern" }],
    });
  });
});

/** The CLI as users run it from the fixtures folder (main maps errors to exit codes), in-process. */
async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { code, out, err } = await runCliIn(fixtures, args);
  return { status: code, stdout: out, stderr: err };
}

describe("exit codes through the CLI", () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), "bundle-cli-"));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it.each<[string, { args: () => string[]; status: number; stdout?: RegExp; stderr: RegExp }]>([
    [
      "diff across a changed referenced file: 1",
      {
        args: () => [
          "diff",
          "multi-file/diff/old/openapi.yaml",
          "multi-file/diff/new/openapi.yaml",
        ],
        status: 1,
        stdout: /response property 'total' \(200 application\/json\) type\/format changed/,
        stderr: /^$/,
      },
    ],
    [
      "diff with a missing referenced file: 2, naming the file that refers and the pointer",
      {
        args: () => ["diff", "multi-file/broken-refs/missing-file.yaml", "shop.yaml"],
        status: 2,
        stderr:
          /^api-contracts diff: multi-file\/broken-refs\/schemas\.yaml: \/Invoice\/properties\/total\/\$ref: \$ref '\.\/money\.yaml#\/Money' names .*money\.yaml, which cannot be read/,
      },
    ],
    [
      "codegen --spec with a remote reference: 2, naming the ref, the file and the fix",
      {
        args: () => [
          "codegen",
          "--spec",
          "multi-file/remote/openapi.yaml",
          "--out",
          join(out, "x"),
        ],
        status: 2,
        stderr:
          /^api-contracts codegen: multi-file\/remote\/openapi\.yaml: .*\$ref 'https:\/\/schemas\.example\.com\/billing\.yaml#\/Invoice' is a remote reference.*vendor it beside the document/,
      },
    ],
  ])("%s", async (_name, { args, status, stdout, stderr }) => {
    const result = await cli(args());
    expect(result.stderr).toMatch(stderr);
    if (stdout) expect(result.stdout).toMatch(stdout);
    expect(result.status).toBe(status);
  });
});
