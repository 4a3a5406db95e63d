/**
 * `api-contracts validate`: exit codes and output lines. The API registry (generated/index.ts) is
 * replaced by the vendored specs compiled with the real emitter, so the command is tested the
 * same whether or not the committed generated code has been regenerated yet.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { gcoreInvoice, gcoreInvoicePage } from "../../bench/gcore-invoice-page.js";
import { main } from "../../src/cli/main.js";

vi.mock("../../generated/index.js", async () => {
  const { compileSpecFile, VENDORED } = await import("../validate/compile-validators.js");
  const { toResponseIndex } = await import("../../src/codegen/emit-validation.js");
  const responseModules: Record<string, () => Promise<unknown>> = {};
  for (const [id, file] of Object.entries(VENDORED)) {
    const compiled = await compileSpecFile(file, id);
    const responseIndex = toResponseIndex(compiled.index);
    responseModules[id] = async () => ({
      responseIndex,
      loadValidators: async () => compiled.module,
    });
  }
  return { apiIds: Object.keys(VENDORED), responseModules };
});

const dir = mkdtempSync(join(tmpdir(), "validate-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

async function cli(
  args: string[],
  stdin?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  if (stdin !== undefined)
    vi.spyOn(process, "stdin", "get").mockReturnValue(Readable.from([stdin]) as never);
  const code = await main(["validate", ...args]);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

const page = gcoreInvoicePage(3);
const broken = structuredClone(page) as { results: Record<string, unknown>[] };
delete broken.results[2]?.payer_id;
Object.assign(broken.results[0] as object, { amount_total: "1.5", invoice_date: "2026-02-30" });
const GCORE = ["--api", "gcore-billing", "--operation", "v1_erp_invoices_list"];
const SWO = [
  "--api",
  "softwareone-marketplace",
  "--operation",
  "GET /public/v1/billing/invoices/{id}",
];
const longStatus = "S".repeat(200);

describe("api-contracts validate", () => {
  it.each<
    [
      string,
      { args: () => string[]; stdin?: string; code: number; stdout: string; stderr?: string },
    ]
  >([
    [
      "a conforming body",
      { args: () => [...GCORE, file("ok.json", page)], code: 0, stdout: "ok\n" },
    ],
    [
      "the default status is 200 (explicit here)",
      {
        args: () => [...GCORE, "--status", "200", file("ok2.json", page)],
        code: 0,
        stdout: "ok\n",
      },
    ],
    [
      "one line per violation: pointer, rule, value, explanation",
      {
        args: () => [...GCORE, file("broken.json", broken)],
        code: 1,
        stdout: [
          '/results/0/invoice_date  format  "2026-02-30"  must be a valid date',
          '/results/0/amount_total  pattern  "1.5"  must match the pattern ^\\d{1,3}\\.\\d{12}$',
          "/results/2/payer_id  required  (missing)  missing required property 'payer_id'",
          "",
        ].join("\n"),
      },
    ],
    [
      "an unexpected property at its own pointer",
      {
        args: () => [...SWO, file("extra.json", { id: "INV-1", foo: { bar: 1 } })],
        code: 1,
        stdout: `/foo  additionalProperties  {"bar":1}  unexpected property 'foo' (the schema allows no other properties)\n`,
      },
    ],
    [
      "the value cut at 80 characters",
      {
        args: () => [...SWO, file("long.json", { status: longStatus })],
        code: 1,
        stdout: `/status  enum  "${"S".repeat(78)}…  must be one of "Issued", "Paid", "Overdue"\n`,
      },
    ],
    [
      "a body read from stdin",
      { args: () => [...SWO, "-"], stdin: '{"id":"INV-1"}', code: 0, stdout: "ok\n" },
    ],
    [
      "a documented error status",
      {
        args: () => [...SWO, "--status", "404", file("problem.json", { status: 404 })],
        code: 0,
        stdout: "ok\n",
      },
    ],
    [
      "a binary response checked by content type",
      {
        args: () => [
          "--api",
          "gcore-billing",
          "--operation",
          "v1_erp_invoices_download_retrieve",
          "--content-type",
          "application/pdf",
          file("invoice.pdf", "%PDF-1.7 not json"),
        ],
        code: 0,
        stdout: "ok\n",
      },
    ],
    [
      "a content type the response does not document",
      {
        args: () => [...GCORE, "--content-type", "text/html", file("page.json", page)],
        code: 1,
        stdout:
          "(response)  contentType  \"text/html\"  content type 'text/html' is not documented for status 200 of v1_erp_invoices_list (documented: application/json)\n",
      },
    ],
    [
      "an empty file is a missing body",
      {
        args: () => [...GCORE, file("empty.json", "  \n")],
        code: 1,
        stdout:
          "(response)  body  (missing)  status 200 of v1_erp_invoices_list documents a body (application/json) but the response has none\n",
      },
    ],
    [
      "a body that is not JSON",
      { args: () => [...GCORE, file("bad.json", "{not json")], code: 1, stdout: "not JSON: " },
    ],
    [
      "a PDF where JSON is documented",
      {
        args: () => [...GCORE, "--content-type", "application/pdf", file("wrong.pdf", "%PDF-1.7")],
        code: 1,
        stdout:
          "(response)  contentType  \"application/pdf\"  content type 'application/pdf' is not documented for status 200 of v1_erp_invoices_list (documented: application/json)\n",
      },
    ],
    [
      "a root of the wrong type",
      {
        args: () => [...GCORE, file("array.json", [])],
        code: 1,
        stdout: "(root)  type  []  must be object\n",
      },
    ],
  ])("%s", async (_name, { args, stdin, code, stdout, stderr }) => {
    const result = await cli(args(), stdin);
    expect(result.code).toBe(code);
    if (stdout.endsWith(": ")) expect(result.stdout.startsWith(stdout)).toBe(true);
    else expect(result.stdout).toBe(stdout);
    expect(result.stderr).toBe(stderr ?? "");
  });

  it("says how many more violations there were beyond 1,000", async () => {
    const many = {
      count: 1,
      next: null,
      previous: null,
      results: Array.from({ length: 700 }, () => ({
        ...gcoreInvoice(1),
        payer_id: "x",
        client_id: "y",
      })),
    };
    const result = await cli([...GCORE, file("many.json", many)]);
    const lines = result.stdout.trimEnd().split("\n");
    expect(result.code).toBe(1);
    expect(lines).toHaveLength(1001);
    expect(lines.at(-1)).toBe("… and 400 more violations");
  });

  it.each([
    [
      "an unknown API",
      {
        args: ["--api", "gcor", "--operation", "x", "body.json"],
        says: "unknown API 'gcor'; known: gcore-billing, softwareone-marketplace",
      },
    ],
    [
      "an unknown operation",
      {
        args: ["--api", "gcore-billing", "--operation", "listInvoices", "body.json"],
        says: "unknown operation 'listInvoices' for API 'gcore-billing'",
      },
    ],
    [
      "an undocumented status",
      {
        args: [...GCORE, "--status", "418", "body.json"],
        says: "operation 'v1_erp_invoices_list' documents no response for status 418; documented: 200, 401, 403",
      },
    ],
    [
      "a status that is not one",
      {
        args: [...GCORE, "--status", "OK", "body.json"],
        says: "status 'OK' is not an HTTP status code",
      },
    ],
    [
      "an unreadable file",
      {
        args: [...GCORE, join(tmpdir(), "does-not-exist-4f1c.json")],
        says: "cannot read the body from",
      },
    ],
    ["a missing --api", { args: ["--operation", "x", "body.json"], says: "--api is required" }],
    [
      "a missing --operation",
      { args: ["--api", "gcore-billing", "body.json"], says: "--operation is required" },
    ],
    ["no body file", { args: GCORE, says: "give exactly one body file, or - for stdin (got 0)" }],
    [
      "an unknown flag",
      { args: [...GCORE, "--strict", "body.json"], says: "Unknown option '--strict'" },
    ],
  ])("exits 2 with a clear message for %s", async (_name, { args, says }) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(says);
    expect(result.stderr.startsWith("api-contracts validate: ")).toBe(true);
  });

  it("prints its usage with --help", async () => {
    const result = await cli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("usage: api-contracts validate --api ID --operation OP");
  });
});
