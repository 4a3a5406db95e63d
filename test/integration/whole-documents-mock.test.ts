/**
 * Whole documents pass the mock suite: a small OpenAPI 3.0 document, a 3.1 document with every
 * kind of write (uuid ids, problem+json errors, ".50" decimals, required query parameters) and
 * Gcore's whole reseller document, each run once against Prism (one run, one Prism per document),
 * every operation exercised and listed in the JUnit report. Validators are compiled in memory
 * (test/contract/fixture-api.ts), so no codegen step runs here; `add`'s own test covers the CLI.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileRequestSchemas } from "../../src/cli/compile-request-schemas.js";
import { checkDocumentExamples } from "../../src/codegen/examples/check-document-examples.js";
import { isError, suiteExitCode } from "../../src/contract/reporting/tally.js";
import { writeReports } from "../../src/contract/reporting/write-reports.js";
import { runContractSuite, type SuiteResult } from "../../src/contract/run-suite.js";
import { fixtureCatalog } from "../contract/fixture-api.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "../fixtures/whole-documents");
const GCORE = join(here, "../../../shared/upstream/gcore-billing_reseller_api.yaml");

const documents = [
  { api: "small-30", file: join(fixtures, "small-30.yaml") },
  { api: "writes-31", file: join(fixtures, "writes-31.yaml") },
  { api: "gcore-whole", file: GCORE },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe("whole documents against Prism", () => {
  let suite: SuiteResult;
  let junit: string;
  let reports: string;
  beforeAll(async () => {
    suite = await runContractSuite({
      target: "mock",
      catalog: fixtureCatalog(documents),
      checkExamples: checkDocumentExamples,
      compileSchemas: compileRequestSchemas,
      prismIsolation: "in-process",
    });
    reports = await mkdtemp(join(tmpdir(), "whole-documents-"));
    junit = await readFile((await writeReports(suite, reports)).junit, "utf8");
  }, 120_000);
  afterAll(async () => {
    if (reports) await rm(reports, { recursive: true, force: true });
  });

  it.each(documents.map((d) => [d.api]))("%s: every check of every case passes", (api) => {
    const result = suite.apis.find((a) => a.api === api);
    const failures = result?.cases.flatMap((c) => c.failures.filter(isError));
    expect(failures).toEqual([]);
  });

  it("exits 0", () => {
    expect(suiteExitCode(suite)).toBe(0);
  });

  it.each(documents.map((d) => [d.api]))(
    "%s: every operation is sent at least once and named in the JUnit report",
    (api) => {
      const result = suite.apis.find((a) => a.api === api);
      const sent = new Set(
        result?.cases.filter((c) => c.run.skipped === undefined).map((c) => c.run.case.operation),
      );
      const operations = new Set(result?.cases.map((c) => c.run.case.operation));
      expect(operations.size).toBe(result?.operations);
      expect([...operations].filter((o) => !sent.has(o))).toEqual([]);
      for (const operation of operations)
        expect(junit).toContain(`classname="${api}.${operation}"`);
    },
  );

  it.each([
    ["createPayment id from known id 0", { method: "POST", status: 201, body: "application/json" }],
    ["replacePayment id from known id 0", { method: "PUT", status: 200, body: "application/json" }],
    [
      "updatePayment id from known id 0",
      { method: "PATCH", status: 200, body: "application/merge-patch+json" },
    ],
    ["deletePayment id from known id 0", { method: "DELETE", status: 204, body: undefined }],
  ])("writes-31: %s is sent with a generated body and succeeds", (id, want) => {
    const run = suite.apis
      .find((a) => a.api === "writes-31")
      ?.cases.find((c) => c.run.case.id === id)?.run;
    expect(run?.exchanges[0]?.method).toBe(want.method);
    expect(run?.exchanges[0]?.status).toBe(want.status);
    expect(run?.case.body?.mediaType).toBe(want.body);
  });

  it.each([
    ["writes-31", "getPayment 404 unknown id"],
    ["writes-31", "deletePayment 404 unknown id"],
    ["gcore-whole", "v1_reports_retrieve 404 unknown id"],
    ["gcore-whole", "v1_reports_destroy 404 unknown id"],
  ])("%s: %s sends a well-formed uuid and gets the documented 404", (api, id) => {
    const run = suite.apis.find((a) => a.api === api)?.cases.find((c) => c.run.case.id === id)?.run;
    const path = run?.params.path ?? {};
    expect(Object.values(path).some((v) => UUID.test(String(v)))).toBe(true);
    expect(run?.exchanges[0]?.status).toBe(404);
  });

  it("serves problem+json errors with a body that matches the Problem schema", () => {
    const run = suite.apis
      .find((a) => a.api === "writes-31")
      ?.cases.find((c) => c.run.case.id === "getPayment 404 unknown id")?.run;
    expect(run?.exchanges[0]?.contentType).toMatch(/^application\/problem\+json/);
    expect(run?.exchanges[0]?.body.kind).toBe("json");
  });
});

describe("a request Prism refuses", () => {
  it("is reported as api-contracts' case-generation defect, never as a vendor violation", async () => {
    // Seeded through the run's planned values: a body that breaks the request schema
    // (`amount` must be a decimal string), as a generator bug would produce.
    const seeded = {
      "writes-31": {
        createPayment: {
          parameters: { "path accountId": ["acc_abcdefgh"] },
          unknownIds: {},
          body: { mediaType: "application/json", value: { amount: 12.5, currency: "EUR" } },
          notes: [],
        },
      },
    };
    const suite = await runContractSuite({
      target: "mock",
      catalog: fixtureCatalog([documents[1] as (typeof documents)[number]]),
      checkExamples: checkDocumentExamples,
      compileSchemas: compileRequestSchemas,
      prismIsolation: "in-process",
      derive: { values: seeded },
    });
    const run = suite.apis[0]?.cases.find(
      (c) => c.run.case.id === "createPayment id from known id 0",
    );
    const failures = run?.failures.filter(isError) ?? [];
    expect(run?.run.exchanges[0]?.status).toBe(422);
    expect(failures.map((f) => f.check)).toEqual(["case_generation"]);
    // The document defines a 422 (Problem), so Prism answers with it and names the violation
    // in its sl-violations header.
    expect(failures[0]?.pointer).toBe("/request/body/amount");
    expect(failures[0]?.message).toMatch(
      /case-generation defect of api-contracts, not a vendor violation\): Prism flags the request: .*string/,
    );
  }, 60_000);
});
