/**
 * A request Prism refuses, on a whole 3.1 document with every kind of write, run against Prism:
 * reported as api-contracts' own case-generation defect, never as the vendor's violation.
 * Validators are compiled in memory (test/contract/fixture-api.ts), so no codegen step runs here.
 * The whole documents' passing mock run (every case of three documents, through the CLI) is in
 * add-api.test.ts, which adds them first.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileRequestSchemas } from "../../src/cli/compile-request-schemas.js";
import { checkDocumentExamples } from "../../src/codegen/examples/check-document-examples.js";
import { isError } from "../../src/contract/reporting/tally.js";
import { runContractSuite } from "../../src/contract/run-suite.js";
import { fixtureCatalog } from "../contract/fixture-api.js";

const here = dirname(fileURLToPath(import.meta.url));
const WRITES = { api: "writes-31", file: join(here, "../fixtures/whole-documents/writes-31.yaml") };

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
      catalog: fixtureCatalog([WRITES]),
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
