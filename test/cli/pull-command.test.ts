import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import jsYaml from "js-yaml";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/pull-command.js";
import { sha256Hex } from "../../src/document/build-vendored-document.js";
import { checkApi } from "../../src/document/vendor-api.js";
import { UpstreamUnavailableError } from "../../src/drift/fetch-upstream.js";
import type { Json } from "../drift/edit-specs.js";
import {
  CAPTURED,
  edited,
  startUpstreamServer,
  type UpstreamServer,
} from "../drift/upstream-server.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const GCORE = "billing_reseller_api.yaml";
const NEW_VERSION = "2026-05-16T06:00:00.000000+00:00";
const AMOUNT_TOTAL = '"amount_total": {"description": "Total amount with tax", "type": "string"';
/** Upstream regenerated with a new info.version and one breaking change. */
const PULLED = edited(
  edited(CAPTURED[GCORE], "2026-05-15T06:37:28.230198+00:00", NEW_VERSION),
  AMOUNT_TOTAL,
  `${AMOUNT_TOTAL}, "nullable": true`,
);

let server: UpstreamServer;
let root: string;
const read = (path: string) => readFileSync(join(root, path), "utf8");

beforeAll(async () => {
  server = await startUpstreamServer();
});
afterAll(() => server.close());

/** A temporary copy of the repository's specs/ and generated/: what pull writes. */
function freshCopy(): void {
  root = mkdtempSync(join(tmpdir(), "api-contracts-pull-"));
  cpSync(join(repo, "specs"), join(root, "specs"), { recursive: true });
  cpSync(join(repo, "generated"), join(root, "generated"), { recursive: true });
  // A checkout of this package: generated code keeps its relative runtime imports.
  cpSync(join(repo, "package.json"), join(root, "package.json"));
}

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

function quiet(): { out: () => string } {
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  return { out: () => out };
}

describe("api-contracts pull in a temporary copy of the repository", () => {
  it("updates the upstream copy, source.json, the vendored spec and generated/ together", async () => {
    freshCopy();
    server.routes = { ...CAPTURED, [GCORE]: PULLED };
    const untouchedMpt = read("specs/softwareone-marketplace/openapi.json");
    expect(read("generated/gcore-billing/types.ts")).toContain("readonly amount_total: string;");
    const printed = quiet();

    expect(await run(["gcore-billing", "--from", server.baseUrl, "--format", "json"], root)).toBe(
      0,
    );

    const report = JSON.parse(printed.out());
    expect(report.apis[0].api).toBe("gcore-billing");
    expect(report.apis[0].changes.map((c: { id: string }) => c.id)).toEqual([
      "response-property-became-nullable",
      "response-property-became-nullable",
    ]);
    expect(read(`specs/gcore-billing/upstream/${GCORE}`)).toBe(PULLED);
    const manifest = JSON.parse(read("specs/gcore-billing/source.json"));
    expect(manifest.sources[0]).toMatchObject({
      sha256: sha256Hex(PULLED),
      infoVersion: NEW_VERSION,
    });
    const spec = jsYaml.load(read("specs/gcore-billing/openapi.yaml")) as Json;
    expect(spec.info.version).toBe(NEW_VERSION);
    expect(spec.components.schemas.ErpInvoiceExternal.properties.amount_total.nullable).toBe(true);
    expect(read("generated/gcore-billing/types.ts")).toContain(
      "readonly amount_total: string | null;",
    );
    expect(read("specs/softwareone-marketplace/openapi.json")).toBe(untouchedMpt);
    // Only the pulled API's generated code changed; the other API's is byte-identical.
    expect(read("generated/softwareone-marketplace/client.ts")).toBe(
      readFileSync(join(repo, "generated/softwareone-marketplace/client.ts"), "utf8"),
    );
    expect(read("generated/gcore-billing/client.ts")).toContain('from "../../src/runtime');
    // What pull wrote is exactly what `vendor` would build from the new copy.
    expect(await checkApi(root, "gcore-billing")).toEqual([]);
  });

  it("writes nothing when one API's upstream cannot be read", async () => {
    freshCopy();
    server.routes = { ...CAPTURED, [GCORE]: PULLED, "get-invoice.md": { status: 500 } };
    quiet();
    const failure = await run(["--from", server.baseUrl], root).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UpstreamUnavailableError);
    expect((failure as Error).message).toContain("get-invoice.md: upstream answered 500");
    expect(read(`specs/gcore-billing/upstream/${GCORE}`)).toBe(CAPTURED[GCORE]);
    expect(read("specs/gcore-billing/openapi.yaml")).toBe(
      readFileSync(join(repo, "specs/gcore-billing/openapi.yaml"), "utf8"),
    );
  });
});
