/**
 * A spec the suite has never seen (the shop fixture) gets its cases and checks with no hand-written
 * test: the mock run derives them, starts Prism, passes, and reports the spec's broken example.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { compileRequestSchemas } from "../../src/cli/compile-request-schemas.js";
import { checkDocumentExamples } from "../../src/codegen/examples/check-document-examples.js";
import { isError, suiteExitCode, tallyApi } from "../../src/contract/reporting/tally.js";
import { runContractSuite, type SuiteResult } from "../../src/contract/run-suite.js";
import { fixtureCatalog, SHOP_SPEC } from "./fixture-api.js";

const catalog = fixtureCatalog([{ api: "shop-orders", file: SHOP_SPEC }]);

describe("mock run of a spec without hand-written tests", () => {
  let suite: SuiteResult;
  const isolations: string[] = [];
  beforeAll(async () => {
    suite = await runContractSuite({
      target: "mock",
      catalog,
      checkExamples: checkDocumentExamples,
      compileSchemas: compileRequestSchemas,
      prismIsolation: "in-process",
      onPrismStarted: (prism) => isolations.push(prism.isolation),
    });
  });

  it("runs Prism where asked (in this process here; the CLI's default is a child process)", () => {
    expect(isolations).toEqual(["in-process"]);
  });

  it("passes every check of every derived case", () => {
    const [result] = suite.apis;
    expect(result?.cases.flatMap((c) => c.failures.filter(isError))).toEqual([]);
    expect(suiteExitCode(suite)).toBe(0);
    expect(tallyApi(result as never).checksPassed).toBeGreaterThan(50);
  });

  it.each([
    ["orders_list ordering=-placed,id", 200],
    ["orders_list walk 3 pages of 5", 200],
    ["orders_retrieve id from list item 0", 200],
    ["orders_retrieve 404 unknown id", 404],
    ["orders_list 401 without credentials", 401],
    ["customers_retrieve select=key,name", 200],
  ])("sends %s and gets %i", (id, status) => {
    const run = suite.apis[0]?.cases.find((c) => c.run.case.id === id)?.run;
    expect(run?.exchanges.at(-1)?.status).toBe(status);
  });

  it("sends every operation, writes with a body generated from the request schema", () => {
    const skipped = suite.apis[0]?.cases.filter((c) => c.run.skipped !== undefined);
    expect(skipped?.map((c) => [c.run.case.id, c.run.skipped])).toEqual([]);
    const create = suite.apis[0]?.cases.find(
      (c) => c.run.case.id === "orders_create required params only",
    )?.run;
    expect(create?.case.body?.mediaType).toBe("application/json");
    expect(create?.exchanges[0]?.method).toBe("POST");
    expect(create?.exchanges[0]?.status).toBe(201);
  });

  it("reports the example that breaks its own schema as a spec warning", () => {
    const defects = suite.apis[0]?.specDefects.filter((d) => d.source === "example");
    expect(defects?.map((d) => d.pointer)).toEqual([
      "/components/schemas/Order/properties/total/example",
    ]);
    expect(suiteExitCode({ ...suite, strictExamples: true })).toBe(1);
  });
});

describe("set-up errors", () => {
  it("rejects an unknown API, naming the known ones", async () => {
    await expect(
      runContractSuite({
        target: "mock",
        catalog,
        apis: ["shop"],
        checkExamples: checkDocumentExamples,
      }),
    ).rejects.toThrow("unknown API 'shop'; known: shop-orders");
  });

  it("fails with exit 2 when Prism cannot start, naming the file", async () => {
    const broken = fixtureCatalog([{ api: "shop-orders", file: SHOP_SPEC }]);
    const failing = { ...broken, specFile: async () => `${SHOP_SPEC}.missing` };
    const error = await runContractSuite({
      target: "mock",
      catalog: failing,
      checkExamples: checkDocumentExamples,
    }).catch((e: unknown) => e);
    expect((error as { exitCode?: number }).exitCode).toBe(2);
    expect(String(error)).toContain("shop-orders.yaml.missing");
  });
});
