import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/vendor-command.js";
import { SpecError, StrictWarningsError, UnknownApiError } from "../../src/errors.js";
import { runCliIn } from "../support/run-cli.js";

const repo = join(import.meta.dirname, "../..");
const GCORE_DOC = "specs/gcore-billing/openapi.yaml";
const GCORE_COPY = "specs/gcore-billing/upstream/billing_reseller_api.yaml";

/** Run the command with stdout/stderr captured. */
async function vendor(args: string[], root: string) {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await run(args, root);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

let copy: string;
beforeEach(async () => {
  copy = await mkdtemp(join(tmpdir(), "vendor-test-"));
  await cp(join(repo, "specs"), join(copy, "specs"), { recursive: true });
});
afterEach(async () => {
  await rm(copy, { recursive: true, force: true });
});

async function editFile(root: string, file: string, change: (text: string) => string) {
  const path = join(root, file);
  const before = await readFile(path, "utf8");
  const after = change(before);
  expect(after).not.toBe(before);
  await writeFile(path, after);
}

describe("vendor --check", () => {
  it("passes on the repository as committed", async () => {
    const result = await vendor(["--check"], repo);
    expect(result).toEqual({
      code: 0,
      stdout: "gcore-billing: up to date\nsoftwareone-marketplace: up to date\n",
      stderr: "",
    });
  });

  it.each([
    [
      "an edited enum value in the vendored document",
      {
        file: GCORE_DOC,
        change: (t: string) => t.replace("- in_payment", "- in_paymnet"),
        want: /gcore-billing: specs\/gcore-billing\/openapi\.yaml differs from what its sources produce \(first at line \d+\)/,
      },
    ],
    [
      "an upstream copy that no longer matches its recorded sha256",
      {
        file: GCORE_COPY,
        change: (t: string) => `${t}\n`,
        want: /gcore-billing: specs\/gcore-billing\/upstream\/billing_reseller_api\.yaml: sha256 is [0-9a-f]{64}, source\.json records 545ba259/,
      },
    ],
    [
      "a hand-edited JSON document",
      {
        file: "specs/softwareone-marketplace/openapi.json",
        change: (t: string) => t.replace('"title": "Marketplace API"', '"title": "Marketplace"'),
        want: /softwareone-marketplace: specs\/softwareone-marketplace\/openapi\.json differs/,
      },
    ],
  ])("exits 1 naming the API after %s", async (_name, { file, change, want }) => {
    await editFile(copy, file, change);
    const result = await vendor(["--check"], copy);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(want);
    const stale = file.includes("gcore") ? "gcore-billing" : "softwareone-marketplace";
    expect(result.stderr).toContain(`vendor --check failed for: ${stale}\n`);
  });
});

describe("vendor", () => {
  it("restores an edited document, atomically, and then --check passes", async () => {
    const committed = await readFile(join(repo, GCORE_DOC), "utf8");
    await editFile(copy, GCORE_DOC, (t) => t.replace("- in_payment", "- in_paymnet"));
    const result = await vendor(["gcore-billing"], copy);
    expect(result).toEqual({ code: 0, stdout: `gcore-billing: wrote ${GCORE_DOC}\n`, stderr: "" });
    expect(await readFile(join(copy, GCORE_DOC), "utf8")).toBe(committed);
    // No temporary file left beside what vendoring owns and the API's own contract.json.
    expect((await readdir(join(copy, "specs/gcore-billing"))).sort()).toEqual([
      "contract.json",
      "openapi.yaml",
      "source.json",
      "upstream",
    ]);
    expect((await vendor(["--check"], copy)).code).toBe(0);
  });

  it("records a replaced upstream copy's sha256 in source.json", async () => {
    await editFile(copy, GCORE_COPY, (t) => `${t}\n`);
    const result = await vendor(["gcore-billing"], copy);
    expect(result.stdout).toContain(
      "gcore-billing: recorded new sha256/info.version in specs/gcore-billing/source.json",
    );
    expect(await readFile(join(copy, "specs/gcore-billing/source.json"), "utf8")).not.toContain(
      "545ba259",
    );
    expect((await vendor(["--check"], copy)).code).toBe(0);
  });

  it.each([
    [
      "an unknown API",
      {
        args: ["gcor"],
        error: UnknownApiError,
        want: "unknown API 'gcor'; known: gcore-billing, softwareone-marketplace",
      },
    ],
    [
      "malformed YAML in an upstream copy",
      {
        args: ["--check"],
        error: SpecError,
        edit: (t: string) => t.replace('"openapi": "3.1.0"', '"openapi": ["3.1.0"'),
        want: /^specs\/gcore-billing\/upstream\/billing_reseller_api\.yaml:\d+:\d+: invalid YAML/,
      },
    ],
    [
      "an upstream copy that is missing",
      {
        args: ["gcore-billing"],
        error: SpecError,
        remove: true,
        want: "specs/gcore-billing/upstream/billing_reseller_api.yaml: cannot read (ENOENT); copy the upstream document",
      },
    ],
  ])("%s is a typed error with exit code 2, and nothing is written", async (_name, given) => {
    if ("edit" in given && given.edit) await editFile(copy, GCORE_COPY, given.edit);
    if ("remove" in given) await rm(join(copy, GCORE_COPY));
    const before = await readFile(join(copy, GCORE_DOC), "utf8");
    const attempt = vendor(given.args, copy);
    await expect(attempt).rejects.toThrow(given.error);
    await expect(attempt).rejects.toThrow(given.want);
    await expect(attempt).rejects.toMatchObject({ exitCode: 2 });
    expect(await readFile(join(copy, GCORE_DOC), "utf8")).toBe(before);
  });
});

describe("vendor prints the document's defects once, in one block", () => {
  /** A patch giving the Gcore document a global requirement naming an undefined scheme. */
  async function addUndefinedScheme(root: string): Promise<void> {
    await editFile(root, "specs/gcore-billing/source.json", (text) => {
      const manifest = JSON.parse(text) as { patches: unknown[] };
      manifest.patches.push({
        reason: "test: a requirement naming an undefined scheme",
        mergePatch: { security: [{ Missing: [] }] },
      });
      return `${JSON.stringify(manifest, null, 2)}\n`;
    });
  }

  it.each([
    ["a document without defects: no block", { defect: false, want: /^$/ }],
    [
      "an undefined security scheme: one block naming it",
      {
        defect: true,
        want: /^gcore-billing: specs\/gcore-billing\/openapi\.yaml: 1 warning\(s\) codegen works around:\n {2}\/security\/0\/Missing: undefined-security-scheme: security scheme 'Missing'/,
      },
    ],
  ])(
    "%s",
    async (_name, { defect, want }) => {
      if (defect) await addUndefinedScheme(copy);
      const result = await vendor(["gcore-billing"], copy);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(want);
      expect(result.stderr.match(/codegen works around/g)?.length ?? 0).toBe(defect ? 1 : 0);
    },
    60_000,
  );

  it("--strict exits 2 (StrictWarningsError) and writes nothing", async () => {
    await addUndefinedScheme(copy);
    const before = await readFile(join(copy, GCORE_DOC), "utf8");
    const failure = vendor(["gcore-billing", "--strict"], copy);
    await expect(failure).rejects.toBeInstanceOf(StrictWarningsError);
    await expect(failure).rejects.toMatchObject({ exitCode: 2 });
    expect(await readFile(join(copy, GCORE_DOC), "utf8")).toBe(before);
  }, 60_000);
});

describe("vendor with bad input in one API", () => {
  it("writes nothing for any API", async () => {
    await editFile(copy, GCORE_DOC, (t) => t.replace("- in_payment", "- in_paymnet"));
    const edited = await readFile(join(copy, GCORE_DOC), "utf8");
    await editFile(copy, "specs/softwareone-marketplace/upstream/get-invoice.md", (t) =>
      t.replace('{"openapi":"3.0.1"', '{"openapi":"3.0.1",,'),
    );
    await expect(vendor([], copy)).rejects.toThrow(
      /^specs\/softwareone-marketplace\/upstream\/get-invoice\.md:8:\d+: invalid JSON/,
    );
    expect(await readFile(join(copy, GCORE_DOC), "utf8")).toBe(edited);
  });
});

describe("api-contracts vendor, end to end", () => {
  const cli = async (args: string[], cwd: string) => {
    const { code, out, err } = await runCliIn(cwd, args);
    return { code, stdout: out, stderr: err };
  };

  it.each([
    [["vendor", "--check"], 0, /^$/],
    [
      ["vendor", "gcor"],
      2,
      /^api-contracts vendor: unknown API 'gcor'; known: gcore-billing, softwareone-marketplace\n$/,
    ],
    [["vendor", "--chek"], 2, /Unknown option '--chek'.*see 'api-contracts vendor --help'/],
  ])("%j exits %i", async (args, code, stderr) => {
    const result = await cli(args, copy);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(stderr);
  });
});
