import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dump, load } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGcoreBillingClient } from "../../generated/gcore-billing/client.js";
import { replayAfterDrift, replayDriftResults } from "../../src/replay/replay-after-drift.js";
import { replayRecordings } from "../../src/replay/replay-recordings.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/sandbox-server.js";
import { runCli } from "../support/run-cli.js";

const SPEC = "specs/gcore-billing/openapi.yaml";
type Doc = {
  components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> };
};

let work: string;
let sandbox: Sandbox;
let recordings: string;

/** A copy of the Gcore spec with `edit` applied to the invoice schema, written as YAML. */
async function specWith(
  name: string,
  edit: (invoice: Record<string, Record<string, unknown>>) => void,
): Promise<string> {
  const document = load(await readFile(SPEC, "utf8")) as Doc;
  const invoice = document.components.schemas.ErpInvoiceExternal;
  if (!invoice) throw new Error("fixture: ErpInvoiceExternal missing");
  edit(invoice.properties);
  const file = join(work, `${name}.yaml`);
  await writeFile(file, dump(document));
  return file;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "replay-"));
  recordings = join(work, "recordings");
  sandbox = await startSandbox({ api: "gcore-billing" });
  const client = createGcoreBillingClient({
    apiKey: sandbox.credentials.gcoreApiKey,
    baseUrl: sandbox.url,
    record: { dir: recordings, spec: SPEC },
  });
  const list = await client.GET("/billing/org/v1/erp-invoices", {
    params: { query: { limit: 3 } },
  });
  const id = (list.data?.results[0] as { id: number } | undefined)?.id ?? 1;
  await client.GET("/billing/org/v1/erp-invoices/{id}", { params: { path: { id } } });
});
afterAll(async () => {
  await sandbox.close();
  await rm(work, { recursive: true, force: true });
});

describe("replayRecordings", () => {
  it("passes against the unchanged spec, listing what the recording does not cover", async () => {
    const result = await replayRecordings({ dir: recordings, specFile: SPEC });
    expect(result.contradicted).toBe(false);
    const [api] = result.apis;
    expect(api?.uncovered).toEqual(["v1_erp_invoices_download_retrieve"]);
    expect(api?.operations.find((o) => o.operation === "v1_erp_invoices_list")?.exchanges).toBe(1);
    expect(api?.operations.flatMap((o) => o.undocumentedFields)).toEqual([]);
  });

  it.each([
    [
      "a field's type changed",
      (p: Record<string, Record<string, unknown>>) => {
        p.name = { type: "integer" };
      },
      {
        list: { pointer: "/results/0/name", keyword: "type" },
        retrieve: { pointer: "/name", keyword: "type" },
      },
    ],
  ])("flags the field when %s, with operation and pointer", async (name, edit, want) => {
    const spec = await specWith(name.replace(/\W/g, "-"), edit);
    const result = await replayRecordings({ dir: recordings, specFile: spec });
    expect(result.contradicted).toBe(true);
    const operations = result.apis[0]?.operations ?? [];
    const list = operations.find((o) => o.operation === "v1_erp_invoices_list");
    expect(list?.rejected[0]?.violations).toContainEqual(expect.objectContaining(want.list));
    const retrieve = operations.find((o) => o.operation === "v1_erp_invoices_retrieve");
    expect(retrieve?.rejected[0]?.violations).toContainEqual(
      expect.objectContaining(want.retrieve),
    );
  });

  it("lists fields the traffic holds and the spec no longer describes", async () => {
    const spec = await specWith("no-currency", (p) => {
      delete p.currency;
    });
    const result = await replayRecordings({ dir: recordings, specFile: spec });
    const list = result.apis[0]?.operations.find((o) => o.operation === "v1_erp_invoices_list");
    expect(list?.undocumentedFields).toEqual(["/results/*/currency"]);
    expect(result.contradicted).toBe(false);
  });
});

describe("replayAfterDrift (the drift and pull step)", () => {
  it.each([
    ["an API without recordings is skipped", "softwareone-marketplace", false, undefined],
    ["the unchanged document passes", "gcore-billing", false, false],
    ["a changed field type contradicts", "gcore-billing", true, true],
  ] as const)("%s", async (_name, api, change, want) => {
    const document = load(await readFile(SPEC, "utf8")) as Doc;
    const invoice = document.components.schemas.ErpInvoiceExternal;
    if (change && invoice) invoice.properties.name = { type: "integer" };
    const replay = await replayAfterDrift({
      root: work,
      api,
      document: document as never,
      label: "upstream",
    });
    expect(replay?.contradicted).toBe(want);
    if (want) expect(replay?.text).toContain("/results/0/name  type");
  });
});

it("replayDriftResults writes each replay and reports a contradiction", async () => {
  const document = load(await readFile(SPEC, "utf8")) as Doc;
  const invoice = document.components.schemas.ErpInvoiceExternal;
  if (invoice) invoice.properties.currency = { type: "boolean" };
  let written = "";
  const out = {
    write: (chunk: string) => {
      written += chunk;
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  const results = [
    { api: "gcore-billing", fetched: { build: { document: document as never } } },
    { api: "softwareone-marketplace", fetched: { build: { document: document as never } } },
  ];
  expect(await replayDriftResults(work, results, out)).toBe(true);
  expect(written).toContain("/results/0/currency  type");
  expect(written).not.toContain("replay softwareone-marketplace");
});

describe("api-contracts replay", () => {
  it("exits 0 against the unchanged spec and writes the reports", async () => {
    const reports = join(work, "ok-reports");
    const { code, out } = await runCli([
      "replay",
      recordings,
      "--spec",
      SPEC,
      "--reports",
      reports,
    ]);
    expect(out).toContain("ok   v1_erp_invoices_list");
    expect(out).toContain("not covered by the recording: v1_erp_invoices_download_retrieve");
    expect(code).toBe(0);
    const junit = await readFile(join(reports, "replay.junit.xml"), "utf8");
    expect(junit).toContain("v1_erp_invoices_list");
    expect(junit).not.toContain("<failure");
  });

  it("exits 1 when recorded traffic contradicts the spec, naming operation, pointer and rule", async () => {
    const spec = await specWith("cli-type", (p) => {
      p.name = { type: "integer" };
    });
    const reports = join(work, "fail-reports");
    const { code, out } = await runCli([
      "replay",
      recordings,
      "--spec",
      spec,
      "--reports",
      reports,
    ]);
    expect(code).toBe(1);
    expect(out).toContain("FAIL v1_erp_invoices_list");
    expect(out).toMatch(/\/results\/0\/name {2}type {2}/);
    const json = JSON.parse(await readFile(join(reports, "replay.json"), "utf8"));
    expect(json.contradicted).toBe(true);
    const junit = await readFile(join(reports, "replay.junit.xml"), "utf8");
    expect(junit).toContain("/results/0/name");
  });

  it.each([
    ["no folder", ["replay", "--spec", SPEC], "needs exactly one recording folder"],
    ["no --spec", ["replay", "x"], "needs --spec FILE"],
    ["a folder without recordings", ["replay", "src", "--spec", SPEC], "holds no recording"],
  ])("%s is a usage error (exit 2)", async (_name, argv, want) => {
    const { code, err } = await runCli(argv);
    expect(code).toBe(2);
    expect(err).toContain(want);
  });

  it("a tampered recording is exit 2 naming the file", async () => {
    const file = join(recordings, "gcore-billing", "v1_erp_invoices_retrieve.har");
    const original = await readFile(file, "utf8");
    try {
      await writeFile(file, original.replace('"status": 200', '"status": 201'));
      const { code, err } = await runCli(["replay", recordings, "--spec", SPEC]);
      expect(code).toBe(2);
      expect(err).toContain(file);
      expect(err).toContain("does not match the sha256");
    } finally {
      await writeFile(file, original);
    }
  });
});
