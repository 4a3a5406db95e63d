import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/diff-command.js";
import { type ApiContractsError, SpecError, UsageError } from "../../src/errors.js";
import { copyOf, gcoreInvoice, type Json } from "../drift/edit-specs.js";
import { cliNodeArgs } from "../support/cli-process.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/drift/${name}`, import.meta.url));

let dir: string;
const file = (name: string) => join(dir, name);

function write(name: string, doc: Json): string {
  writeFileSync(file(name), JSON.stringify(doc));
  return file(name);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "api-contracts-diff-"));
  write("old.json", copyOf("gcore"));
  write("same.json", copyOf("gcore"));
  const breaking = copyOf("gcore");
  gcoreInvoice(breaking).properties.amount_total.nullable = true;
  write("breaking.json", breaking);
  const warning = copyOf("gcore");
  gcoreInvoice(warning).properties.payment_state.enum.push("refunded");
  write("warning.json", warning);
  const info = copyOf("gcore");
  gcoreInvoice(info).properties.notes = { type: "string" };
  write("info.json", info);
  writeFileSync(
    file("accept.yaml"),
    "ignore:\n  - id: response-property-became-nullable\n    reason: drafts carry no total\n",
  );
  writeFileSync(
    file("stale.yaml"),
    "ignore:\n  - id: request-body-removed\n    reason: long gone\n",
  );
  const version = copyOf("gcore");
  version.info.version = "2030-01-01T00:00:00+00:00";
  write("version.json", version);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Run the command in-process; returns the exit code and what it printed. */
async function diff(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const code = await run(
    args.map((a) =>
      (a.endsWith(".json") || a.endsWith(".yaml")) && !a.includes("/") ? file(a) : a,
    ),
  );
  return { code, out };
}

describe("api-contracts diff: exit codes", () => {
  it.each<[string, { args: string[]; code: number }]>([
    ["identical documents", { args: ["old.json", "same.json"], code: 0 }],
    [
      "info.version only, even with --fail-on info",
      { args: ["old.json", "version.json", "--fail-on", "info"], code: 0 },
    ],
    [
      "breaking change, default --fail-on breaking",
      { args: ["old.json", "breaking.json"], code: 1 },
    ],
    ["warning change, default --fail-on breaking", { args: ["old.json", "warning.json"], code: 0 }],
    [
      "warning change, --fail-on warning",
      { args: ["old.json", "warning.json", "--fail-on", "warning"], code: 1 },
    ],
    [
      "info change, --fail-on warning",
      { args: ["old.json", "info.json", "--fail-on", "warning"], code: 0 },
    ],
    ["info change, --fail-on info", { args: ["old.json", "info.json", "--fail-on=info"], code: 1 }],
    [
      "breaking change accepted by --ignore",
      { args: ["old.json", "breaking.json", "--ignore", "accept.yaml"], code: 0 },
    ],
    [
      "breaking change, an ignore file that accepts something else",
      { args: ["old.json", "breaking.json", "--ignore", "stale.yaml"], code: 1 },
    ],
    [
      "breaking change, --fail-on never",
      { args: ["old.json", "breaking.json", "--fail-on", "never"], code: 0 },
    ],
  ])("%s → %i", async (_name, { args, code }) => {
    expect((await diff(args)).code).toBe(code);
  });

  it.each<
    [
      string,
      {
        args: string[];
        error: abstract new (...args: never[]) => ApiContractsError;
        message: string;
      },
    ]
  >([
    [
      "malformed YAML",
      {
        args: [fixture("malformed.yaml"), "old.json"],
        error: SpecError,
        message: "malformed.yaml:8",
      },
    ],
    [
      "not an OpenAPI 3 document",
      {
        args: ["old.json", fixture("not-openapi.json")],
        error: SpecError,
        // Swagger 2.0 is converted (convert-swagger.ts); 1.2 is not read.
        message: 'unsupported version: found swagger: "1.2"',
      },
    ],
    [
      "missing file",
      {
        args: ["old.json", "/nonexistent/new.yaml"],
        error: SpecError,
        message: "/nonexistent/new.yaml: cannot read: ENOENT",
      },
    ],
    [
      "one document only",
      {
        args: ["old.json"],
        error: UsageError,
        message: "expected two documents, OLD and NEW; got 1",
      },
    ],
    [
      "unknown format",
      {
        args: ["old.json", "same.json", "--format", "html"],
        error: UsageError,
        message: "unknown --format 'html'",
      },
    ],
    [
      "unknown threshold",
      {
        args: ["old.json", "same.json", "--fail-on", "error"],
        error: UsageError,
        message: "unknown --fail-on 'error'",
      },
    ],
    [
      "--types without --impact",
      {
        args: ["old.json", "same.json", "--types", "x.ts"],
        error: UsageError,
        message: "add --impact TSCONFIG",
      },
    ],
    [
      "an ignore file that does not exist",
      {
        args: ["old.json", "same.json", "--ignore", "/nonexistent/ignore.yaml"],
        error: UsageError,
        message: "cannot read the ignore file",
      },
    ],
    [
      "unknown flag",
      { args: ["old.json", "same.json", "--base", "x"], error: UsageError, message: "--base" },
    ],
  ])("%s → exit 2", async (_name, { args, error, message }) => {
    const failure = await diff(args).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(error);
    expect((failure as ApiContractsError).exitCode).toBe(2);
    expect((failure as Error).message).toContain(message);
  });
});

describe("api-contracts diff: formats", () => {
  it("text lists each change and a summary", async () => {
    const { out } = await diff(["old.json", "breaking.json"]);
    expect(out).toContain(
      "breaking response-property-became-nullable  GET /billing/org/v1/erp-invoices/{id}:",
    );
    expect(out.trimEnd().split("\n").at(-1)).toBe("2 changes: 2 breaking, 0 warning, 0 info");
  });

  it("json prints one document with every change in `changes`", async () => {
    const { out } = await diff(["old.json", "warning.json", "--format", "json"]);
    const report = JSON.parse(out);
    expect(report.changes).toHaveLength(2);
    expect(report.changes[0]).toEqual({
      id: "response-property-enum-value-added",
      level: "warning",
      operation: "GET /billing/org/v1/erp-invoices",
      location: "/components/schemas/ErpInvoiceExternal/properties/payment_state/enum",
      message:
        "added the enum value 'refunded' to response property 'results/items/payment_state' (200 application/json)",
    });
  });

  it("markdown prints a pull-request comment: info-only changes folded", async () => {
    const { out } = await diff(["old.json", "info.json", "--format", "markdown"]);
    expect(out).toMatch(/^### API changes: /);
    expect(out).toContain("<details><summary>");
    expect(out).toContain(
      "- `GET /billing/org/v1/erp-invoices/{id}`: added the optional response property 'notes'",
    );
  });
});

describe("api-contracts diff: as a process", () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [...cliNodeArgs(), "diff", ...args], {
      cwd: repo,
      encoding: "utf8",
    });

  it("exits 1 on a breaking change and 2 on a malformed document, naming file and line", () => {
    const breaking = cli(file("old.json"), file("breaking.json"), "--format", "json");
    expect(breaking.status).toBe(1);
    expect(JSON.parse(breaking.stdout).summary.breaking).toBe(2);
    const malformed = cli(fixture("malformed.yaml"), file("old.json"));
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toMatch(/^api-contracts diff: .*malformed\.yaml:8:\d+: invalid YAML/);
  });
});
