/** drift and pull read `specs/<api>/diff-ignore.yaml`: a copy of the repository's Gcore API in a temporary root. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/drift-command.js";
import { detectDrift } from "../../src/drift/detect-drift.js";
import { IgnoreFileError } from "../../src/drift/diff-policy.js";
import { apiIgnoreFile } from "../../src/drift/ignore-file-location.js";
import { CAPTURED, edited, startUpstreamServer, type UpstreamServer } from "./upstream-server.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const GCORE = "billing_reseller_api.yaml";
const AMOUNT_TOTAL = '"amount_total": {"description": "Total amount with tax", "type": "string"';
const limits = { timeoutMs: 2_000, maxBytes: 4 * 1024 * 1024 };
let server: UpstreamServer;
let root: string;

beforeAll(async () => {
  server = await startUpstreamServer();
  server.routes = {
    ...CAPTURED,
    [GCORE]: edited(CAPTURED[GCORE], AMOUNT_TOTAL, `${AMOUNT_TOTAL}, "nullable": true`),
  };
  root = mkdtempSync(join(tmpdir(), "api-contracts-ignore-"));
  mkdirSync(join(root, "specs"));
  cpSync(join(repo, "specs", "gcore-billing"), join(root, "specs", "gcore-billing"), {
    recursive: true,
  });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

const ignoreFile = () => join(root, "specs", "gcore-billing", "diff-ignore.yaml");

describe("specs/<api>/diff-ignore.yaml", () => {
  it("is optional", async () => {
    rmSync(ignoreFile(), { force: true });
    expect((await apiIgnoreFile(root, "gcore-billing")).ignore).toEqual([]);
  });

  it("accepts the listed change in drift, which then exits 0 at --fail-on breaking", async () => {
    writeFileSync(
      ignoreFile(),
      "ignore:\n  - id: response-property-became-nullable\n    location: /components/schemas/ErpInvoiceExternal/properties/amount_total/nullable\n    reason: drafts have no total; InvoiceMapper handles null\n",
    );
    const result = await detectDrift(root, "gcore-billing", { from: server.baseUrl, limits });
    expect(result.changes.length).toBeGreaterThan(0);
    expect(result.changes.every((c) => c.accepted?.reason.startsWith("drafts"))).toBe(true);
    expect(result.unusedIgnores).toEqual([]);
    let out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    const code = await run(
      ["--from", server.baseUrl, "--fail-on", "breaking", "gcore-billing"],
      root,
      limits,
    );
    expect(code).toBe(0);
    expect(out).toContain("#### Accepted by the ignore file");
    expect(out).toContain("Reason: drafts have no total; InvoiceMapper handles null");
  });

  it("names the file when it is wrong (exit 2, not drift)", async () => {
    writeFileSync(ignoreFile(), "ignore:\n  - id: response-property-became-nullable\n");
    const failure = await detectDrift(root, "gcore-billing", {
      from: server.baseUrl,
      limits,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(IgnoreFileError);
    expect((failure as Error).message).toContain(
      join("specs", "gcore-billing", "diff-ignore.yaml"),
    );
    expect((failure as IgnoreFileError).exitCode).toBe(2);
  });
});
